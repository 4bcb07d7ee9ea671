// The "Corrections" webview view: counts, charts and recent records of the corrections log.
// The server computes the statistics (Requests.logStats); this renders them as static HTML.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, logStatsSchema, type LogStats } from '../server/protocol.ts';
import { renderCorrectionsPage } from './statsChart.ts';

export const correctionsViewId = 'lemaTutor.corrections';

export class CorrectionsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: false,
      enableCommandUris: ['lemaTutor.exportCorrections', 'lemaTutor.openLog'],
      localResourceRoots: [],
    };
    // A view is resolved again after it was closed; drop the previous view's listeners.
    this.disposeListeners();
    this.subscriptions.push(
      view.onDidChangeVisibility(() => {
        if (view.visible) void this.refresh();
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
      }),
    );
    void this.refresh();
  }

  /**
   * Shows the view and moves focus into it, whether it was hidden, collapsed or already open: the
   * side bar opens on the LeMa Tutor container, then the view itself is shown and focused.
   */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand('workbench.view.extension.lemaTutor');
    if (this.view) this.view.show(false);
    else await vscode.commands.executeCommand(`${correctionsViewId}.focus`);
    await this.refresh();
  }

  /** Re-reads the statistics when the view is showing. */
  async refresh(): Promise<void> {
    const view = this.view;
    if (!view?.visible) return;
    const parts = { cspSource: view.webview.cspSource, nonce: randomBytes(16).toString('base64') };
    const { stats, note } = await this.fetchStats();
    view.webview.html = renderCorrectionsPage(parts, stats, note);
  }

  private async fetchStats(): Promise<{ stats?: LogStats; note?: string }> {
    const client = this.client();
    if (!client?.isRunning()) return { note: 'The LeMa Tutor server is not running.' };
    try {
      const parsed = logStatsSchema.safeParse(await client.sendRequest(Requests.logStats));
      if (!parsed.success) return { note: 'The server sent statistics this version cannot read.' };
      const note = vscode.workspace.isTrusted ? undefined : 'This folder is not trusted: corrections made here are not recorded.';
      return { stats: parsed.data, note };
    } catch (error) {
      client.warn(`Could not read the corrections statistics: ${String(error)}`);
      return { note: 'The corrections log could not be read; see the LeMa Tutor output.' };
    }
  }

  private disposeListeners(): void {
    this.subscriptions.splice(0).forEach((s) => s.dispose());
  }

  dispose(): void {
    this.disposeListeners();
  }
}
