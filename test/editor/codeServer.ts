// One code-server instance in a throwaway folder: its own HOME, config, user data, extensions and
// log, bound to 127.0.0.1 on a free port, with the packaged extension installed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { limits } from './config.ts';
import type { Toolchain } from './install.ts';
import { killTree, runCommand } from './proc.ts';

export interface CodeServer {
  /** Browser URL that opens `folder` in the workbench. */
  folderUrl(folder: string): string;
  /** The last part of code-server's output, for failure messages. */
  logTail(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  toolchain: Toolchain;
  /** Session folder (created by the caller, removed by the caller). */
  root: string;
  vsix: string;
  /** Contents of the user settings.json. */
  userSettings: Record<string, unknown>;
}

const LOG_TAIL_CHARS = 8000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Environment that keeps code-server (and anything it spawns) out of the real HOME. */
function isolatedEnv(root: string, node: string): NodeJS.ProcessEnv {
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    // The extension host is a fork of this Node; `node` on PATH is the same one.
    PATH: `${join(node, '..')}:${process.env.PATH ?? ''}`,
    PASSWORD: '',
  };
}

function baseArgs(toolchain: Toolchain, root: string): string[] {
  writeFileSync(join(root, 'config.yaml'), 'auth: none\ncert: false\n');
  return [
    join(toolchain.codeServerDir, 'out', 'node', 'entry.js'),
    '--config',
    join(root, 'config.yaml'),
    '--user-data-dir',
    join(root, 'user-data'),
    '--extensions-dir',
    join(root, 'extensions'),
  ];
}

async function waitHealthy(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    // Poll interval of a readiness probe with a deadline, not a fixed sleep standing in for an event.
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new Error(`code-server not healthy within ${limits.codeServerStart / 1000} s`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { toolchain, root } = options;
  const env = isolatedEnv(root, toolchain.node);
  const args = baseArgs(toolchain, root);
  mkdirSync(join(root, 'user-data', 'User'), { recursive: true });
  writeFileSync(join(root, 'user-data', 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));

  await runCommand(toolchain.node, [...args, '--force', '--install-extension', options.vsix], {
    env,
    timeoutMs: limits.installExtension,
  });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    toolchain.node,
    [
      ...args,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let tail = '';
  const collect = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-LOG_TAIL_CHARS);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const server: CodeServer = {
    folderUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`,
    logTail: () => tail,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killTree(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killTree(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitHealthy(url, child, Date.now() + limits.codeServerStart);
  } catch (error) {
    await server.stop();
    throw Object.assign(error as Error, { logTail: tail });
  }
  return server;
}
