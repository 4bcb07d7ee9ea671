// `lema-tutor stats`: counts of the corrections log by action, engine, kind of mistake and day.
import { CorrectionStore, emptyReport } from '../../store/correctionStore.ts';
import { LOG_ENV_VARIABLE, resolveLogPath } from '../../store/logPath.ts';
import { computeStats, type CorrectionStats } from '../../store/stats.ts';
import { StoreError } from '../../store/storeError.ts';
import type { CliCommand } from '../io.ts';
import { parseCliArgs } from '../parseCliArgs.ts';
import { UsageError } from '../io.ts';

const help = `Usage: lema-tutor stats [options]

Counts of the corrections log: accepted/rejected, per engine, per kind of mistake, per day (UTC).

Options:
  --log FILE          the corrections log [$${LOG_ENV_VARIABLE}, else ~/.lema-tutor/corrections.jsonl]
  --format text|json  output format                                        [text]
  -h, --help          show this help`;

export const run: CliCommand = async (argv, io) => {
  const values = parseOptions(argv);
  if (values.help) {
    io.stdout(help + '\n');
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}' (text or json)`);
  const logPath = resolveLogPath(values.log, io.env, io.cwd);
  const store = new CorrectionStore(logPath);
  const report = emptyReport();
  let stats: CorrectionStats;
  try {
    stats = await computeStats(store.read(report), 0);
  } catch (error) {
    if (error instanceof StoreError) throw new UsageError(error.message);
    throw error;
  }
  const lines = { invalid: report.invalid, torn: report.torn };
  if (format === 'json') {
    const { recent: _recent, ...counts } = stats;
    io.stdout(JSON.stringify({ log: logPath, ...counts, lines }, null, 2) + '\n');
    return 0;
  }
  io.stdout(textReport(logPath, stats, lines));
  return 0;
};

function table(title: string, counts: Record<string, number>, sort: 'value' | 'key'): string {
  const entries = Object.entries(counts).sort(sort === 'key' ? ([a], [b]) => a.localeCompare(b) : ([, a], [, b]) => b - a);
  if (entries.length === 0) return '';
  const width = Math.max(...entries.map(([key]) => key.length));
  return `${title}:\n${entries.map(([key, value]) => `  ${key.padEnd(width)}  ${value}`).join('\n')}\n`;
}

function textReport(logPath: string, stats: CorrectionStats, lines: { invalid: number; torn: number }): string {
  let text = `Corrections log: ${logPath}\n`;
  text += `${stats.total} records: ${stats.accepted} accepted, ${stats.rejected} rejected, ${stats.humanVerified} human-verified\n`;
  text += table('By engine', stats.byEngine, 'value');
  text += table('By kind of mistake', stats.byKind, 'value');
  text += table('By day (UTC)', stats.byDay, 'key');
  if (lines.invalid || lines.torn) text += `Unreadable lines (kept in the file): ${lines.invalid} invalid, ${lines.torn} torn\n`;
  return text;
}

function parseOptions(argv: string[]) {
  return parseCliArgs({
    args: argv,
    allowPositionals: false,
    options: { log: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }).values;
}
