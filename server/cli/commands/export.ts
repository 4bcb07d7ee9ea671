// `lema-tutor export --format F [--out file]`: the corrections log as training data.
// Streams: memory stays flat however large the log. Without --out the samples go to standard
// output and the summary to standard error.
import { resolve } from 'node:path';
import { exportToFile, exportToWriter, ExportError, storeSource, type ExportCounts, type ExportOptions } from '../../export/exportLog.ts';
import { datasetInfoEntries } from '../../export/datasetInfo.ts';
import { parseDateOption } from '../../export/filters.ts';
import { exportFormats, type ExportFormat } from '../../protocol.ts';
import { CorrectionStore, type ReadReport, emptyReport } from '../../store/correctionStore.ts';
import { resolveLogPath, LOG_ENV_VARIABLE } from '../../store/logPath.ts';
import { StoreError } from '../../store/storeError.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { parseCliArgs } from '../parseCliArgs.ts';
import { UsageError } from '../io.ts';

const help = `Usage: lema-tutor export --format <format> [options]

Writes the corrections log as training data, one JSON object per line.

Formats:
  lema           {"prompt","completion"} in the LeMa correction layout (no instruction line)
  openai-chat    {"messages":[system,user,assistant]}
  trl-sft        {"prompt","completion"} with the instruction line (TRL prompt-completion)
  trl-dpo        {"prompt","chosen","rejected"}: corrected vs original solution
  alpaca         {"instruction","input","output"}, and dataset_info.json for LLaMA-Factory
  processbench   {"problem","steps","label"}: 0-based first wrong step, -1 all correct

Options:
  --out FILE               write to FILE (default: standard output)
  --log FILE               the corrections log [$${LOG_ENV_VARIABLE}, else ~/.lema-tutor/corrections.jsonl]
  --records WHICH          accepted|rejected|both                                   [both]
  --human-verified         only corrections the person saved after applying them
  --engine ENGINE          embedded, model, or a model name
  --since DATE             records at or after DATE (ISO date or date-time, UTC)
  --until DATE             records up to DATE (a bare date includes that whole day)
  --dedupe                 drop duplicate samples
  --split FRACTION         share of questions for validation (0 < FRACTION < 1); writes
                           <out>.train.jsonl and <out>.val.jsonl (needs --out)
  --seed N                 seed of the split                                         [42]
  --keep-superseded        keep records replaced by a later human-verified one
  --no-system              openai-chat: put the instruction in the user message
  -h, --help               show this help

Records a format cannot represent are skipped and counted (e.g. a rejection that only says the
flagged step was fine has no training target, except in trl-dpo when the engine proposed a fix).`;

export const run: CliCommand = async (argv, io) => {
  const values = parseOptions(argv);
  if (values.help) {
    io.stdout(help + '\n');
    return 0;
  }
  const options = exportOptions(values);
  const logPath = resolveLogPath(values.log, io.env, io.cwd);
  const outPath = values.out === undefined ? undefined : resolve(io.cwd, values.out);
  if (outPath !== undefined && outPath === logPath) throw new UsageError('--out is the corrections log itself; choose another file');
  if (options.split && outPath === undefined) throw new UsageError('--split needs --out: it writes a train and a validation file');

  const store = new CorrectionStore(logPath);
  const report = emptyReport();
  const source = storeSource(store, report);
  try {
    if (outPath === undefined) {
      const counts = await exportToWriter(source, options, (text) => io.stdout(text));
      await noteMissingLog(io, store, counts);
      printSummary(io, counts, report, []);
      if (options.format === 'alpaca') {
        io.stderr(`dataset_info.json entry for LLaMA-Factory (save your output as corrections.jsonl):\n${JSON.stringify(datasetInfoEntries(['corrections.jsonl']), null, 2)}\n`);
      }
    } else {
      const result = await exportToFile(source, options, outPath);
      await noteMissingLog(io, store, result);
      printSummary(io, result, report, result.files);
      if (result.datasetInfo) io.stderr(`LLaMA-Factory: dataset_info.json updated at ${result.datasetInfo}\n`);
      if (result.datasetInfoError) io.stderr(`lema-tutor export: dataset_info.json not written: ${result.datasetInfoError}\n`);
    }
  } catch (error) {
    if (error instanceof StoreError || error instanceof ExportError) throw new UsageError(error.message);
    throw error;
  }
  return 0;
};

/** A log that does not exist reads as empty; say where we looked, so a wrong --log is noticed. */
async function noteMissingLog(io: CliIo, store: CorrectionStore, counts: ExportCounts): Promise<void> {
  if (counts.records === 0 && !(await store.exists())) {
    io.stderr(`lema-tutor export: no corrections log at ${store.path} (nothing recorded yet, or see --log).\n`);
  }
}

function printSummary(io: CliIo, counts: ExportCounts, report: ReadReport, files: string[]): void {
  const parts = [`${counts.written} ${counts.written === 1 ? 'sample' : 'samples'} written from ${counts.records} records`];
  if (counts.filtered) parts.push(`${counts.filtered} filtered out`);
  if (counts.skipped) parts.push(`${counts.skipped} skipped (no target in this format)`);
  if (counts.superseded) parts.push(`${counts.superseded} superseded`);
  if (counts.duplicates) parts.push(`${counts.duplicates} duplicates dropped`);
  io.stderr(parts.join(', ') + '.\n');
  if (files.length === 2) io.stderr(`train: ${counts.train} -> ${files[0]}\nvalidation: ${counts.val} -> ${files[1]}\n`);
  else if (files.length === 1) io.stderr(`-> ${files[0]}\n`);
  if (report.invalid || report.torn) {
    io.stderr(
      `note: the log has ${report.invalid} invalid line(s)${report.torn ? ' and a torn last line' : ''} (line ${report.invalidLines.join(', ')}); they were left out and kept in the file.\n`,
    );
  }
}

type Values = ReturnType<typeof parseOptions>;

function parseOptions(argv: string[]) {
  return parseCliArgs({
    args: argv,
    allowPositionals: false,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      log: { type: 'string' },
      records: { type: 'string' },
      'human-verified': { type: 'boolean' },
      engine: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      dedupe: { type: 'boolean' },
      split: { type: 'string' },
      seed: { type: 'string' },
      'keep-superseded': { type: 'boolean' },
      'no-system': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

function exportOptions(values: Values): ExportOptions {
  const format = values.format;
  if (!format) throw new UsageError(`--format is required (${exportFormats.join(', ')})`);
  if (!(exportFormats as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (${exportFormats.join(', ')})`);
  const records = values.records ?? 'both';
  if (records !== 'accepted' && records !== 'rejected' && records !== 'both') throw new UsageError(`--records must be accepted, rejected or both, not '${records}'`);
  const options: ExportOptions = {
    format: format as ExportFormat,
    records,
    humanVerified: values['human-verified'] ?? false,
    dedupe: values.dedupe ?? false,
    keepSuperseded: values['keep-superseded'] ?? false,
    system: !values['no-system'],
  };
  if (values.engine !== undefined) {
    if (values.engine.trim() === '') throw new UsageError('--engine needs embedded, model or a model name');
    options.engine = values.engine;
  }
  for (const edge of ['since', 'until'] as const) {
    const text = values[edge];
    if (text === undefined) continue;
    const date = parseDateOption(text, edge);
    if (!date) throw new UsageError(`--${edge} must be an ISO date like 2026-11-23 or 2026-11-23T10:00:00Z, not '${text}'`);
    options[edge] = date;
  }
  if (options.since && options.until && options.since >= options.until) throw new UsageError('--since must be before --until');
  if (values.split !== undefined) {
    const fraction = Number(values.split);
    if (!Number.isFinite(fraction) || fraction <= 0 || fraction >= 1) throw new UsageError(`--split must be a fraction between 0 and 1, like 0.1, not '${values.split}'`);
    const seedText = values.seed ?? '42';
    const seed = Number(seedText);
    if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, not '${seedText}'`);
    options.split = { fraction, seed };
  } else if (values.seed !== undefined) {
    throw new UsageError('--seed only applies with --split');
  }
  return options;
}
