// The "Problems" tree: the problems of the active markdown document with their verdicts, and the steps
// the person marked correct (with an undo). The server owns the data (Requests.documentProblems,
// Requests.markedSteps); this only shows it and reveals a line on click.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Requests,
  fileStatusSchema,
  type DocumentProblemsParams,
  type FileStatus,
  type FileStatusParams,
  type MarkedStep,
  type ProblemSummary,
} from '../server/protocol.ts';
import type { Severity } from '../server/settings.ts';
import { markedSteps } from './markedSteps.ts';
import { markedStepItem, problemDescription } from './problemLabels.ts';

/** A wrong step's icon is the one the editor uses for the diagnostic's severity. */
const wrongIcon: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  information: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};

const statusIcon: Record<Exclude<ProblemSummary['status'], 'wrong'>, vscode.ThemeIcon> = {
  correct: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  unknown: new vscode.ThemeIcon('question'),
  pending: new vscode.ThemeIcon('loading~spin'),
  marked: new vscode.ThemeIcon('pass-filled'),
};

type Node =
  | { kind: 'problem'; uri: vscode.Uri; problem: ProblemSummary }
  | { kind: 'marks'; marks: MarkedStep[] }
  | { kind: 'mark'; mark: MarkedStep };

export const problemsViewId = 'lemaTutor.problems';

export class ProblemsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly view: vscode.TreeView<Node>;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.view = vscode.window.createTreeView(problemsViewId, { treeDataProvider: this, showCollapseAll: false });
    this.subscriptions.push(
      this.view,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = activeMarkdownUri();
        if (active && event.uris.some((uri) => uri.toString() === active.toString())) this.refreshSoon();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('lemaTutor.severity')) this.refresh();
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

  async getChildren(element?: Node): Promise<Node[]> {
    if (element?.kind === 'marks') return element.marks.map((mark) => ({ kind: 'mark', mark }));
    if (element) return [];
    const uri = activeMarkdownUri();
    // The view's description names the document the problems belong to.
    this.view.description = uri ? uri.path.split('/').pop() : undefined;
    const client = this.client();
    if (!client?.isRunning()) return [];
    const [problems, marks] = await Promise.all([uri ? this.problemsOf(client, uri) : [], this.marks(client), this.showFileStatus(client, uri)]);
    return [...problems, ...(marks.length > 0 ? [{ kind: 'marks' as const, marks }] : [])];
  }

  private async problemsOf(client: LanguageClient, uri: vscode.Uri): Promise<Node[]> {
    try {
      const params: DocumentProblemsParams = { uri: uri.toString() };
      const problems = await client.sendRequest<ProblemSummary[] | null>(Requests.documentProblems, params);
      return (problems ?? []).map((problem) => ({ kind: 'problem', uri, problem }));
    } catch (error) {
      client.warn(`Could not list the problems of ${uri.fsPath}: ${String(error)}`);
      return [];
    }
  }

  /** Sets `lemaTutor.fileStatus`, so the view's welcome text says why a file is not checked. */
  private async showFileStatus(client: LanguageClient, uri: vscode.Uri | undefined): Promise<void> {
    let status: FileStatus['status'] = 'unknown';
    if (uri) {
      const params: FileStatusParams = { uri: uri.toString() };
      const parsed = fileStatusSchema.safeParse(await client.sendRequest(Requests.fileStatus, params).catch(() => undefined));
      if (parsed.success) status = parsed.data.status;
    }
    await vscode.commands.executeCommand('setContext', 'lemaTutor.fileStatus', status);
  }

  private async marks(client: LanguageClient): Promise<MarkedStep[]> {
    try {
      return await markedSteps(client);
    } catch (error) {
      client.warn(`Could not list the steps marked correct: ${String(error)}`);
      return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'marks') {
      const item = new vscode.TreeItem(`Marked correct by you (${node.marks.length})`, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('pass-filled');
      item.tooltip = 'Steps you said are correct with the quick fix "Step k is correct". They are not flagged again; undo one to have it checked again.';
      item.contextValue = 'markedSteps';
      return item;
    }
    if (node.kind === 'mark') {
      const label = markedStepItem(node.mark);
      const item = new vscode.TreeItem(label.label);
      item.description = label.description;
      item.tooltip = label.tooltip;
      item.contextValue = 'markedStep';
      if (node.mark.uri) {
        const position = new vscode.Position(node.mark.line ?? 0, 0);
        item.command = {
          title: 'Go to the step',
          command: 'vscode.open',
          arguments: [vscode.Uri.parse(node.mark.uri), { selection: new vscode.Range(position, position) } satisfies vscode.TextDocumentShowOptions],
        };
      }
      return item;
    }
    const { uri, problem } = node;
    const item = new vscode.TreeItem(problem.title || `Problem ${problem.index + 1}`);
    item.description = problemDescription(problem);
    item.tooltip = `${item.label as string}\n${item.description}${problem.engine ? `\nengine: ${problem.engine}` : ''}`;
    const severity = vscode.workspace.getConfiguration('lemaTutor', uri).get<Severity>('severity') ?? 'warning';
    item.iconPath = problem.status === 'wrong' ? (wrongIcon[severity] ?? wrongIcon.warning) : statusIcon[problem.status];
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
