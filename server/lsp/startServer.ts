// LSP wiring: the only place that talks to the connection. Behaviour lives in LemaServer.
import { join } from 'node:path';
import {
  CodeActionKind,
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  checkDocumentParamsSchema,
  cursorMovedParamsSchema,
  fileStatusParamsSchema,
  exportLogParamsSchema,
  initializationOptionsSchema,
  setApiKeyParamsSchema,
  setTrustParamsSchema,
  unmarkStepParamsSchema,
  Notifications,
  Requests,
  ServerCommands,
  type CheckDocumentResult,
  type ExportLogResult,
  type InitializationOptions,
} from '../protocol.ts';
import { parseSettings } from '../settings.ts';
import { CorrectionLog } from './correctionLog.ts';
import { Debouncer } from './debouncer.ts';
import { LemaServer } from './lemaServer.ts';
import { ModelIntegration } from './modelIntegration.ts';
import { executeServerCommand } from './serverCommands.ts';
import { Suppressions } from './suppressions.ts';

/** Quiet time after the last configuration change before it is applied (one change per keystroke). */
const CONFIGURATION_SETTLE_MS = 300;

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  let server: LemaServer | undefined;
  // Untrusted until the client says otherwise: no endpoint requests, no logging.
  let options: InitializationOptions = { trusted: false };
  let canPullConfiguration = false;
  let workspaceFolders: string[] = [];
  const log = (message: string) => connection.console.log(message);
  const warn = (message: string) => {
    log(message);
    // A notification, not a request: nothing waits on the person to dismiss it.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  };
  const correctionLog = new CorrectionLog(
    () => ({ settings: current().settings, trusted: options.trusted, workspaceFolders }),
    warn,
  );

  connection.onInitialize((params) => {
    const parsed = initializationOptionsSchema.safeParse(params.initializationOptions ?? {});
    options = parsed.success ? parsed.data : { trusted: false };
    canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    const storage = options.storagePath;
    const model = new ModelIntegration(
      {
        verdict: (uri, key, verdict) => server?.modelVerdict(uri, key, verdict),
        earlyStep: (uri, key, step) => server?.modelEarlyStep(uri, key, step),
        state: (state) => void connection.sendNotification(Notifications.engineState, state),
        log,
        reset: () => server?.modelReset(),
      },
      storage,
    );
    server = new LemaServer(
      {
        publishDiagnostics: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
        getDocument: (uri) => documents.get(uri),
      },
      new Suppressions(storage ? join(storage, 'suppressions.json') : undefined, log),
      model,
    );
    server.workspaceFolders = workspaceFolders;
    return {
      capabilities: {
        // Save notifications tell the server when a corrected solution becomes human-verified.
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
      },
      serverInfo: { name: 'lema-tutor', version: '0.1.0' },
    };
  });

  const current = (): LemaServer => {
    if (!server) throw new Error('server not initialized');
    return server;
  };

  async function pullSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      current().settings = parseSettings(await connection.workspace.getConfiguration('lemaTutor'));
    } catch (error) {
      log(`Could not read settings: ${(error as Error).message}`);
    }
  }

  // Documents opened before the first settings arrive wait for them, so the first diagnostics
  // already use the person's severity and mode.
  let settingsLoaded: () => void = () => {};
  const settingsReady = new Promise<void>((resolve) => (settingsLoaded = resolve));

  /** (Re)builds the model engine from the settings, the key and trust; the server sends its state. */
  const configureModel = () => current().model?.configure(current().settings, options.apiKey, options.trusted);

  connection.onInitialized(async () => {
    await pullSettings();
    await configureModel();
    settingsLoaded();
  });

  // The Settings editor sends a change per keystroke: wait for them to settle, apply the latest
  // once, and let the model integration decide whether anything it depends on changed (a rebuilt
  // engine re-asks through `reset`; a severity change asks the endpoint nothing).
  const configSettle = new Debouncer();
  let latestChange: unknown;
  let applyingConfiguration: Promise<void> = Promise.resolve();
  const applyConfiguration = async () => {
    const pushed = (latestChange as { lemaTutor?: unknown } | undefined)?.lemaTutor;
    if (pushed) current().settings = parseSettings(pushed);
    else await pullSettings();
    await configureModel();
    for (const document of documents.all()) current().checkNow(document);
  };
  connection.onDidChangeConfiguration((change) => {
    latestChange = change.settings;
    configSettle.schedule('configuration', CONFIGURATION_SETTLE_MS, () => {
      applyingConfiguration = applyingConfiguration.then(applyConfiguration, applyConfiguration);
    });
  });

  documents.onDidOpen(async (event) => {
    await settingsReady;
    // It may have been closed or changed while waiting; check what is there now.
    const document = documents.get(event.document.uri);
    if (document) current().opened(document);
  });
  documents.onDidChangeContent((event) => {
    // onDidChangeContent also fires on open; the open handler checks that version itself.
    const session = current().session(event.document.uri);
    if (!session || session.version === event.document.version) return;
    current().changed(event.document);
  });
  documents.onDidClose((event) => {
    const session = current().session(event.document.uri);
    if (session) correctionLog.closed(session);
    current().closed(event.document.uri);
  });

  connection.onHover((params) => current().hover(params.textDocument.uri, params.position));
  connection.onCodeAction((params) =>
    current().codeActions(params.textDocument.uri, params.context.diagnostics, params.range.start.line),
  );

  connection.onExecuteCommand((params) =>
    executeServerCommand(current(), correctionLog, params.command, params.arguments?.[0], { log, warn }),
  );
  documents.onDidSave((event) => {
    // A save right after typing: the record and the model request must describe the saved text.
    current().flushPendingCheck(event.document.uri);
    const session = current().session(event.document.uri);
    if (session) void correctionLog.saved(session);
    current().saved(event.document.uri);
  });

  connection.onNotification(Notifications.setTrust, (raw: unknown) => {
    const parsed = setTrustParamsSchema.safeParse(raw);
    if (!parsed.success) return;
    options = { ...options, trusted: parsed.data.trusted };
    void configureModel();
  });
  connection.onNotification(Notifications.cursorMoved, (raw: unknown) => {
    const parsed = cursorMovedParamsSchema.safeParse(raw);
    if (parsed.success) current().cursorMoved(parsed.data.uri, parsed.data.line);
  });
  connection.onNotification(Notifications.setApiKey, (raw: unknown) => {
    const parsed = setApiKeyParamsSchema.safeParse(raw);
    if (!parsed.success) return;
    const { apiKey, ...rest } = options;
    options = parsed.data.apiKey ? { ...rest, apiKey: parsed.data.apiKey } : rest;
    void configureModel();
  });
  connection.onRequest(Requests.logStats, () => correctionLog.stats());
  connection.onRequest(Requests.logLocation, () => correctionLog.location());
  connection.onRequest(Requests.deleteLog, () => correctionLog.delete());
  connection.onRequest(Requests.fileStatus, (raw: unknown) => {
    const parsed = fileStatusParamsSchema.safeParse(raw);
    return parsed.success ? current().fileStatus(parsed.data.uri) : { status: 'unknown' };
  });
  connection.onRequest(Requests.markedSteps, () => current().suppressions.list());
  connection.onRequest(Requests.unmarkStep, (raw: unknown) => {
    const parsed = unmarkStepParamsSchema.safeParse(raw);
    const removed = parsed.success && current().suppressions.remove(parsed.data.id);
    if (removed) current().publishAll();
    return { removed };
  });
  connection.onRequest(Requests.forgetMarkedSteps, () => {
    const forgotten = current().suppressions.clear();
    if (forgotten > 0) current().publishAll();
    return { forgotten };
  });
  connection.onRequest(Requests.exportLog, async (raw: unknown): Promise<ExportLogResult> => {
    const parsed = exportLogParamsSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, message: 'Export: give a known format and an output file.' };
    return correctionLog.exportTo(parsed.data);
  });

  connection.onRequest(Requests.checkDocument, (raw: unknown): CheckDocumentResult => {
    const params = checkDocumentParamsSchema.parse(raw);
    const open = documents.get(params.uri);
    const document = open ?? TextDocument.create(params.uri, 'markdown', 0, params.text ?? '');
    const flagged = current().checkNow(document);
    const problems = current().session(params.uri)?.checked?.problems.length ?? 0;
    if (open) {
      current().askModel(params.uri, 'command');
    } else {
      // Check Workspace: the diagnostics stay published, but nothing is kept per unopened file
      // (a workspace can hold thousands), and the model is asked about open documents only.
      current().forgetSession(params.uri);
    }
    return { problems, mistakes: flagged.length };
  });
  connection.onRequest(Requests.documentProblems, (raw: { uri?: unknown }) =>
    typeof raw?.uri === 'string' ? current().summaries(raw.uri) : [],
  );

  connection.onShutdown(async () => {
    configSettle.dispose();
    current().dispose();
    await current().model?.dispose();
  });
  documents.listen(connection);
  connection.listen();
}
