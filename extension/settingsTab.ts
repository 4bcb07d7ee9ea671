// Which settings tab can hold the machine-scoped endpoint settings (no `vscode` import: tested directly).
export const endpointSettingsQuery = 'lemaTutor.model';

/** The settings command and its argument for this window. */
export function endpointSettingsCommand(remoteName: string | undefined): { command: string; args: unknown[] } {
  return remoteName
    ? { command: 'workbench.action.openRemoteSettings', args: [{ query: endpointSettingsQuery }] }
    : { command: 'workbench.action.openSettings', args: [endpointSettingsQuery] };
}
