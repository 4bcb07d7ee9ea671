// Opens the settings where the endpoint can be set. The endpoint settings are machine-scoped: in a
// remote window (code-server, SSH, WSL, a container) they live on the Remote tab, and the User tab
// has no field for them, so the remote window opens the Remote tab.
import * as vscode from 'vscode';
import { endpointSettingsCommand } from './settingsTab.ts';

export function registerEndpointSettings(): vscode.Disposable {
  return vscode.commands.registerCommand('lemaTutor.openEndpointSettings', async () => {
    const { command, args } = endpointSettingsCommand(vscode.env.remoteName);
    await vscode.commands.executeCommand(command, ...args);
  });
}
