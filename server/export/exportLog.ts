// The streaming export driver: log records in, one JSON line per sample out, in any format.
// Memory stays flat however large the log: records stream from the store, lines stream to the
// file; only short hashes (dedupe) and superseded record ids are kept in memory.
//
// Steps per record: drop it when a later human-verified record supersedes it (unless
// keepSuperseded), filter (action, human-verified, engine, time), turn it into the format's
// samples (none: counted as skipped), check each sample against the format's schema, drop
// duplicates (dedupe: same output line), then assign train/validation by question (split).
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { ExportFormat } from '../protocol.ts';
import type { CorrectionStore, ReadReport } from '../store/correctionStore.ts';
import type { CorrectionRecord } from '../store/record.ts';
import { fsErrorReason, StoreError } from '../store/storeError.ts';
import { writeDatasetInfo } from './datasetInfo.ts';
import { samePath } from './samePath.ts';
import { matchesFilter, type RecordFilter } from './filters.ts';
import { exportFormat, type FormatOptions } from './formats/index.ts';
import { type SplitOptions, type SplitSide, splitPaths, splitSide } from './split.ts';

export interface ExportOptions extends RecordFilter, FormatOptions {
  format: ExportFormat;
  /** Collapse samples whose output line is identical. */
  dedupe?: boolean;
  /** Keep records that a later human-verified record supersedes (default: only the newest version). */
  keepSuperseded?: boolean;
  split?: SplitOptions;
}

export interface ExportCounts {
  /** Valid records read from the log. */
  records: number;
  /** Records left out by the filters. */
  filtered: number;
  /** Records left out because a human-verified record replaces them. */
  superseded: number;
  /** Records the format cannot represent (e.g. a plain rejection for an SFT format), or samples that failed the format's schema. */
  skipped: number;
  /** Samples dropped as duplicates. */
  duplicates: number;
  /** Lines written (train + val when split). */
  written: number;
  train: number;
  val: number;
}

/** Where exported records come from: the log (storeSource) or any records (arraySource, tests, imports). */
export interface RecordSource {
  records(): AsyncIterable<CorrectionRecord>;
  /** Ids of records replaced by a later one; without it, a first pass over `records()` finds them. */
  supersededIds?(): Promise<Set<string>>;
  /** The log file the records come from: an export never writes over it. */
  path?: string;
}

/** The log as a source; `report` (if given) counts its invalid and torn lines during the export. */
export function storeSource(store: CorrectionStore, report?: ReadReport): RecordSource {
  return { records: () => store.read(report), supersededIds: () => store.supersededIds(), path: store.path };
}

export function arraySource(records: Iterable<CorrectionRecord> | (() => AsyncIterable<CorrectionRecord>)): RecordSource {
  return {
    records: typeof records === 'function' ? records : async function* () {
      yield* records;
    },
  };
}

async function findSuperseded(source: RecordSource): Promise<Set<string>> {
  if (source.supersededIds) return source.supersededIds();
  const ids = new Set<string>();
  for await (const record of source.records()) if (record.supersedes) ids.add(record.supersedes);
  return ids;
}

export class ExportError extends Error {
  override readonly name = 'ExportError';
}

function emptyCounts(): ExportCounts {
  return { records: 0, filtered: 0, superseded: 0, skipped: 0, duplicates: 0, written: 0, train: 0, val: 0 };
}

export interface ExportLine {
  /** One JSON object and `\n`. */
  line: string;
  side?: SplitSide;
}

export async function* exportLines(source: RecordSource, options: ExportOptions, counts: ExportCounts = emptyCounts()): AsyncGenerator<ExportLine> {
  const format = exportFormat(options.format, options);
  const superseded = options.keepSuperseded ? new Set<string>() : await findSuperseded(source);
  const seen = new Set<string>();
  for await (const record of source.records()) {
    counts.records++;
    if (superseded.has(record.id)) {
      counts.superseded++;
      continue;
    }
    if (!matchesFilter(record, options)) {
      counts.filtered++;
      continue;
    }
    const samples = format.samples(record).filter((sample) => format.schema.safeParse(sample).success);
    if (samples.length === 0) {
      counts.skipped++;
      continue;
    }
    const side = options.split ? splitSide(record.question, options.split) : undefined;
    for (const sample of samples) {
      const line = JSON.stringify(sample) + '\n';
      if (options.dedupe) {
        const hash = createHash('sha256').update(line).digest('base64').slice(0, 16);
        if (seen.has(hash)) {
          counts.duplicates++;
          continue;
        }
        seen.add(hash);
      }
      counts.written++;
      if (side) counts[side]++;
      yield { line, side };
    }
  }
}

/** Exports to a writer (e.g. standard output). Split is not possible here: it needs two files. */
export async function exportToWriter(
  source: RecordSource,
  options: ExportOptions,
  write: (text: string) => void | Promise<void>,
): Promise<ExportCounts> {
  if (options.split) throw new ExportError('a split export needs an output file (--out)');
  const counts = emptyCounts();
  for await (const { line } of exportLines(source, options, counts)) await write(line);
  return counts;
}

export interface FileExportResult extends ExportCounts {
  /** Files written: the output, or its .train/.val pair when split. */
  files: string[];
  /** alpaca: the dataset_info.json written or updated for LLaMA-Factory. */
  datasetInfo?: string;
  /** alpaca: why dataset_info.json could not be written (the export itself succeeded). */
  datasetInfoError?: string;
}

/** A file written under a temporary name and renamed when complete: a failed export leaves nothing half-written. */
class LineFile {
  private readonly temporary: string;
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    this.temporary = `${path}.${process.pid}.partial`;
    this.stream = createWriteStream(this.temporary);
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  /** Lines are gathered into chunks of about 64 KiB: one write per line costs more than the export itself. */
  private pending: string[] = [];
  private pendingLength = 0;

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 64 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async commit(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
    await rename(this.temporary, this.path);
  }

  async discard(): Promise<void> {
    // The file may still be opening: wait until the stream has closed it, or the unlink comes first.
    if (!this.stream.closed) {
      const closed = once(this.stream, 'close').catch(() => undefined);
      this.stream.destroy();
      await closed;
    }
    await unlink(this.temporary).catch(() => undefined);
  }
}

/** Exports to `outPath` (or `<out>.train.jsonl` / `<out>.val.jsonl` with split); alpaca also writes dataset_info.json. */
export async function exportToFile(source: RecordSource, options: ExportOptions, outPath: string): Promise<FileExportResult> {
  const paths = options.split ? splitPaths(outPath) : undefined;
  const files = paths ? [paths.train, paths.val] : [outPath];
  // Renaming the finished export over the log would replace every record with training data;
  // real paths, because the log's own path may go through a linked folder.
  const logPath = source.path;
  if (logPath !== undefined && (await Promise.all(files.map((file) => samePath(file, logPath)))).some(Boolean)) {
    throw new ExportError(`cannot write the export ${outPath}: it would replace the corrections log itself; choose another file`);
  }
  const outputs = files.map((path) => new LineFile(path));
  const counts = emptyCounts();
  try {
    const [main, validation] = outputs as [LineFile, LineFile | undefined];
    for await (const { line, side } of exportLines(source, options, counts)) {
      await (side === 'val' && validation ? validation : main).write(line);
    }
    for (const output of outputs) await output.commit();
  } catch (error) {
    await Promise.all(outputs.map((output) => output.discard()));
    // A StoreError (the log could not be read) carries a system code too, but is not about the output.
    const code = (error as NodeJS.ErrnoException).code;
    if (code && !(error instanceof StoreError)) throw new ExportError(`cannot write the export ${outPath}: ${fsErrorReason(error)}`);
    throw error;
  }
  const result: FileExportResult = { ...counts, files };
  if (options.format === 'alpaca') {
    try {
      result.datasetInfo = await writeDatasetInfo(files);
    } catch (error) {
      result.datasetInfoError = error instanceof Error ? error.message : String(error);
    }
  }
  return result;
}
