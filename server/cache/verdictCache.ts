// Model verdicts by problem content, in memory (bounded LRU) and in one JSON file, so reopening an
// unchanged document asks the endpoint nothing. The key holds everything the answer depends on:
// the problem's content, the model, the request style, the template version and the endpoint host.
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { EngineInfo, Verdict } from '../engine/types.ts';
import { verdictSchema } from './verdictSchema.ts';

export type ModelEngineInfo = Extract<EngineInfo, { kind: 'model' }>;

export function verdictCacheKey(contentKey: string, engine: ModelEngineInfo): string {
  return JSON.stringify([contentKey, engine.model, engine.style, engine.templateVersion, engine.host]);
}

const FILE_VERSION = 1;
const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  entries: z.array(z.tuple([z.string(), z.unknown()])),
});

export interface VerdictCacheOptions {
  /** The JSON file (e.g. `<storage>/model-verdicts.json`); none: memory only. */
  file?: string;
  /** Entries kept (memory and file); the least recently used go first. */
  maxEntries?: number;
  /** Writes are gathered for this long before the file is rewritten. */
  flushDelayMs?: number;
  log?: (line: string) => void;
  /** Called after each successful write of the file. */
  onWritten?: (file: string) => void;
}

export class VerdictCache {
  private readonly entries = new Map<string, Verdict>();
  private readonly maxEntries: number;
  private flushTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(private readonly options: VerdictCacheOptions) {
    this.maxEntries = options.maxEntries ?? 5_000;
  }

  /** Opens the cache and loads its file; a missing or corrupt file starts empty (corrupt: a log line). */
  static async open(options: VerdictCacheOptions = {}): Promise<VerdictCache> {
    const cache = new VerdictCache(options);
    if (options.file) await cache.load(options.file);
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Verdict | undefined {
    const verdict = this.entries.get(key);
    if (verdict) {
      // Recently used entries move to the end (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, verdict);
    }
    return verdict;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Keeps a verdict; 'unknown' is no verdict (an unusable answer, transport garbage) and is not kept. */
  set(key: string, verdict: Verdict): void {
    if (verdict.status === 'unknown') return;
    this.entries.delete(key);
    this.entries.set(key, verdict);
    this.evictOverflow();
    this.scheduleFlush();
  }

  /** Drops the least recently used entries past maxEntries. */
  private evictOverflow(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  private scheduleFlush(): void {
    if (!this.options.file) return;
    this.dirty = true;
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.options.flushDelayMs ?? 500);
    this.flushTimer.unref();
  }

  /** Writes the file now if anything changed (temp file + rename: a reader never sees half a file). */
  flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    const file = this.options.file;
    if (!file || !this.dirty) return this.writing;
    this.dirty = false;
    const text = JSON.stringify({ version: FILE_VERSION, entries: [...this.entries] });
    this.writing = this.writing.then(() => this.write(file, text));
    return this.writing;
  }

  private async write(file: string, text: string): Promise<void> {
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temp, text, 'utf8');
      await rename(temp, file);
      this.options.onWritten?.(file);
    } catch (error) {
      this.options.log?.(`verdict cache: cannot write ${file}: ${(error as Error).message}`);
      await unlink(temp).catch(() => undefined);
    }
  }

  private async load(file: string): Promise<void> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.log?.(`verdict cache: cannot read ${file}: ${(error as Error).message}; starting empty`);
      }
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.options.log?.(`verdict cache: ${file} is not valid JSON; ignored (it will be rewritten)`);
      return;
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.log?.(`verdict cache: ${file} has an unknown layout; ignored (it will be rewritten)`);
      return;
    }
    let dropped = 0;
    let stale = 0;
    for (const [key, value] of parsed.data.entries) {
      const verdict = verdictSchema.safeParse(value);
      if (!verdict.success) dropped++;
      // Files written before only parsed answers were cached may hold 'unknown' entries (an HTML
      // page read as an empty answer): they would stop the endpoint from ever being asked again.
      else if (verdict.data.status === 'unknown') stale++;
      else this.entries.set(key, verdict.data);
    }
    if (stale > 0) this.dirty = true; // rewritten without them at the next flush
    this.evictOverflow();
    if (dropped > 0) this.options.log?.(`verdict cache: ${dropped} unreadable entries in ${file} ignored`);
  }
}
