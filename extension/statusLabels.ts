// The status item's words for screen readers: plain text, no markdown escapes or codicon names.
// No `vscode` import, so it is tested directly.
import type { EngineState } from '../server/protocol.ts';

/** What the status item says, as plain text. */
export function accessibleLabel(state: EngineState): string {
  switch (state.state) {
    case 'embedded-only':
      return 'LeMa Tutor: embedded verifier only. Nothing leaves this machine. Activate for actions.';
    case 'ready':
      return `LeMa Tutor: model ${state.model ?? ''} ready, with the embedded verifier. Activate for actions.`.replace('  ', ' ');
    case 'checking':
      return `LeMa Tutor: checking${state.pending ? `, ${state.pending} problems waiting` : ''}. Activate for actions.`;
    case 'unreachable':
      return `LeMa Tutor: model unreachable${state.reason ? `: ${state.reason}` : ''}. Falling back to the embedded verifier. Activate for actions.`;
  }
}
