// Drives the built language server (dist/server.js) over real stdio JSON-RPC, as an editor would.
// Waits end on events only: the awaited message, or the server's exit (then they fail with its
// stderr). No wall-clock limit: a busy machine is slow, not wrong.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { staleDist } from '../../scripts/distFreshness.mjs';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const ROOT = join(__dirname, '..', '..');
export const SERVER_PATH = join(ROOT, 'dist', 'server.js');

/** SERVER_PATH, once it is known to be built from the current sources. */
export function freshServerPath(): string {
  // `npm test` and scripts/run-tests.mjs build first; a test run any other way must not exercise an old build.
  const stale = staleDist(ROOT);
  if (stale) throw new Error(`dist/ is stale (${stale}): run \`npm run build\` first`);
  return SERVER_PATH;
}

export interface LspSession {
  connection: ProtocolConnection;
  process: ChildProcess;
  /**
   * Resolves with the next diagnostics published for `uri` that satisfy `accept`; rejects if the
   * server exits first. (`_timeoutMs` is accepted for old callers and ignored.)
   */
  nextDiagnostics(uri: string, accept?: (params: PublishDiagnosticsParams) => boolean, _timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Every diagnostics notification received, in order. */
  published: PublishDiagnosticsParams[];
  notifications: { method: string; params: unknown }[];
  /** Resolves with the params of the next (or an already received) notification that satisfies `accept`; rejects if the server exits first. */
  waitForNotification<T>(method: string, accept?: (params: T) => boolean, _timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  /** Default `{ trusted: true }`, as a trusted VS Code window sends. */
  initializationOptions?: Record<string, unknown>;
  /** Workspace folder URIs (`file:///...`). */
  workspaceFolders?: string[];
  env?: NodeJS.ProcessEnv;
}

export async function startLspSession(options: StartOptions = {}): Promise<LspSession> {
  const child = spawn(process.execPath, [freshServerPath(), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  /** Settles when the server process ends; every wait still open then fails with the reason. */
  const exited = new Promise<Error>((resolve) =>
    child.once('exit', (code, signal) => resolve(new Error(`the server exited (${signal ?? code}) before the awaited message${stderr ? `: ${stderr.trim()}` : ''}`))),
  );
  const published: PublishDiagnosticsParams[] = [];
  const notifications: { method: string; params: unknown }[] = [];
  const waiters = new Set<(params: PublishDiagnosticsParams) => boolean>();

  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (const waiter of [...waiters]) if (waiter(params)) waiters.delete(waiter);
  });
  const notificationWaiters = new Set<(method: string, params: unknown) => boolean>();
  connection.onUnhandledNotification((message) => {
    notifications.push({ method: message.method, params: message.params });
    for (const waiter of [...notificationWaiters]) if (waiter(message.method, message.params)) notificationWaiters.delete(waiter);
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map(() => options.settings ?? {}),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();

  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder-${i}` })) ?? null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    // A client that says nothing about trust gets an untrusted server; tests act as a trusted editor unless they say so.
    initializationOptions: options.initializationOptions ?? { trusted: true },
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    process: child,
    published,
    notifications,
    nextDiagnostics(uri, accept = () => true) {
      return new Promise((resolve, reject) => {
        const waiter = (params: PublishDiagnosticsParams) => {
          if (params.uri !== uri || !accept(params)) return false;
          resolve(params);
          return true;
        };
        waiters.add(waiter);
        void exited.then((error) => waiters.delete(waiter) && reject(error));
      });
    },
    waitForNotification<T>(method: string, accept: (params: T) => boolean = () => true) {
      const seen = notifications.find((n) => n.method === method && accept(n.params as T));
      if (seen) return Promise.resolve(seen.params as T);
      return new Promise<T>((resolve, reject) => {
        const waiter = (m: string, params: unknown) => {
          if (m !== method || !accept(params as T)) return false;
          resolve(params as T);
          return true;
        };
        notificationWaiters.add(waiter);
        void exited.then((error) => notificationWaiters.delete(waiter) && reject(error));
      });
    },
    async close() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        try {
          await connection.sendRequest('shutdown');
          await connection.sendNotification('exit');
        } catch {
          child.kill();
        }
        await exited;
      }
      connection.dispose();
    },
  };
}

export function ours(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.source?.startsWith('LeMa Tutor') === true && d.code !== 'skipped');
}

/** LSP 3.18 allows markup in diagnostic messages; this server sends plain strings. */
export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** The code actions the server offers for `diagnostics` (at the first one's range). */
export async function codeActionsFor(lsp: LspSession, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return (await lsp.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0]!.range,
    context: { diagnostics },
  })) as CodeAction[];
}
