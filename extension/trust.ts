// Workspace trust: an untrusted folder gets the embedded verifier only (no endpoint requests, no log).
// VS Code only ever grants trust during a session, so one notification covers it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications, type SetTrustParams } from '../server/protocol.ts';

export function forwardTrust(client: () => LanguageClient | undefined, onGranted: () => void): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(async () => {
    const current = client();
    if (current?.isRunning()) {
      const params: SetTrustParams = { trusted: true };
      await current.sendNotification(Notifications.setTrust, params);
    }
    onGranted();
  });
}
