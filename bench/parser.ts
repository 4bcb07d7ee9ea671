// Reader benchmarks (issue 8 §1, §4; issue 9 §4). Figures for BENCHMARKS.md:
// - bare parse of the GSM8K workbook by each CommonMark parser measured (cold: a fresh process
//   each, median of 3): micromark whole and in pieces, markdown-it (whole and block rules only),
//   @lezer/markdown; then this project's reader (text -> problems) and check (-> verdicts);
// - the cold CLI check (`check --format json`, whole process) of that workbook and of a
//   7,500-problem (~4 MB) one made by repeating it: every problem must come out;
// - the server: re-publish after a one-character edit (median of 200), and the longest time the
//   event loop is held while it opens the workbook (it reads and verifies in slices);
// - pathological inputs: the answer-line label on "so" + 32k spaces (old and new regex), and
//   20,000 nested one-line containers.
// The GSM8K figures need ../shared/data and skip themselves without it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentChecker } from '../server/check/documentChecker.ts';
import { readJsonl } from '../server/dataset/readJsonl.ts';
import { gsm8kRecordSchema } from '../server/dataset/schemas.ts';
import { gsm8kSection, workbookTitle } from '../server/dataset/toMarkdown.ts';
import { matchStandaloneAnswer } from '../server/document/labels.ts';
import { chunkStarts } from '../server/document/parseChunks.ts';
import { parseSolutionDocument } from '../server/document/parseSolutionDocument.ts';
import { LemaServer } from '../server/lsp/lemaServer.ts';
import { Suppressions } from '../server/lsp/suppressions.ts';
import { EmbeddedEngine } from '../server/verify/embeddedEngine.ts';

const DATA = join(__dirname, '..', '..', 'shared', 'data');
const CLI = join(__dirname, '..', 'dist', 'cli.js');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One cold measurement, in this process (run as a child): prints `ms=<n>`. */
async function child(what: string, file: string): Promise<void> {
  const text = readFileSync(file, 'utf8');
  let run: () => unknown;
  if (what === 'micromark' || what === 'micromark-pieces') {
    const { fromMarkdown } = await import('mdast-util-from-markdown');
    const { math } = await import('micromark-extension-math');
    const { mathFromMarkdown } = await import('mdast-util-math');
    const options = { extensions: [math()], mdastExtensions: [mathFromMarkdown()] };
    // In pieces, as this project's reader used it: 4 KiB pieces, inline constructs off.
    const noInline = { disable: { null: ['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelStartImage', 'labelStartLink', 'labelEnd', 'mathText'] } };
    const pieceOptions = { extensions: [math(), noInline], mdastExtensions: [mathFromMarkdown()] };
    run = what === 'micromark' ? () => fromMarkdown(text, options) : () => {
      const starts = [0];
      for (let at = text.indexOf('\n## ', 4096); at !== -1; at = text.indexOf('\n## ', at + 4096)) starts.push(at + 1);
      return starts.map((start, i) => fromMarkdown(text.slice(start, starts[i + 1] ?? text.length), pieceOptions));
    };
  } else if (what === 'markdown-it' || what === 'markdown-it-block') {
    const { default: MarkdownIt } = await import('markdown-it');
    const md = new MarkdownIt('commonmark');
    run = what === 'markdown-it' ? () => md.parse(text, {}) : () => {
      const state = new md.block.State(text, md, {}, []);
      md.block.tokenize(state, 0, state.lineMax);
      return state.tokens;
    };
  } else if (what === 'lezer') {
    const { parser } = await import('@lezer/markdown');
    run = () => parser.parse(text);
  } else if (what === 'reader') {
    run = () => parseSolutionDocument(text);
  } else {
    run = () => new DocumentChecker(new EmbeddedEngine()).check(text);
  }
  const started = performance.now();
  run();
  console.log(`ms=${(performance.now() - started).toFixed(1)}`);
}

function cold(what: string, file: string): number {
  const runs = [0, 1, 2].map(() => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', what, file], { encoding: 'utf8' });
    const ms = /ms=([\d.]+)/.exec(out.stdout);
    if (!ms) throw new Error(`${what}: ${out.stderr}`);
    return Number(ms[1]);
  });
  return median(runs);
}

function cliCheck(file: string): { ms: number; lines: number; checked: number } {
  const runs = [0, 1, 2].map(() => {
    const started = performance.now();
    const out = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--exit-zero', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - started;
    const lines = out.stdout.trim().split('\n');
    return { ms, lines: lines.length, checked: lines.filter((l) => l.includes('"status":"checked"')).length };
  });
  return runs.sort((a, b) => a.ms - b.ms)[1]!;
}

/** Median wall and CPU time of re-publishing after a one-character edit (200 edits, a warm server). */
function editMedian(text: string): { wallMs: number; cpuMs: number } {
  const documents = new Map<string, TextDocument>();
  const server = new LemaServer({ publishDiagnostics: () => {}, getDocument: (uri) => documents.get(uri) }, new Suppressions(undefined));
  const uri = 'file:///bench/workbook.md';
  let document = TextDocument.create(uri, 'markdown', 1, text);
  documents.set(uri, document);
  server.checkNow(document);
  const problems = server.session(uri)!.checked!.document.problems;
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 201; i++) {
    const at = problems[(i * 7919) % problems.length]!.questionRange?.end ?? { line: 0, character: 0 };
    document = TextDocument.update(document, [{ range: { start: at, end: at }, text: i % 2 ? ' ' : '?' }], document.version + 1);
    documents.set(uri, document);
    const started = performance.now();
    const cpu = process.cpuUsage();
    server.checkNow(document);
    const used = process.cpuUsage(cpu);
    walls.push(performance.now() - started);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(walls.slice(1)), cpuMs: median(cpus.slice(1)) };
}

/**
 * The longest stretch the event loop is held while the server opens `text` (a fresh server: cold
 * caches), in wall time and in CPU time of the process (on a loaded machine the wall time also
 * holds the time the process waited for a core).
 */
async function longestBlock(text: string): Promise<{ longestMs: number; longestCpuMs: number; slices: number; totalMs: number }> {
  const documents = new Map<string, TextDocument>();
  const server = new LemaServer({ publishDiagnostics: () => {}, getDocument: (uri) => documents.get(uri) }, new Suppressions(undefined));
  const document = TextDocument.create('file:///bench/open.md', 'markdown', 1, text);
  documents.set(document.uri, document);
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longest = 0;
  let longestCpu = 0;
  let slices = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000);
    last = now;
    lastCpu = cpu;
    slices++;
    if (running) setImmediate(tick);
  };
  const started = performance.now();
  last = started;
  setImmediate(tick);
  await server.opened(document);
  tick();
  running = false;
  return { longestMs: longest, longestCpuMs: longestCpu, slices, totalMs: performance.now() - started };
}

function labelCase(): { oldMs: number; newMs: number } {
  const line = 'so' + ' '.repeat(32_000) + 'x';
  const old = /^(?:(?:so|thus|therefore|hence)\s*,?\s+)?(?:the\s+)?(?:final\s+)?answer\s+is\b\s*:?\s*/i;
  let started = performance.now();
  old.exec(line);
  const oldMs = performance.now() - started;
  started = performance.now();
  matchStandaloneAnswer(line);
  return { oldMs, newMs: performance.now() - started };
}

function hostileInputs(): string[] {
  const inputs: [string, string][] = [
    ['10k "- "', '- '.repeat(10_000) + 'x'],
    ['10k ">"', '>'.repeat(10_000) + ' x'],
    ['10k brackets', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['\\boxed{ + 10k "{"', 'Question: q\nStep 1: \\boxed{' + '{'.repeat(10_000)],
  ];
  return inputs.map(([name, text]) => {
    const started = performance.now();
    parseSolutionDocument(text);
    return `${name} ${(performance.now() - started).toFixed(0)} ms`;
  });
}

function nestedContainers(): string[] {
  return ['- - x\n', '> - x\n', '1. - x\n'].map((line) => {
    const text = 'Question: q?\n\n' + line.repeat(20_000);
    const started = performance.now();
    parseSolutionDocument(text);
    return `${JSON.stringify(line.trim())} ${(performance.now() - started).toFixed(0)} ms`;
  });
}

async function main() {
  if (process.argv[2] === '--child') return child(process.argv[3]!, process.argv[4]!);
  const label = labelCase();
  console.log('| figure | value |');
  console.log('|---|---|');
  console.log(`| answer-line label on "so" + 32k spaces | ${label.oldMs.toFixed(0)} ms before, ${label.newMs.toFixed(2)} ms now |`);
  console.log(`| 20,000 nested one-line containers, read | ${nestedContainers().join(', ')} |`);
  console.log(`| hostile one-liners, read | ${hostileInputs().join(', ')} |`);
  for (const [name, text] of [
    ['a 4.8 MB fenced block', '## P\n\n```\n' + 'x\n'.repeat(2_400_000) + '```\n'],
    ['800,000 lines of "- - x"', '- - x\n'.repeat(800_000)],
    ['one 4.9 M-character line', 'Question: q?\n\n' + 'the answer is '.repeat(350_000)],
  ] as const) {
    const block = await longestBlock(text);
    console.log(`| ${name}, opened in the server: longest event-loop block | ${block.longestMs.toFixed(0)} ms wall, ${block.longestCpuMs.toFixed(0)} ms CPU (whole check ${block.totalMs.toFixed(0)} ms) |`);
  }
  if (!existsSync(DATA)) {
    console.log(`\nskipped the workbook figures: ${DATA} not found.`);
    return;
  }
  const records: { question: string; answer: string }[] = [];
  for await (const { record } of readJsonl(join(DATA, 'gsm8k-test.jsonl'), gsm8kRecordSchema)) records.push(record as never);
  const sections = records.map((r, i) => gsm8kSection(r, i));
  const text = workbookTitle('gsm8k', 'gsm8k-test.jsonl') + sections.join('');
  // 7,500 problems by repeating GSM8K; each copy's question is marked, so every problem is new to
  // the verifier's cache and the figure covers reading and verifying all of them.
  const copy = (i: number) => {
    const record = records[i % records.length]!;
    const round = Math.floor(i / records.length);
    return round === 0 ? record : { ...record, question: `${record.question} (copy ${round})` };
  };
  const big = workbookTitle('gsm8k', 'gsm8k-test.jsonl') + Array.from({ length: 7500 }, (_, i) => gsm8kSection(copy(i), i)).join('');
  const work = mkdtempSync(join(tmpdir(), 'lema-bench-parser-'));
  const file = join(work, 'gsm8k.md');
  const bigFile = join(work, 'gsm8k-7500.md');
  writeFileSync(file, text);
  writeFileSync(bigFile, big);

  console.log(`| GSM8K workbook | ${(text.length / 1024).toFixed(0)} KiB, ${records.length} problems, ${chunkStarts(text).length} pieces |`);
  for (const what of ['micromark', 'micromark-pieces', 'markdown-it', 'markdown-it-block', 'lezer', 'reader', 'check']) {
    console.log(`| cold, in a fresh process (median of 3): ${what} | ${cold(what, file).toFixed(0)} ms |`);
  }
  const cli = cliCheck(file);
  console.log(`| cold CLI check, whole process (median of 3) | ${cli.ms.toFixed(0)} ms, ${cli.checked} of ${cli.lines} problems checked |`);
  const cliBig = cliCheck(bigFile);
  console.log(`| cold CLI check of ${(big.length / 1024 / 1024).toFixed(1)} MiB, 7,500 problems (median of 3) | ${cliBig.ms.toFixed(0)} ms, ${cliBig.checked} of ${cliBig.lines} problems checked; ${((cliBig.ms / big.length) / (cli.ms / text.length)).toFixed(2)}× the time per character of the 1,319-problem workbook (one Node start-up in each) |`);
  const edit = editMedian(text);
  console.log(`| re-publish after a one-character edit, server side (median of 200) | ${edit.cpuMs.toFixed(2)} ms CPU, ${edit.wallMs.toFixed(2)} ms wall |`);
  for (const [name, document] of [['the GSM8K workbook', text], ['the 7,500-problem workbook', big]] as const) {
    const block = await longestBlock(document);
    console.log(`| opening ${name} in the server: longest event-loop block | ${block.longestMs.toFixed(0)} ms wall, ${block.longestCpuMs.toFixed(0)} ms CPU (${block.slices} slices, whole check ${block.totalMs.toFixed(0)} ms) |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
