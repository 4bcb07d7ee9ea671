// Corrections log figures: `node --import tsx bench/store.ts [records | --long-lines]`
//  - appends per second: one process appending one record at a time, and four processes at once;
//  - exporting a synthetic log of 100,000 records (lema format, with --dedupe) through the CLI,
//    in a child process, with its wall time, peak RSS (process.resourceUsage().maxRSS) and peak heap;
//  - reading a log whose middle line is one long string (128 MB and 1 GB, no newline in it) between
//    valid records, in a child process: time and peak RSS of a full read (stats and exports read so).
// Targets: the export under 5 s with peak memory under 200 MB; the long-line reads linear in size
// (1 GB within 10× of 128 MB) with peak memory under 200 MB.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../server/cli/main.ts';
import { CorrectionStore } from '../server/store/correctionStore.ts';
import { type CorrectionRecord, correctionRecordSchema } from '../server/store/record.ts';

const kinds = ['arithmetic', 'algebra', 'rounding', 'final-answer', 'reasoning'] as const;

function syntheticRecord(i: number): CorrectionRecord {
  const a = 3 + (i % 97);
  const b = 7 + (i % 89);
  return {
    schemaVersion: 1,
    id: randomUUID(),
    time: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    action: i % 5 === 0 ? 'rejected' : 'accepted',
    humanVerified: i % 7 === 0,
    question: `A shop sells ${a} boxes with ${b} pencils each (problem ${i % 20_000}). How many pencils does it sell?`,
    originalSteps: [`Each box holds ${b} pencils.`, `So ${a} boxes hold ${a} × ${b} = ${a * b + 1} pencils.`],
    originalAnswer: String(a * b + 1),
    incorrectStep: 2,
    explanation: `${a} × ${b} is ${a * b}, not ${a * b + 1}.`,
    correctedSteps: [`So ${a} boxes hold ${a} × ${b} = ${a * b} pencils.`],
    correctedAnswer: String(a * b),
    kind: kinds[i % kinds.length]!,
    engine: i % 3 === 0 ? { kind: 'model', model: 'lema-7b', style: 'completion', templateVersion: 'lema-v1-abc', host: 'gpu:8000' } : { kind: 'embedded' },
    mode: 'tutor',
    documentPath: `homework/week${i % 10}.md`,
    contentKey: (i % 20_000).toString(16).padStart(16, '0'),
    ...(i % 10 === 0 ? { solutionCorrect: true } : {}), // half the rejections (i % 5 === 0)
  };
}

async function writeSyntheticLog(path: string, count: number): Promise<void> {
  const stream = createWriteStream(path);
  for (let i = 0; i < count; i++) {
    if (!stream.write(JSON.stringify(correctionRecordSchema.parse(syntheticRecord(i))) + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

function child(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', __filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    process_.stdout.on('data', (chunk) => (stdout += chunk));
    process_.on('error', reject);
    process_.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child ${args[0]} exited ${code}`))));
  });
}

/** Child: append `count` records one at a time, print the elapsed ms. */
async function appendChild(log: string, count: number): Promise<void> {
  const store = new CorrectionStore(log);
  const start = performance.now();
  for (let i = 0; i < count; i++) await store.append(syntheticRecord(i));
  process.stdout.write(JSON.stringify({ ms: performance.now() - start }));
}

/** Child: export through the CLI, print time and memory peaks. */
async function exportChild(log: string, out: string): Promise<void> {
  let heapPeak = 0;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 10);
  const start = performance.now();
  let stderr = '';
  const code = await main(['export', '--format', 'lema', '--log', log, '--out', out, '--dedupe'], {
    stdout: () => undefined,
    stderr: (text) => void (stderr += text),
    readStdin: async () => '',
    isTTY: false,
    env: {},
    cwd: process.cwd(),
  });
  const ms = performance.now() - start;
  clearInterval(sampler);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  process.stdout.write(JSON.stringify({ code, ms, maxRssMB: process.resourceUsage().maxRSS / 1024, heapPeakMB: heapPeak / 1024 / 1024, summary: stderr.trim() }));
}

/** A log of a valid record, one line of `megabytes` MB without a newline, and another valid record. */
async function writeLongLineLog(path: string, megabytes: number): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.write(JSON.stringify(syntheticRecord(1)) + '\n');
    const block = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < megabytes; i++) await file.write(block);
    await file.write('\n' + JSON.stringify(syntheticRecord(2)) + '\n');
  } finally {
    await file.close();
  }
}

/** Child: read the whole log as stats and exports do, print time, memory and the counts. */
async function readChild(log: string): Promise<void> {
  const start = performance.now();
  const report = await new CorrectionStore(log).readReport();
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, valid: report.valid, invalid: report.invalid }));
}

async function longLines(dir: string): Promise<boolean> {
  const figures: { megabytes: number; ms: number; maxRssMB: number }[] = [];
  for (const megabytes of [128, 1024]) {
    const log = join(dir, `long-${megabytes}.jsonl`);
    await writeLongLineLog(log, megabytes);
    const result = JSON.parse(await child(['--read-child', log])) as { ms: number; maxRssMB: number; valid: number; invalid: number };
    rmSync(log);
    if (result.valid !== 2 || result.invalid !== 1) throw new Error(`long-line read counted ${result.valid} valid, ${result.invalid} invalid`);
    console.log(`read a log with one ${megabytes} MB line: ${(result.ms / 1000).toFixed(2)} s, peak RSS ${result.maxRssMB.toFixed(0)} MB (2 valid records, the long line counted invalid)`);
    figures.push({ megabytes, ...result });
  }
  const [small, large] = figures as [(typeof figures)[0], (typeof figures)[0]];
  const ok = large.ms < small.ms * 10 && figures.every((f) => f.maxRssMB < 200);
  console.log(`target (1 GB within 10× of 128 MB, < 200 MB): ${ok ? 'met' : 'NOT met'} (${(large.ms / small.ms).toFixed(1)}× for 8× the bytes)`);
  return ok;
}

async function bench(records: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lema-bench-store-'));
  try {
    const single = join(dir, 'single.jsonl');
    const appends = 2000;
    const one = JSON.parse(await child(['--append-child', single, String(appends)])) as { ms: number };
    console.log(`append, 1 process:   ${((appends / one.ms) * 1000).toFixed(0)} appends/s (${appends} records, ${one.ms.toFixed(0)} ms)`);

    const shared = join(dir, 'shared.jsonl');
    const start = performance.now();
    await Promise.all(Array.from({ length: 4 }, () => child(['--append-child', shared, String(appends / 2)])));
    const ms = performance.now() - start;
    const report = await new CorrectionStore(shared).readReport();
    console.log(`append, 4 processes: ${((report.valid / ms) * 1000).toFixed(0)} appends/s in all (${report.valid} records, ${ms.toFixed(0)} ms incl. process start)`);

    const log = join(dir, 'big.jsonl');
    await writeSyntheticLog(log, records);
    const size = statSync(log).size / 1024 / 1024;
    const result = JSON.parse(await child(['--export-child', log, join(dir, 'out.jsonl')])) as {
      code: number;
      ms: number;
      maxRssMB: number;
      heapPeakMB: number;
      summary: string;
    };
    if (result.code !== 0) throw new Error(`export failed: ${result.summary}`);
    console.log(`export ${records} records (${size.toFixed(0)} MB log, lema, --dedupe): ${(result.ms / 1000).toFixed(2)} s, peak RSS ${result.maxRssMB.toFixed(0)} MB, peak heap ${result.heapPeakMB.toFixed(0)} MB`);
    console.log(`  ${result.summary.split('\n')[0]}`);
    const ok = result.ms < 5000 && result.maxRssMB < 200;
    console.log(`target (< 5 s, < 200 MB): ${ok ? 'met' : 'NOT met'}`);
    if (!ok) process.exitCode = 1;

    if (!(await longLines(dir))) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, a, b] = process.argv.slice(2);
const run =
  mode === '--append-child'
    ? appendChild(a!, Number(b))
    : mode === '--export-child'
      ? exportChild(a!, b!)
      : mode === '--read-child'
        ? readChild(a!)
        : mode === '--long-lines'
          ? (async () => {
              const dir = mkdtempSync(join(tmpdir(), 'lema-bench-store-'));
              try {
                if (!(await longLines(dir))) process.exitCode = 1;
              } finally {
                rmSync(dir, { recursive: true, force: true });
              }
            })()
          : bench(Number(mode ?? 100_000));
run.catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
