// The corrections log: JSON Lines, one CorrectionRecord per line, shared by every editor window and
// CLI run on the machine.
//
// Appends are safe across processes: each append takes a lock (proper-lockfile: a `<log>.lock`
// folder next to the log), repairs a torn tail, and writes all its lines with ONE write on a
// file opened with O_APPEND, so records are never interleaved or lost.
//
// Torn lines: a process killed in the middle of a write (or a full disk) can leave a last line
// without its `\n`. Reading skips it and counts it as `torn`. The next append first writes a `\n`,
// so the torn bytes become a line of their own: kept in the file for anyone who wants to recover
// them by hand, counted as `invalid` by later reads, never deleted. A short write the append itself
// notices (disk full) is cut back off, so the failed record leaves nothing behind.
//
// Lines that fail validation (hand edits, a newer schema) are counted and kept, never rewritten.
// So are lines longer than MAX_LINE_BYTES: reading skips them without holding them in memory,
// and appending refuses records that long.
// Every failure is a StoreError whose message names the file and the reason in words.
import { constants as fsConstants } from 'node:fs';
import { lstat, mkdir, open, realpath, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { type FileLine, MAX_LINE_BYTES, readLines } from './lineReader.ts';
import { type CorrectionRecord, correctionRecordSchema } from './record.ts';
import { StoreError, storeError } from './storeError.ts';

export interface ReadReport {
  /** Lines that hold a valid record. */
  valid: number;
  /** Terminated lines that are not a valid record (bad JSON, failed validation, repaired torn tails). */
  invalid: number;
  /** 1 when the file ends in an unterminated line that is not a valid record (a write cut short), else 0. */
  torn: number;
  /** Empty lines (ignored). */
  blank: number;
  /** Line numbers (1-based) of the first invalid or torn lines, at most 20. */
  invalidLines: number[];
}

export function emptyReport(): ReadReport {
  return { valid: 0, invalid: 0, torn: 0, blank: 0, invalidLines: [] };
}

export interface CorrectionStoreOptions {
  /** A lock older than this is taken as left by a dead process (ms; proper-lockfile's minimum is 2000). */
  staleLockMs?: number;
  /**
   * A folder the log must really be inside (after resolving links), e.g. the workspace folder for a
   * workspace log: a cloned repository cannot point `.lema-tutor/` at a folder elsewhere.
   */
  confineTo?: string;
}

/** O_NOFOLLOW where the platform has it (not on Windows): opening a link fails instead of following it. */
const APPEND_FLAGS = fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_RDWR | (fsConstants.O_NOFOLLOW ?? 0);

/** Appends in one process run one after another: the lock is then only contended between processes. */
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, job: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(job, job);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

export class CorrectionStore {
  private readonly staleLockMs: number;
  private readonly confineTo: string | undefined;

  constructor(
    readonly path: string,
    options: CorrectionStoreOptions = {},
  ) {
    this.staleLockMs = Math.max(2000, options.staleLockMs ?? 5000);
    this.confineTo = options.confineTo;
  }

  /** Appends one record. Throws a StoreError (nothing written) when the record or the file is not usable. */
  append(record: CorrectionRecord): Promise<void> {
    return this.appendMany([record]);
  }

  /** Appends records under one lock with one write; each record is still one whole line. */
  appendMany(records: readonly CorrectionRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    let lines: string[];
    try {
      lines = records.map((record) => JSON.stringify(correctionRecordSchema.parse(record)) + '\n');
    } catch (error) {
      const detail =
        error instanceof z.ZodError
          ? error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; ')
          : String(error);
      return Promise.reject(new StoreError(`cannot write the corrections log at ${this.path}: the record is not valid (${detail})`, this.path));
    }
    // A line longer than the reader keeps would be written and never read back.
    if (lines.some((line) => Buffer.byteLength(line) - 1 > MAX_LINE_BYTES)) {
      return Promise.reject(new StoreError(`cannot write the corrections log at ${this.path}: the record is larger than ${MAX_LINE_BYTES / 1024 / 1024} MiB`, this.path));
    }
    return serialized(this.path, () => this.locked('write', () => this.write(Buffer.from(lines.join(''), 'utf8')), () => this.refuseLinks()));
  }

  /** Valid records, in file order, streamed. Fills `report` (if given) as it goes. A missing log yields nothing. */
  async *read(report: ReadReport = emptyReport()): AsyncGenerator<CorrectionRecord> {
    for await (const line of this.lines()) {
      if (!line.overlong && line.text.trim().length === 0) {
        report.blank++;
        continue;
      }
      const record = line.overlong ? undefined : parseLine(line.text);
      if (record) {
        report.valid++;
        yield record;
        continue;
      }
      if (line.terminated) report.invalid++;
      else report.torn++;
      if (report.invalidLines.length < 20) report.invalidLines.push(line.number);
    }
  }

  /**
   * Ids that valid records supersede (see humanVerifiedRecord). Cheap: only lines that mention
   * `supersedes` are parsed and validated, so exports can drop replaced records in a quick first pass.
   */
  async supersededIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    for await (const line of this.lines()) {
      if (!line.text.includes('"supersedes"')) continue;
      const superseded = parseLine(line.text)?.supersedes;
      if (superseded) ids.add(superseded);
    }
    return ids;
  }

  /** The log's lines; a missing log has none, any other failure is a StoreError. */
  private async *lines(): AsyncGenerator<FileLine> {
    try {
      yield* readLines(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw storeError('read', this.path, error);
    }
  }

  /** Counts of valid, invalid and torn lines, reading the whole log. */
  async readReport(): Promise<ReadReport> {
    const report = emptyReport();
    for await (const _record of this.read(report)) {
      // counting only
    }
    return report;
  }

  async exists(): Promise<boolean> {
    try {
      return (await stat(this.path)).isFile();
    } catch {
      return false;
    }
  }

  /** Deletes the log (under the lock, so no append is lost into a removed file). True when there was one. */
  delete(): Promise<boolean> {
    return serialized(this.path, async () => {
      if (!(await this.exists())) return false;
      return this.locked('delete', async () => {
        try {
          await unlink(this.path);
          return true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
          throw error;
        }
      });
    });
  }

  /**
   * Runs `job` under the log's lock; `check` runs first, once the log's folder exists (and before
   * the lock is made in it). The folder is made every time (one cheap call): a person may delete it
   * between appends, and the lock's retries would otherwise spend their whole patience on ENOENT.
   */
  private async locked<T>(verb: string, job: () => Promise<T>, check?: () => Promise<void>): Promise<T> {
    try {
      await mkdir(dirname(this.path), { recursive: true });
      await check?.();
      const release = await lockfile.lock(this.path, {
        realpath: false, // the log need not exist yet
        stale: this.staleLockMs,
        // Short waits keep appends flowing under contention (about 25 s of patience in all, more than
        // the time a lock left by a killed process takes to go stale).
        retries: { retries: 1000, factor: 1.3, minTimeout: 1, maxTimeout: 25, randomize: true },
        // Losing the lock (e.g. the machine slept) must not throw from a timer and crash the server;
        // the append in progress still writes whole lines with O_APPEND.
        onCompromised: () => undefined,
      });
      try {
        return await job();
      } finally {
        await release().catch(() => undefined);
      }
    } catch (error) {
      throw storeError(verb, this.path, error);
    }
  }

  /**
   * Appends never go through a symbolic link: a cloned repository could ship the log as a link to
   * any file the person can write. The check names the problem; O_NOFOLLOW closes the gap between
   * the check and the open.
   */
  private async refuseLinks(): Promise<void> {
    const linked = await lstat(this.path).then((info) => info.isSymbolicLink(), () => false);
    if (linked) throw this.linkError('the log file is a symbolic link');
    if (this.confineTo === undefined) return;
    const [folder, root] = await Promise.all([realpath(dirname(this.path)), realpath(this.confineTo)]);
    const inside = relative(root, folder);
    if (inside.startsWith('..') || isAbsolute(inside)) throw this.linkError(`its folder links to ${folder}, outside ${root}`);
  }

  private linkError(why: string): StoreError {
    return new StoreError(
      `cannot write the corrections log at ${this.path}: ${why}; LeMa Tutor does not write through links (remove the link, or choose the log with lemaTutor.log.path)`,
      this.path,
      'ELOOP',
    );
  }

  private async write(payload: Buffer): Promise<void> {
    const handle = await open(this.path, APPEND_FLAGS, 0o644).catch((error: NodeJS.ErrnoException) => {
      // ELOOP (Linux, macOS) or EMLINK (FreeBSD): the file became a link after the check.
      throw error.code === 'ELOOP' || error.code === 'EMLINK' ? this.linkError('the log file is a symbolic link') : error;
    });
    try {
      const { size } = await handle.stat();
      let data = payload;
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        // A torn tail: end it so the new records start on their own line (the tail stays, counted invalid).
        if (last[0] !== 0x0a) data = Buffer.concat([Buffer.from('\n'), payload]);
      }
      let written = 0;
      try {
        while (written < data.length) {
          const { bytesWritten } = await handle.write(data, written, data.length - written);
          if (bytesWritten === 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
          written += bytesWritten;
        }
      } catch (error) {
        // Cut back a partial write so a failed append leaves no torn line (we hold the lock).
        if (written > 0) await handle.truncate(size).catch(() => undefined);
        throw error;
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
}

function parseLine(text: string): CorrectionRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = correctionRecordSchema.safeParse(json);
  return result.success ? result.data : undefined;
}

