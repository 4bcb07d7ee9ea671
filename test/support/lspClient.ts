// Drives the built language server (dist/server.js) over real stdio JSON-RPC, as an editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER_PATH = join(__dirname, '..', '..', 'dist', 'server.js');

export interface LspSession {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  nextDiagnostics(uri: string, accept?: (params: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Every diagnostics notification received, in order. */
  published: PublishDiagnosticsParams[];
  notifications: { method: string; params: unknown }[];
  /** Resolves with the params of the next (or an already received) notification that satisfies `accept`. */
  waitForNotification<T>(method: string, accept?: (params: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
}

export async function startLspSession(options: StartOptions = {}): Promise<LspSession> {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
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
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: options.initializationOptions ?? {},
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    process: child,
    published,
    notifications,
    nextDiagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (params: PublishDiagnosticsParams) => {
          if (params.uri !== uri || !accept(params)) return false;
          clearTimeout(timer);
          resolve(params);
          return true;
        };
        waiters.add(waiter);
      });
    },
    waitForNotification<T>(method: string, accept: (params: T) => boolean = () => true, timeoutMs = 15_000) {
      const seen = notifications.find((n) => n.method === method && accept(n.params as T));
      if (seen) return Promise.resolve(seen.params as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          notificationWaiters.delete(waiter);
          reject(new Error(`no matching ${method} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (m: string, params: unknown) => {
          if (m !== method || !accept(params as T)) return false;
          clearTimeout(timer);
          resolve(params as T);
          return true;
        };
        notificationWaiters.add(waiter);
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
  return diagnostics.filter((d) => d.source === 'LeMa Tutor' && d.code !== 'skipped');
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
