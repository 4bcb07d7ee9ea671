// Waits on files the editor writes: the saved document, the corrections log (JSON lines) the
// extension writes where `lemaTutor.log.path` points. Watches the folder; bounded by a timeout.
import { existsSync, readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { limits } from './config.ts';

export function readLog(path: string): unknown[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/**
 * Resolves with `read(path)` once `done` accepts it, re-reading whenever something in the file's
 * folder changes; rejects after `timeoutMs` with `describe` of the last value read.
 */
export function waitForFile<T>(
  path: string,
  read: (path: string) => T,
  done: (value: T) => boolean,
  describe: (value: T | undefined) => string,
  timeoutMs: number = limits.ui,
): Promise<T> {
  return new Promise((resolveValue, reject) => {
    let last: T | undefined;
    let settled = false;
    const check = (): void => {
      if (settled) return;
      try {
        last = read(path);
      } catch {
        return; // Being written; the next change event reads it whole.
      }
      if (!done(last)) return;
      finish();
      resolveValue(last);
    };
    const watcher = watch(dirname(path), (_event, name) => {
      if (name === null || name.startsWith(basename(path))) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${path} after ${timeoutMs / 1000} s: ${describe(last)}`));
    }, timeoutMs);
    function finish(): void {
      settled = true;
      clearTimeout(timer);
      watcher.close();
    }
    check();
  });
}

/** Resolves with the log's records once it holds at least `count`. */
export function waitForLogRecords(path: string, count: number, timeoutMs?: number): Promise<unknown[]> {
  return waitForFile(
    path,
    readLog,
    (records) => records.length >= count,
    (records) => `the corrections log has ${records?.length ?? 0} record(s), expected ${count}`,
    timeoutMs,
  );
}

/** Resolves with the file's text once `done` accepts it. */
export function waitForText(path: string, done: (text: string) => boolean, what: string, timeoutMs?: number): Promise<string> {
  return waitForFile(path, (p) => readFileSync(p, 'utf8'), done, (text) => `${what}; the file has:\n${text ?? '(unreadable)'}`, timeoutMs);
}
