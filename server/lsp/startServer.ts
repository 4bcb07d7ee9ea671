// LSP wiring: the only place that talks to the connection. Behaviour lives in LemaServer.
import { join } from 'node:path';
import {
  CodeActionKind,
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  checkDocumentParamsSchema,
  correctionCommandArgsSchema,
  initializationOptionsSchema,
  Notifications,
  Requests,
  ServerCommands,
  type CheckDocumentResult,
  type InitializationOptions,
} from '../protocol.ts';
import { parseSettings } from '../settings.ts';
import { LemaServer } from './lemaServer.ts';
import { Suppressions } from './suppressions.ts';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  let server: LemaServer | undefined;
  let options: InitializationOptions = { trusted: true };
  let canPullConfiguration = false;
  const log = (message: string) => connection.console.log(message);

  connection.onInitialize((params) => {
    const parsed = initializationOptionsSchema.safeParse(params.initializationOptions ?? {});
    options = parsed.success ? parsed.data : { trusted: true };
    canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    const storage = options.storagePath;
    server = new LemaServer(
      {
        publishDiagnostics: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
        sendEngineState: (state) => void connection.sendNotification(Notifications.engineState, state),
        log,
        getDocument: (uri) => documents.get(uri),
      },
      new Suppressions(storage ? join(storage, 'suppressions.json') : undefined, log),
    );
    // Settings may also arrive with initialize (clients without workspace/configuration).
    const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    if (initial) server.settings = parseSettings(initial);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
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

  connection.onInitialized(async () => {
    await pullSettings();
    settingsLoaded();
    connection.sendNotification(Notifications.engineState, { state: 'embedded-only' });
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { lemaTutor?: unknown } | undefined)?.lemaTutor;
    if (pushed) current().settings = parseSettings(pushed);
    else await pullSettings();
    for (const document of documents.all()) current().checkNow(document);
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
  documents.onDidClose((event) => current().closed(event.document.uri));

  connection.onHover((params) => current().hover(params.textDocument.uri, params.position));
  connection.onCodeAction((params) => current().codeActions(params.textDocument.uri, params.context.diagnostics));

  connection.onExecuteCommand((params) => {
    const parsed = correctionCommandArgsSchema.safeParse(params.arguments?.[0]);
    if (!parsed.success) {
      log(`Ignoring ${params.command}: malformed arguments.`);
      return;
    }
    const args = parsed.data;
    const session = current().session(args.uri);
    const problem = session?.problem(args.problemIndex, args.contentKey);
    if (!session || !problem) return;
    switch (params.command) {
      case ServerCommands.revealExplanation:
        session.revealed.add(problem.contentKey);
        current().publish(session);
        return;
      case ServerCommands.markStepCorrect: {
        const flagged = current().flagged(session).find((f) => f.problem.contentKey === problem.contentKey);
        if (flagged) current().suppressions.add(problem.contentKey, flagged.verdict.stepIndex);
        current().publish(session);
        return;
      }
      case ServerCommands.correctionApplied:
        return;
    }
  });

  connection.onRequest(Requests.checkDocument, (raw: unknown): CheckDocumentResult => {
    const params = checkDocumentParamsSchema.parse(raw);
    const open = documents.get(params.uri);
    const document = open ?? TextDocument.create(params.uri, 'markdown', 0, params.text ?? '');
    const flagged = current().checkNow(document);
    return { problems: current().session(params.uri)?.checked?.problems.length ?? 0, mistakes: flagged.length };
  });
  connection.onRequest(Requests.documentProblems, (raw: { uri?: unknown }) =>
    typeof raw?.uri === 'string' ? current().summaries(raw.uri) : [],
  );

  connection.onShutdown(() => current().dispose());
  documents.listen(connection);
  connection.listen();
}
