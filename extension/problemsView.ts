// The "Problems" tree: the problems of the active markdown document with their verdicts.
// The server owns the data (Requests.documentProblems); this only shows it and reveals a line on click.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type DocumentProblemsParams, type ProblemSummary } from '../server/protocol.ts';

const statusIcon: Record<ProblemSummary['status'], vscode.ThemeIcon> = {
  wrong: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  correct: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  unknown: new vscode.ThemeIcon('question'),
  pending: new vscode.ThemeIcon('loading~spin'),
};

const statusText: Record<ProblemSummary['status'], string> = {
  wrong: 'wrong step found',
  correct: 'no mistake found',
  unknown: 'nothing proven',
  pending: 'checking…',
};

interface ProblemNode {
  uri: vscode.Uri;
  problem: ProblemSummary;
}

export const problemsViewId = 'lemaTutor.problems';

export class ProblemsTreeProvider implements vscode.TreeDataProvider<ProblemNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly view: vscode.TreeView<ProblemNode>;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.view = vscode.window.createTreeView(problemsViewId, { treeDataProvider: this, showCollapseAll: false });
    this.subscriptions.push(
      this.view,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = activeMarkdownUri();
        if (active && event.uris.some((uri) => uri.toString() === active.toString())) this.refreshSoon();
      }),
    );
  }

  refresh(): void {
    this.changed.fire();
  }

  /** Diagnostics arrive in bursts while typing; one refresh per burst is enough. */
  private refreshSoon(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh();
    }, 250);
  }

  async getChildren(element?: ProblemNode): Promise<ProblemNode[]> {
    if (element) return [];
    const uri = activeMarkdownUri();
    // The view's description names the document the problems belong to.
    this.view.description = uri ? uri.path.split('/').pop() : undefined;
    const client = this.client();
    if (!uri || !client?.isRunning()) return [];
    try {
      const params: DocumentProblemsParams = { uri: uri.toString() };
      const problems = await client.sendRequest<ProblemSummary[] | null>(Requests.documentProblems, params);
      return (problems ?? []).map((problem) => ({ uri, problem }));
    } catch (error) {
      client.warn(`Could not list the problems of ${uri.fsPath}: ${String(error)}`);
      return [];
    }
  }

  getTreeItem({ uri, problem }: ProblemNode): vscode.TreeItem {
    const item = new vscode.TreeItem(problem.title || `Problem ${problem.index + 1}`);
    const step = problem.stepIndex !== undefined ? `step ${problem.stepIndex + 1}` : undefined;
    item.description = [statusText[problem.status], step, problem.kind].filter(Boolean).join(' · ');
    item.tooltip = `${item.label as string}\n${item.description}${problem.engine ? `\nengine: ${problem.engine}` : ''}`;
    item.iconPath = statusIcon[problem.status];
    item.contextValue = `problem.${problem.status}`;
    const position = new vscode.Position(Math.max(0, problem.line), 0);
    item.command = {
      title: 'Reveal problem',
      command: 'vscode.open',
      arguments: [uri, { selection: new vscode.Range(position, position) } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }

  dispose(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

export function activeMarkdownUri(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'markdown' ? document.uri : undefined;
}
