// The command palette commands. Each one is a thin call into the server (or VS Code); failures become a
// message with a way forward, and the details go to the "LeMa Tutor" output channel.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Requests,
  deleteLogResultSchema,
  exportFormats,
  exportLogResultSchema,
  logLocationSchema,
  type CheckDocumentResult,
  type ExportFormat,
  type ExportLogParams,
  type LogLocation,
} from '../server/protocol.ts';
import type { CorrectionsViewProvider } from './correctionsView.ts';
import { markdownSelector } from './client.ts';
import { exportSummary } from './exportSummary.ts';
import { forgetMarkedSteps, markedSteps } from './markedSteps.ts';
import type { ProblemsTreeProvider } from './problemsView.ts';
import { promptForApiKey, type ApiKeyStore } from './secrets.ts';
import { showStatusActions, type EngineStatusBar } from './statusBar.ts';

export interface CommandHost {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  client(): LanguageClient | undefined;
  /** Settles when a server start in progress has finished. */
  ready(): Promise<void>;
  restart(): Promise<void>;
  apiKeys: ApiKeyStore;
  statusBar: EngineStatusBar;
  problems: ProblemsTreeProvider;
  corrections: CorrectionsViewProvider;
}

/** Thrown for failures the person can act on; shown as is, without "Error:" noise. */
class CommandError extends Error {}

const formatDescriptions: Record<ExportFormat, string> = {
  lema: 'LeMa prompt/completion records (the layout LeMa models were trained on)',
  'openai-chat': 'OpenAI chat fine-tuning messages',
  'trl-sft': 'TRL SFTTrainer prompt/completion',
  'trl-dpo': 'TRL DPOTrainer prompt/chosen/rejected',
  alpaca: 'Alpaca instruction/input/output',
  processbench: 'ProcessBench steps + first-wrong-step label',
};

export function registerCommands(host: CommandHost): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (error) {
        reportFailure(host, id, error);
      }
    });
  return [
    register('lemaTutor.checkDocument', () => checkDocument(host)),
    register('lemaTutor.checkWorkspace', () => checkWorkspace(host)),
    register('lemaTutor.setApiKey', async () => {
      const key = await promptForApiKey();
      if (key === undefined) return;
      await host.apiKeys.set(key);
      void vscode.window.showInformationMessage('LeMa Tutor: API key stored in VS Code secret storage.');
    }),
    register('lemaTutor.clearApiKey', async () => {
      await host.apiKeys.clear();
      void vscode.window.showInformationMessage('LeMa Tutor: API key removed.');
    }),
    register('lemaTutor.exportCorrections', () => exportCorrections(host)),
    register('lemaTutor.showStatistics', () => host.corrections.reveal()),
    register('lemaTutor.openLog', () => openLog(host)),
    register('lemaTutor.deleteLog', () => deleteLog(host)),
    register('lemaTutor.restartServer', () => host.restart()),
    register('lemaTutor.showOutput', async () => host.output.show(true)),
    register('lemaTutor.openExample', () => openExample(host)),
    register('lemaTutor.statusBarActions', () =>
      showStatusActions(host.statusBar.current, host.apiKeys.value !== undefined),
    ),
    register('lemaTutor.refreshProblems', async () => host.problems.refresh()),
    register('lemaTutor.refreshCorrections', () => host.corrections.refresh()),
  ];
}

function reportFailure(host: CommandHost, id: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CommandError) {
    void vscode.window.showWarningMessage(`LeMa Tutor: ${message}`);
    return;
  }
  host.output.error(`${id} failed`, error);
  void vscode.window.showErrorMessage(`LeMa Tutor: ${message}`, 'Show Output').then((choice) => {
    if (choice) host.output.show(true);
  });
}

async function runningClient(host: CommandHost): Promise<LanguageClient> {
  await host.ready();
  const client = host.client();
  if (!client?.isRunning()) {
    throw new CommandError('the language server is not running. Run "LeMa Tutor: Restart Server" or see the output.');
  }
  return client;
}

async function checkDocument(host: CommandHost): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || vscode.languages.match(markdownSelector, document) === 0) {
    throw new CommandError('open a markdown file to check it.');
  }
  const client = await runningClient(host);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'LeMa Tutor: checking' },
    () => client.sendRequest<CheckDocumentResult>(Requests.checkDocument, { uri: document.uri.toString() }),
  );
  host.problems.refresh();
  vscode.window.setStatusBarMessage(`LeMa Tutor: ${describeCounts(result.problems, result.mistakes)}`, 5000);
}

async function checkWorkspace(host: CommandHost): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) throw new CommandError('open a folder to check its markdown files.');
  const client = await runningClient(host);
  const totals = { files: 0, problems: 0, mistakes: 0, failed: 0 };
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LeMa Tutor: checking the workspace', cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles('**/*.md', '**/{node_modules,.git}/**', undefined, token);
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      for (const uri of files) {
        if (token.isCancellationRequested) return true;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
        try {
          // Documents the server has open are checked from its copy; others are sent with their text.
          const text = open.has(uri.toString())
            ? undefined
            : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
          const result = await client.sendRequest<CheckDocumentResult>(
            Requests.checkDocument,
            { uri: uri.toString(), text },
            token,
          );
          totals.files += 1;
          totals.problems += result.problems;
          totals.mistakes += result.mistakes;
        } catch (error) {
          if (token.isCancellationRequested) return true;
          totals.failed += 1;
          host.output.warn(`Could not check ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return false;
    },
  );
  const summary = `${cancelled ? 'stopped after' : 'checked'} ${totals.files} file${totals.files === 1 ? '' : 's'}: ${describeCounts(totals.problems, totals.mistakes)}${totals.failed ? `; ${totals.failed} could not be checked` : ''}.`;
  const actions = totals.failed ? ['Show Output'] : [];
  const choice = await vscode.window.showInformationMessage(`LeMa Tutor: ${summary}`, ...actions);
  if (choice) host.output.show(true);
}

function describeCounts(problems: number, mistakes: number): string {
  return `${problems} problem${problems === 1 ? '' : 's'}, ${mistakes} with a wrong step`;
}

async function logLocation(client: LanguageClient): Promise<LogLocation> {
  const parsed = logLocationSchema.safeParse(await client.sendRequest(Requests.logLocation));
  if (!parsed.success) throw new Error('the server sent a log location this version cannot read.');
  return parsed.data;
}

async function exportCorrections(host: CommandHost): Promise<void> {
  const client = await runningClient(host);
  const format = await vscode.window.showQuickPick(
    exportFormats.map((id) => ({ label: id, description: formatDescriptions[id] })),
    { title: 'LeMa Tutor: export corrections as', placeHolder: 'Format of the exported JSONL' },
  );
  if (!format) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({
    title: 'Export corrections',
    defaultUri: vscode.Uri.joinPath(folder, `lema-corrections.${format.label}.jsonl`),
    filters: { 'JSON Lines': ['jsonl'], 'All files': ['*'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  if (target.scheme !== 'file') throw new CommandError('corrections can only be exported to a file on disk.');
  const params: ExportLogParams = { format: format.label as ExportFormat, outPath: target.fsPath };
  const parsed = exportLogResultSchema.safeParse(await client.sendRequest(Requests.exportLog, params));
  if (!parsed.success) throw new Error('the server sent an export result this version cannot read.');
  const result = parsed.data;
  if (!result.ok) throw new CommandError(result.message);
  const choice = await vscode.window.showInformationMessage(exportSummary(result, path.basename(result.path)), 'Open');
  if (choice) await vscode.window.showTextDocument(vscode.Uri.file(result.path));
}

async function openLog(host: CommandHost): Promise<void> {
  const location = await logLocation(await runningClient(host));
  if (!location.exists) {
    const why = location.enabled ? 'no corrections have been recorded yet' : 'recording corrections is off (lemaTutor.log.enabled, or an untrusted folder)';
    void vscode.window.showInformationMessage(`LeMa Tutor: ${why}. The log would be at ${location.path}.`);
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(location.path), { preview: true });
}

async function deleteLog(host: CommandHost): Promise<void> {
  const client = await runningClient(host);
  const location = await logLocation(client);
  // The "step is correct" marks are kept apart from the log; deleting the log asks about them too.
  const marks = (await markedSteps(client)).length;
  if (!location.exists) {
    if (marks > 0) await vscode.commands.executeCommand('lemaTutor.forgetMarkedSteps');
    else void vscode.window.showInformationMessage('LeMa Tutor: there is no corrections log to delete.');
    return;
  }
  const forgetToo = `Delete and Forget ${marks} Marked Step${marks === 1 ? '' : 's'}`;
  const confirm = await vscode.window.showWarningMessage(
    'Delete the LeMa Tutor corrections log?',
    {
      modal: true,
      detail: `${location.path}\n\nEvery recorded correction is lost. Export them first if you want to keep them.${marks > 0 ? `\n\nYou marked ${marks} step${marks === 1 ? '' : 's'} correct; they stay unflagged unless you forget them too.` : ''}`,
    },
    'Delete',
    ...(marks > 0 ? [forgetToo] : []),
  );
  if (confirm !== 'Delete' && confirm !== forgetToo) return;
  const parsed = deleteLogResultSchema.safeParse(await client.sendRequest(Requests.deleteLog));
  if (!parsed.success) throw new Error('the server sent a result this version cannot read.');
  const forgotten = confirm === forgetToo ? await forgetMarkedSteps(client) : 0;
  void vscode.window.showInformationMessage(
    `${parsed.data.deleted ? 'LeMa Tutor: corrections log deleted' : 'LeMa Tutor: there was no corrections log to delete'}${forgotten ? `; ${forgotten} marked step${forgotten === 1 ? '' : 's'} forgotten` : ''}.`,
  );
  await host.corrections.refresh();
  host.problems.refresh();
}

/** Opens the bundled example as an untitled document, so the person can edit it freely. */
async function openExample(host: CommandHost): Promise<void> {
  const source = vscode.Uri.joinPath(host.context.extensionUri, 'examples', 'homework.md');
  let content: string;
  try {
    content = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
  } catch {
    throw new CommandError('the example homework is missing from this installation.');
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document);
}
