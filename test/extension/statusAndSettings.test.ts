import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointSettingsCommand } from '../../extension/settingsTab.ts';
import { accessibleLabel } from '../../extension/statusLabels.ts';

test('the status item\'s accessible label is plain text in every state', () => {
  const states = [
    { state: 'embedded-only' as const },
    { state: 'ready' as const, model: 'lema-7b' },
    { state: 'checking' as const, pending: 3 },
    { state: 'unreachable' as const, reason: 'connection refused (http://127.0.0.1:8000/v1)' },
  ];
  for (const state of states) {
    const label = accessibleLabel(state);
    assert.match(label, /^LeMa Tutor: /);
    assert.doesNotMatch(label, /&nbsp;|\\[()[\]]|\$\(|\*\*/, label);
  }
  assert.equal(accessibleLabel({ state: 'ready', model: 'lema-7b' }), 'LeMa Tutor: model lema-7b ready, with the embedded verifier. Activate for actions.');
});

test('a remote window opens the Remote settings tab, where machine settings can be set', () => {
  assert.deepEqual(endpointSettingsCommand('ssh-remote'), { command: 'workbench.action.openRemoteSettings', args: [{ query: 'lemaTutor.model' }] });
  assert.deepEqual(endpointSettingsCommand(undefined), { command: 'workbench.action.openSettings', args: ['lemaTutor.model'] });
});
