// Engine benchmarks on the real reference data in ../shared/data (skipped when it is absent):
// - speed: a cold check of the GSM8K workbook (1,319 problems) in a fresh CLI process, wall time
//   and peak RSS; and the server-side time to re-publish after a one-character edit;
// - accuracy: flags on GSM8K reference solutions and LeMa's free-form solutions (target 0), and on
//   ProcessBench (GSM8K, olympiadbench, omnimath) / MathCheck (process, outcome): false flags on
//   steps the labels call correct, exact hits, ProcessBench F1, MathCheck exact match;
// - determinism: the cold check's output idle and beside a busy loop on every core must be equal.
// `--accuracy` runs only the accuracy part (and lists every false flag).
// Every dataset goes through the same path as a person's document: import -> markdown -> check.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentChecker } from '../server/check/documentChecker.ts';
import { readJsonl } from '../server/dataset/readJsonl.ts';
import { gsm8kRecordSchema, lemaCotRecordSchema, mathCheckLabelIndex, mathCheckOutcomeRecordSchema, mathCheckRecordSchema, processBenchRecordSchema } from '../server/dataset/schemas.ts';
import { gsm8kSection, lemaCotSection, mathCheckOutcomeSection, mathCheckSection, processBenchSection, workbookTitle, type DatasetName } from '../server/dataset/toMarkdown.ts';
import { LemaServer } from '../server/lsp/lemaServer.ts';
import { Suppressions } from '../server/lsp/suppressions.ts';
import { processBenchMetrics, type Prediction } from '../server/model/evalDataset.ts';
import { EmbeddedEngine } from '../server/verify/embeddedEngine.ts';
import { median } from './timing.ts';

const DATA = join(__dirname, '..', '..', 'shared', 'data');
const CLI = join(__dirname, '..', 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'lema-bench-'));

async function workbook<T>(dataset: DatasetName, file: string, schema: Parameters<typeof readJsonl>[1], section: (record: T, i: number) => string) {
  const records: T[] = [];
  for await (const { record } of readJsonl(join(DATA, file), schema)) records.push(record as T);
  const sections = records.map((r, i) => section(r, i));
  const text = workbookTitle(dataset, file) + sections.join('');
  return { records, text, sections };
}


function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function coldCliCheck(path: string) {
  // Peak RSS is read inside the child at exit; wall time includes Node's start-up.
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--require', join(__dirname, 'reportPeakRss.cjs'), CLI, 'check', '--format', 'json', path],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const wallMs = performance.now() - started;
  const rss = /peak-rss-kb=(\d+)/.exec(run.stderr);
  return { wallMs, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, problems: run.stdout.trim().split('\n').length, output: run.stdout };
}

/** The cold check's output beside a busy loop on every core: the verdicts must not change under load. */
async function checkUnderLoad(path: string) {
  const busy = Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  try {
    await new Promise((resolve) => setImmediate(resolve));
    return coldCliCheck(path);
  } finally {
    for (const child of busy) child.kill();
  }
}

function editLatency(text: string) {
  const documents = new Map<string, TextDocument>();
  const server = new LemaServer(
    { publishDiagnostics: () => {}, getDocument: (uri) => documents.get(uri) },
    new Suppressions(undefined),
  );
  const uri = 'file:///bench/gsm8k.md';
  let document = TextDocument.create(uri, 'markdown', 1, text);
  documents.set(uri, document);
  server.checkNow(document); // at once: the figure is the re-publish after an edit
  const problems = server.session(uri)!.checked!.document.problems;
  const timings: number[] = [];
  for (let i = 0; i < 201; i++) {
    // One character typed at the end of a question somewhere in the workbook.
    const problem = problems[(i * 7919) % problems.length]!;
    const at = problem.questionRange?.end ?? problem.range.start;
    document = TextDocument.update(document, [{ range: { start: at, end: at }, text: i % 2 ? ' ' : '?' }], document.version + 1);
    documents.set(uri, document);
    const started = performance.now();
    server.checkNow(document);
    timings.push(performance.now() - started);
  }
  return { medianMs: median(timings.slice(1)), p95Ms: percentile(timings.slice(1), 95) };
}

interface Labelled {
  title: string;
  label: number;
}

/**
 * Checks each problem's section as its own document: the parser reads a multi-megabyte workbook
 * under a time budget, and accuracy figures must not depend on how busy the machine is.
 */
function accuracy(sections: string[], labelled: Labelled[]) {
  const checker = new DocumentChecker(new EmbeddedEngine());
  const byTitle = new Map(sections.flatMap((section) => checker.check(section).problems.map((p) => [p.problem.title ?? '', p] as const)));
  const predictions: Prediction[] = [];
  const falseFlags: string[] = [];
  let missing = 0;
  for (const item of labelled) {
    const checked = byTitle.get(item.title);
    if (!checked) {
      missing++;
      continue;
    }
    const predicted = checked.verdict.status === 'wrong' ? checked.verdict.stepIndex : -1;
    predictions.push({ label: item.label, predicted });
    if (predicted >= 0 && (item.label < 0 || predicted < item.label)) {
      falseFlags.push(`${item.title}: step ${predicted + 1} (label ${item.label < 0 ? 'correct' : `step ${item.label + 1}`}): ${checked.verdict.status === 'wrong' ? checked.verdict.explanation : ''}`);
    }
  }
  // LEMA_BENCH_DUMP=dir writes every prediction, to compare two versions of the verifier.
  const dump = process.env.LEMA_BENCH_DUMP;
  if (dump && labelled.length > 0) {
    const lines = labelled.map((item) => {
      const v = byTitle.get(item.title)?.verdict;
      return JSON.stringify({ title: item.title, label: item.label, predicted: v?.status === 'wrong' ? v.stepIndex : -1, explanation: v?.status === 'wrong' ? v.explanation : undefined });
    });
    writeFileSync(join(dump, `${labelled[0]!.title.split(' ')[0]}-${labelled.length}.jsonl`), `${lines.join('\n')}\n`);
  }
  const flagged = predictions.filter((p) => p.predicted >= 0).length;
  const hits = predictions.filter((p) => p.predicted >= 0 && p.predicted === p.label).length;
  return { predictions, falseFlags, flagged, hits, missing };
}

async function main() {
  if (!existsSync(DATA)) {
    console.log(`skipped: ${DATA} not found (the engine benchmarks need the reference data).`);
    return;
  }
  const accuracyOnly = process.argv.includes('--accuracy');
  const gsm8k = await workbook<{ question: string; answer: string }>('gsm8k', 'gsm8k-test.jsonl', gsm8kRecordSchema, (r, i) => gsm8kSection(r, i));
  const gsm8kPath = join(work, 'gsm8k.md');
  writeFileSync(gsm8kPath, gsm8k.text);

  if (!accuracyOnly) {
    const inProcess = (() => {
      const started = performance.now();
      const checked = new DocumentChecker(new EmbeddedEngine()).check(gsm8k.text);
      return { ms: performance.now() - started, problems: checked.problems.length };
    })();
    const colds = [coldCliCheck(gsm8kPath), coldCliCheck(gsm8kPath), coldCliCheck(gsm8kPath)];
    const cold = colds.sort((a, b) => a.wallMs - b.wallMs)[1]!;
    const loaded = await checkUnderLoad(gsm8kPath);
    const edit = editLatency(gsm8k.text);

    console.log('| figure | value | target |');
    console.log('|---|---|---|');
    console.log(`| GSM8K workbook size | ${(gsm8k.text.length / 1024).toFixed(0)} KiB, ${inProcess.problems} problems | |`);
    console.log(`| cold check, whole CLI process (median of 3) | ${cold.wallMs.toFixed(0)} ms wall | < 1 s |`);
    console.log(`| cold check, peak RSS of that process | ${cold.peakRssMb.toFixed(0)} MB | < 200 MB |`);
    console.log(`| cold check in process (parse + verify, no start-up) | ${inProcess.ms.toFixed(0)} ms | |`);
    console.log(
      `| cold check beside a busy loop on each of ${availableParallelism()} cores | ${loaded.wallMs.toFixed(0)} ms wall, output ${loaded.output === cold.output && cold.output.length > 0 ? 'identical to the idle run' : 'DIFFERENT from the idle run'} | identical |`,
    );
    console.log(`| re-publish after a one-character edit, server side | median ${edit.medianMs.toFixed(2)} ms, p95 ${edit.p95Ms.toFixed(2)} ms (200 edits) | < 10 ms median |`);
    console.log('');
  }

  const results: Array<{ name: string; result: ReturnType<typeof accuracy>; metric: string; items: string }> = [];
  const gsm = accuracy(gsm8k.sections, gsm8k.records.map((_, i) => ({ title: `gsm8k ${i}`, label: -1 })));
  results.push({ name: 'gsm8k-test (reference solutions)', result: gsm, items: `${gsm.predictions.length}`, metric: 'target 0 flags' });

  const cot = await workbook<{ prompt: string; completion: string }>('lema-cot', 'lema-gsm8k-test-cot.jsonl', lemaCotRecordSchema, (r, i) => lemaCotSection(r, i));
  const cotResult = accuracy(cot.sections, cot.records.map((_, i) => ({ title: `lema-cot ${i}`, label: -1 })));
  results.push({ name: 'lema-gsm8k-test-cot (free-form, correct)', result: cotResult, items: `${cotResult.predictions.length}`, metric: 'target 0 flags' });

  for (const file of ['processbench-gsm8k-dev.jsonl', 'processbench-olympiadbench.jsonl', 'processbench-omnimath.jsonl']) {
    const pb = await workbook<{ id: string; label: number; problem: string; steps: string[] }>('processbench', file, processBenchRecordSchema, (r) => processBenchSection(r as never));
    const result = accuracy(pb.sections, pb.records.map((r) => ({ title: `processbench ${r.id}`, label: r.label })));
    const m = processBenchMetrics(result.predictions);
    results.push({
      name: file.replace('.jsonl', ''),
      result,
      items: `${result.predictions.length} (${m.wrongCount} wrong, ${m.correctCount} correct)`,
      metric: `acc. wrong ${m.accuracyWrong.toFixed(1)} %, acc. correct ${m.accuracyCorrect.toFixed(1)} %, F1 ${m.f1.toFixed(1)}`,
    });
  }

  const mc = await workbook<{ id: string; answer: string }>('mathcheck', 'mathcheck-gsm-process-dev.jsonl', mathCheckRecordSchema, (r) => mathCheckSection(r as never));
  const mcResult = accuracy(mc.sections, mc.records.map((r) => ({ title: `mathcheck ${r.id}`, label: mathCheckLabelIndex(r) })));
  results.push({ name: 'mathcheck-gsm-process-dev', result: mcResult, items: `${mcResult.predictions.length}`, metric: `exact match ${((100 * mcResult.hits) / mcResult.predictions.length).toFixed(1)} %` });

  // Outcome judging: only the `Correct` items carry step labels (every step correct).
  const mco = await workbook<{ id: string; answer: string }>('mathcheck-outcome', 'mathcheck-gsm-outcome-dev.jsonl', mathCheckOutcomeRecordSchema, (r) => mathCheckOutcomeSection(r as never));
  const correctOutcomes = mco.records.filter((r) => r.answer === 'Correct');
  const mcoResult = accuracy(mco.sections, correctOutcomes.map((r) => ({ title: `mathcheck-outcome ${r.id}`, label: -1 })));
  const incorrectFlagged = accuracy(mco.sections, mco.records.filter((r) => r.answer !== 'Correct').map((r) => ({ title: `mathcheck-outcome ${r.id}`, label: 0 }))).flagged;
  results.push({
    name: 'mathcheck-gsm-outcome-dev (`Correct` items)',
    result: mcoResult,
    items: `${mcoResult.predictions.length} of ${mco.records.length}`,
    metric: `target 0 flags; ${incorrectFlagged} of the ${mco.records.length - correctOutcomes.length} \`Incorrect\` items flagged`,
  });

  console.log('| dataset | items | flagged | false flags on correct steps | exact hits | metric |');
  console.log('|---|---|---|---|---|---|');
  for (const { name, result, items, metric } of results) {
    const labelled = result.predictions.some((p) => p.label >= 0);
    console.log(`| ${name} | ${items} | ${result.flagged} | ${result.falseFlags.length} | ${labelled ? result.hits : 'n/a'} | ${metric} |`);
  }
  for (const { name, result } of results) {
    if (result.missing > 0) console.log(`\n${name}: ${result.missing} items did not parse back from the workbook.`);
    for (const flag of result.falseFlags) console.log(`- false flag: ${flag}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
