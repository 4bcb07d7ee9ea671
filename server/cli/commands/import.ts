// `lema-tutor import gsm8k|processbench|mathcheck <file.jsonl> [--out file.md] [--limit N]`:
// writes a markdown workbook (one problem per heading) from a dataset. The input is streamed and
// validated line by line; nothing is written unless every record read is valid.
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { CliCommand } from '../io.ts';
import { parseCliArgs } from '../parseCliArgs.ts';
import { datasetArgs } from '../datasetArgs.ts';
import { UsageError } from '../io.ts';
import { DatasetError, readJsonl, type JsonlRecord } from '../../dataset/readJsonl.ts';
import { gsm8kRecordSchema, lemaCotRecordSchema, mathCheckOutcomeRecordSchema, mathCheckRecordSchema, processBenchRecordSchema } from '../../dataset/schemas.ts';
import { gsm8kSection, lemaCotSection, mathCheckOutcomeSection, mathCheckSection, processBenchSection, workbookTitle, type DatasetName } from '../../dataset/toMarkdown.ts';

const usage = `Usage: lema-tutor import <gsm8k|processbench|mathcheck|mathcheck-outcome|lema-cot> <file.jsonl> [--out file.md] [--limit N]

Writes a markdown workbook with one heading per problem (to standard output by default).
  --out <file.md>   write the workbook to this file instead
  --limit <N>       import only the first N records
`;

export const run: CliCommand = async (args, io) => {
  const { values, positionals } = parseFlags(args);
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  const { dataset, file } = datasetArgs(positionals, 'import', ['gsm8k', 'processbench', 'mathcheck', 'mathcheck-outcome', 'lema-cot']);
  const limit = parseLimit(values.limit);

  const path = resolve(io.cwd, file);
  const parts = [workbookTitle(dataset, basename(file))];
  try {
    for await (const section of sections(dataset, path, limit)) parts.push(section);
  } catch (error) {
    if (error instanceof DatasetError) throw new UsageError(error.message.replace(path, file));
    throw error;
  }
  const workbook = parts.join('').replace(/\n+$/, '\n');

  if (values.out === undefined) io.stdout(workbook);
  else {
    await writeAtomically(resolve(io.cwd, values.out), workbook, values.out);
    io.stderr(`lema-tutor import: wrote ${parts.length - 1} problems to ${values.out}\n`);
  }
  return 0;
};

function parseFlags(args: string[]) {
  return parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      limit: { type: 'string', short: 'n' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--limit must be a positive whole number, not '${value}'`);
  return Number(value);
}

function sections(dataset: DatasetName, path: string, limit: number): AsyncGenerator<string> {
  switch (dataset) {
    case 'gsm8k':
      return firstSections(readJsonl(path, gsm8kRecordSchema), limit, gsm8kSection);
    case 'processbench':
      return firstSections(readJsonl(path, processBenchRecordSchema), limit, processBenchSection);
    case 'mathcheck':
      return firstSections(readJsonl(path, mathCheckRecordSchema), limit, mathCheckSection);
    case 'mathcheck-outcome':
      return firstSections(readJsonl(path, mathCheckOutcomeRecordSchema), limit, mathCheckOutcomeSection);
    case 'lema-cot':
      return firstSections(readJsonl(path, lemaCotRecordSchema), limit, lemaCotSection);
  }
}

/** The sections of the first `limit` records; reading stops there (later lines are never validated). */
async function* firstSections<T>(records: AsyncIterable<JsonlRecord<T>>, limit: number, section: (record: T, index: number) => string): AsyncGenerator<string> {
  for await (const { record, index } of records) {
    yield section(record, index);
    if (index + 1 >= limit) return;
  }
}

/** Writes next to the target and renames, so a failed write never leaves half a workbook. */
async function writeAtomically(path: string, text: string, shown: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new UsageError(`cannot write ${shown}: ${(error as Error).message}`);
  }
}
