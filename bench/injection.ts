// Mistake injection, in the LeMa spirit: every GSM8K test solution the verifier accepts gets one
// slip per mutation kind (off by one, digit swap, wrong operation), carried on through the later
// steps (bench/injectSlip.ts, fixed seed). Each injected solution goes the way a person's document
// goes (markdown, parse, check), and the offered correction is applied to the text and checked again:
//  (a) the verifier flags exactly the injected step;
//  (b) the applied correction gives back the original final answer;
//  (c) the corrected solution has a new provable slip (target 0).
// `node --import tsx bench/injection.ts --list <carried|alone> <kind> <a|b|c|text>` lists the failures of one figure.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl } from '../server/dataset/readJsonl.ts';
import { gsm8kRecordSchema, type Gsm8kRecord } from '../server/dataset/schemas.ts';
import { gsm8kSection } from '../server/dataset/toMarkdown.ts';
import { parseSolutionDocument } from '../server/document/parseSolutionDocument.ts';
import { renderCorrection } from '../server/document/renderCorrection.ts';
import type { Problem } from '../server/document/types.ts';
import { finalAnswerValue } from '../server/verify/checkFinalAnswer.ts';
import { EmbeddedEngine } from '../server/verify/embeddedEngine.ts';
import { equal } from '../server/verify/math/exact.ts';
import { applyEdit } from '../test/server/document/rangeText.ts';
import { injectSlip, MUTATION_KINDS, seeded, type MutationKind } from './injectSlip.ts';

const DATA = join(__dirname, '..', '..', 'shared', 'data');
const SEED = 20261201;
const engine = new EmbeddedEngine();

interface Tally {
  injected: number;
  notApplicable: number;
  flaggedRight: number;
  flaggedElsewhere: number;
  offered: number;
  restored: number;
  sameText: number;
  newSlip: number;
  /** Time spent in the engine on the injected solutions (verdict, correction, re-verification). */
  checkMs: number;
  failures: Record<'a' | 'b' | 'c' | 'text', string[]>;
}

const empty = (): Tally => ({
  injected: 0,
  notApplicable: 0,
  flaggedRight: 0,
  flaggedElsewhere: 0,
  offered: 0,
  restored: 0,
  sameText: 0,
  newSlip: 0,
  checkMs: 0,
  failures: { a: [], b: [], c: [], text: [] },
});

function only(text: string): Problem | undefined {
  return parseSolutionDocument(text).problems[0];
}


function sameFinal(a: Problem | undefined, b: Problem | undefined): boolean {
  const x = a?.finalAnswer && finalAnswerValue(a.finalAnswer.value);
  const y = b?.finalAnswer && finalAnswerValue(b.finalAnswer.value);
  return !!x && !!y && equal(x.value, y.value);
}

/** A reference solution the verifier accepts, read once for every mutation kind and mode. */
interface Accepted {
  record: Gsm8kRecord;
  /** Its index in the data set (its heading, and the label of a failure). */
  i: number;
  originalText: string;
  original: Problem;
}

function acceptedSolutions(records: Gsm8kRecord[]): Accepted[] {
  return records.flatMap((record, i) => {
    const originalText = gsm8kSection(record, i);
    const original = only(originalText);
    return original && engine.checkSync(original).status !== 'wrong' ? [{ record, i, originalText, original }] : [];
  });
}

function run(solutions: Accepted[], kind: MutationKind, carry: boolean, tally: Tally): void {
  const random = seeded(SEED + MUTATION_KINDS.indexOf(kind) + (carry ? 0 : 100));
  solutions.forEach(({ record, i, originalText, original }) => {
    const injection = injectSlip(record.question, record.answer, kind, random, carry);
    if (!injection) {
      tally.notApplicable++;
      return;
    }
    const text = gsm8kSection({ question: record.question, answer: injection.answer }, i);
    const problem = only(text);
    const stepIndex = problem?.steps.findIndex((s) => s.text === injection.stepText.trim()) ?? -1;
    if (!problem || stepIndex < 0) {
      tally.notApplicable++;
      return;
    }
    tally.injected++;
    const label = `#${i} step ${stepIndex + 1}: ${injection.stepText.trim()}`;
    const checkStarted = performance.now();
    const verdict = engine.checkSync(problem);
    tally.checkMs += performance.now() - checkStarted;
    if (verdict.status !== 'wrong' || verdict.stepIndex !== stepIndex) {
      if (verdict.status === 'wrong') tally.flaggedElsewhere++;
      tally.failures.a.push(`${label}\n    -> ${verdict.status === 'wrong' ? `step ${verdict.stepIndex + 1}: ${verdict.explanation}` : verdict.status}`);
      tally.failures.b.push(`${label}\n    -> not flagged there`);
      return;
    }
    tally.flaggedRight++;
    if (!verdict.correction) {
      tally.failures.b.push(`${label}\n    -> no correction offered (${verdict.explanation})`);
      return;
    }
    tally.offered++;
    const corrected = applyEdit(text, renderCorrection(text, problem, verdict.correction));
    const after = only(corrected);
    if (sameFinal(after, original)) tally.restored++;
    else tally.failures.b.push(`${label}\n    -> ${JSON.stringify(verdict.correction)}\n    original: #### ${original.finalAnswer?.value}`);
    if (corrected === originalText) tally.sameText++;
    else tally.failures.text.push(`${label}\n    -> ${JSON.stringify(verdict.correction.steps)}\n    original: ${JSON.stringify(original.steps.slice(stepIndex).map((st) => st.text))}`);
    const recheck = after ? engine.checkSync(after) : undefined;
    if (recheck?.status === 'wrong') {
      tally.newSlip++;
      tally.failures.c.push(`${label}\n    -> ${JSON.stringify(verdict.correction.steps)}\n    new slip: step ${recheck.stepIndex + 1}: ${recheck.explanation}`);
    }
  });
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);

function row(name: string, t: Tally): string {
  return `| ${name} | ${t.injected} (${t.notApplicable} n/a) | ${pct(t.flaggedRight, t.injected)} (${t.flaggedRight}) | ${t.offered} | ${pct(t.restored, t.injected)} (${t.restored}) | ${pct(t.sameText, t.injected)} | ${t.newSlip} |`;
}

async function main(): Promise<void> {
  if (!existsSync(DATA)) {
    console.log(`skipped: ${DATA} not found (the injection benchmark needs the reference data).`);
    return;
  }
  const records: Gsm8kRecord[] = [];
  for await (const { record } of readJsonl(join(DATA, 'gsm8k-test.jsonl'), gsm8kRecordSchema)) records.push(record as Gsm8kRecord);
  const started = performance.now();
  const solutions = acceptedSolutions(records);
  const byMode = new Map<string, Map<MutationKind, Tally>>();
  for (const carry of [true, false]) {
    const tallies = new Map(MUTATION_KINDS.map((k) => [k, empty()]));
    for (const kind of MUTATION_KINDS) run(solutions, kind, carry, tallies.get(kind)!);
    byMode.set(carry ? 'carried' : 'alone', tallies);
    const all = empty();
    for (const t of tallies.values()) {
      for (const key of ['injected', 'notApplicable', 'flaggedRight', 'flaggedElsewhere', 'offered', 'restored', 'sameText', 'newSlip', 'checkMs'] as const) all[key] += t[key];
    }
    console.log(carry ? '\nSlip carried on through the later steps (where that is unambiguous):\n' : '\nSlip alone (the later steps as written, using the right value):\n');
    console.log('| mutation | injected | (a) flagged at that step | corrections offered | (b) original final answer restored | whole original text restored | (c) corrections with a new slip |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [kind, t] of tallies) console.log(row(kind, t));
    console.log(row('**all**', all));
    console.log(`\n${all.flaggedElsewhere} flagged at another step; ${((1000 * all.checkMs) / all.injected).toFixed(0)} µs per check of an injected solution (verdict and correction).`);
  }
  console.log(`${(performance.now() - started).toFixed(0)} ms in all (seed ${SEED}).`);
  const list = process.argv.indexOf('--list');
  if (list >= 0) {
    const [mode, kind, figure] = process.argv.slice(list + 1) as [string, MutationKind, 'a' | 'b' | 'c' | 'text'];
    for (const f of byMode.get(mode)?.get(kind)?.failures[figure] ?? []) console.log(`- ${f}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
