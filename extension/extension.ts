// Entry point of the VS Code extension. It stays thin: it starts the language server (which does the
// checking, the corrections and the log), hands it trust and the API key, and shows what it reports.
import './zodConfig.ts';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Notifications,
  Requests,
  engineStateSchema,
  logLocationSchema,
  type EngineState,
  type InitializationOptions,
  type LogLocation,
  type SetApiKeyParams,
} from '../server/protocol.ts';
import { createClient } from './client.ts';
import { reportCursor } from './cursorReporter.ts';
import { registerEndpointSettings } from './endpointSettings.ts';
import { registerMarkedStepCommands } from './markedSteps.ts';
import { registerToggleFile } from './toggleFile.ts';
import { registerCommands } from './commands.ts';
import { CorrectionsViewProvider, correctionsViewId } from './correctionsView.ts';
import { ProblemsTreeProvider } from './problemsView.ts';
import { ApiKeyStore } from './secrets.ts';
import { EngineStatusBar } from './statusBar.ts';
import { forwardTrust } from './trust.ts';

let client: LanguageClient | undefined;

/** What `activate` returns: a small read-only API (used by the extension tests). */
export interface LemaTutorApi {
  /** The last engine state the server reported. */
  readonly engineState: EngineState;
  /** Where the corrections log is (asks the server). */
  logLocation(): Promise<LogLocation>;
}

export async function activate(context: vscode.ExtensionContext): Promise<LemaTutorApi> {
  const output = vscode.window.createOutputChannel('LeMa Tutor', { log: true });
  const apiKeys = new ApiKeyStore(context.secrets);
  const statusBar = new EngineStatusBar();
  const currentClient = () => client;
  const problems = new ProblemsTreeProvider(currentClient);
  const corrections = new CorrectionsViewProvider(currentClient);
  context.subscriptions.push(output, apiKeys, statusBar, problems, corrections);

  await apiKeys.load();
  const initializationOptions = (): InitializationOptions => ({
    trusted: vscode.workspace.isTrusted,
    storagePath: context.globalStorageUri.fsPath,
    apiKey: apiKeys.value,
  });

  /** Settles when the current server start has finished (or failed); commands wait on it. */
  let starting: Promise<void> = Promise.resolve();
  const start = (): Promise<void> => (starting = startClient());
  const startClient = async (): Promise<void> => {
    const next = createClient(context, output, initializationOptions, () => {
      // Corrections were recorded or a step was marked correct: the counts changed.
      void corrections.refresh();
      problems.refresh();
    });
    // Handlers are registered before start so no early state is missed.
    next.onNotification(Notifications.engineState, (raw: unknown) => {
      const parsed = engineStateSchema.safeParse(raw);
      if (parsed.success) statusBar.update(parsed.data);
      else output.warn('Ignored an engine state the client cannot read.');
    });
    client = next;
    try {
      await next.start();
    } catch (error) {
      output.error('The LeMa Tutor language server did not start', error);
      void vscode.window.showErrorMessage('LeMa Tutor: the language server did not start.', 'Show Output').then((choice) => {
        if (choice) output.show(true);
      });
    }
    problems.refresh();
    void corrections.refresh();
  };

  const restart = async (): Promise<void> => {
    await starting;
    const previous = client;
    client = undefined;
    if (previous) {
      try {
        await previous.dispose(2000);
      } catch (error) {
        output.warn(`The previous server did not stop cleanly: ${String(error)}`);
      }
    }
    statusBar.update({ state: 'embedded-only' });
    await start();
  };

  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(correctionsViewId, corrections),
    ...registerCommands({
      context,
      output,
      client: currentClient,
      ready: () => starting,
      restart,
      apiKeys,
      statusBar,
      problems,
      corrections,
    }),
    forwardTrust(currentClient, () => void corrections.refresh()),
    reportCursor(currentClient),
    registerEndpointSettings(),
    registerToggleFile(),
    ...registerMarkedStepCommands(currentClient, problems),
    apiKeys.onDidChange(async (apiKey) => {
      if (!client?.isRunning()) return;
      const params: SetApiKeyParams = { apiKey };
      await client.sendNotification(Notifications.setApiKey, params);
    }),
  );

  // Activation does not wait for the server: a slow start must not hold up VS Code.
  void start();

  return {
    get engineState() {
      return statusBar.current;
    },
    async logLocation() {
      await starting;
      if (!client?.isRunning()) throw new Error('The LeMa Tutor language server is not running.');
      return logLocationSchema.parse(await client.sendRequest(Requests.logLocation));
    },
  };
}

export async function deactivate(): Promise<void> {
  const current = client;
  client = undefined;
  await current?.dispose(2000);
}
