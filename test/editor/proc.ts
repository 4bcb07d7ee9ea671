// Runs a child process with a time limit and keeps the tail of its output for error messages.
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Echo output lines as they come (long installs show progress). */
  echo?: boolean;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly outputTail: string,
  ) {
    super(message);
  }
}

const TAIL_CHARS = 6000;

/** Process groups still running, so an overall timeout or Ctrl+C can end them (they are detached). */
const running = new Set<number>();

/** Ends every process group runCommand started that has not exited yet. */
export function killRunningCommands(): void {
  for (const pid of running) killTree(pid, 'SIGKILL');
  running.clear();
}

/** Resolves with the output tail when the command exits 0; rejects with a CommandError otherwise. */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout can end the whole tree (npm spawns node-gyp, make, cc).
      detached: true,
    });
    if (child.pid !== undefined) running.add(child.pid);
    let tail = '';
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString();
      if (options.echo) process.stdout.write(text.replace(/^/gm, '    '));
      tail = (tail + text).slice(-TAIL_CHARS);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const label = [command, ...args].join(' ');
    const timer = setTimeout(() => {
      killTree(child.pid);
      reject(new CommandError(`timed out after ${options.timeoutMs / 1000} s: ${label}`, tail));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new CommandError(`could not start ${command}: ${error.message}`, tail));
    });
    child.on('close', (code, signal) => {
      if (child.pid !== undefined) running.delete(child.pid);
      clearTimeout(timer);
      if (code === 0) resolvePromise(tail);
      else reject(new CommandError(`exit ${code ?? signal}: ${label}`, tail));
    });
  });
}

/** Ends a detached child's process group (the child and everything it started). */
export function killTree(pid: number | undefined, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
