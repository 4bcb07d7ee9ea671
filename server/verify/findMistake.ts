// Walks a problem's steps in order and returns the first provable mistake: a wrong computation or
// rounding, an equation step whose solution differs from the equation before it, an identity with
// a counterexample, or a final answer that disagrees with the last computed value.
import type { Problem } from '../document/types.ts';
import type { MistakeKind, TextSpan } from '../engine/types.ts';
import { checkArithmetic, literalValue, readEquation, type ArithmeticContext, type Pair } from './checkPairs.ts';
import type { Literal } from './extractChains.ts';
import { formatLike, styleOf } from './formatNumber.ts';
import { evaluate } from './math/evaluate.ts';
import { equal, type Exact, exactInt, exactRatio, mul, div, toDecimal, terminatingPlaces } from './math/exact.ts';
import { hasVariable, variablesOf, type Expr } from './math/parseExpression.ts';
import { readStep, sideText, tokenSpan, type Source, type StepReading } from './readStep.ts';
import { judge } from './rounding.ts';

export interface Finding {
  stepIndex: number;
  kind: MistakeKind;
  explanation: string;
  hint: string;
  span?: TextSpan;
  /** The wrong number and its right value, when the mistake is one written number. */
  fix?: { source: Source; literal: Literal; written: Exact; right: Exact };
  /** For a final-answer mistake: the value the steps computed. */
  finalValue?: Exact;
}

export interface Inspection {
  readings: StepReading[];
  finding?: Finding;
  /** Claims that were checked and held. */
  verified: number;
}

const NUMBER_WORDS = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty',
  'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'half', 'quarter', 'dozen', 'twice',
  'double', 'triple', 'once', 'thrice', 'third', 'percent',
]);

const IDENTITY_CUE = /\b(expand\w*|factor\w*|simplif\w*|identity|distribut\w*|equivalent|foil)\b/i;

export function inspectProblem(problem: Problem): Inspection {
  const readings = problem.steps.map((s) => readStep(s.text));
  const ctx: ArithmeticContext = { roundedValues: [] };
  const solved = new Map<string, { value: Exact; stepIndex: number; text: string }>();
  let verified = 0;
  let lastComputed: { stepIndex: number; pair: Pair; value: Exact } | undefined;

  for (let s = 0; s < readings.length; s++) {
    const reading = readings[s]!;
    const step = problem.steps[s]!;
    const pairs = pairsOf(reading);
    for (const pair of pairs) {
      const { left, right } = pair;
      if (!left.expr || !right.expr) continue;
      if (!hasVariable(left.expr) && !hasVariable(right.expr)) {
        const outcome = checkArithmetic(pair, ctx);
        if (outcome.status === 'ok') {
          verified++;
          if (!pair.source.annotation && right.literal) lastComputed = { stepIndex: s, pair, value: outcome.value };
        } else if (outcome.status === 'wrong' && !step.ignored) {
          const shown = pair.source.annotation ? sameSlipInText(pairs, pair, outcome, ctx) : undefined;
          const [p, o] = shown ?? [pair, outcome];
          return { readings, verified, finding: arithmeticFinding(s, reading, p, o.value, o.literal, o.written, o.judgement === 'wrong-rounding') };
        }
        continue;
      }
      const equation = left.trusted && right.trusted ? readEquation(pair) : undefined;
      if (equation) {
        if (equation.solutions.kind !== 'one') continue;
        const before = solved.get(equation.variable);
        const value = equation.solutions.value;
        if (before && !equal(before.value, value)) {
          if (!step.ignored && !agreesWhenRounded(pair, before.value, value)) {
            return { readings, verified, finding: equationFinding(s, reading, pair, equation.variable, before, value) };
          }
          verified++;
          continue; // keep the exact solution, not its rounded restatement
        }
        if (before) verified++;
        solved.set(equation.variable, { value, stepIndex: s, text: `${sideText(reading.text, pair.source, left)} = ${sideText(reading.text, pair.source, right)}` });
        continue;
      }
      if (IDENTITY_CUE.test(reading.text) && looksLikeIdentity(left.expr, right.expr) && left.trusted && right.trusted && !step.ignored) {
        const counter = counterexample(left.expr, right.expr);
        if (counter) return { readings, verified, finding: identityFinding(s, reading, pair, counter) };
        verified++;
      }
    }
  }
  const finalFinding = checkFinalAnswer(problem, readings, lastComputed);
  if (finalFinding) return { readings, verified, finding: finalFinding };
  return { readings, verified };
}

type WrongOutcome = Extract<ReturnType<typeof checkArithmetic>, { status: 'wrong' }>;

/**
 * GSM8K writes `9 * 2 = <<9*2=19>>19`: the annotation and the text after it make the same claim.
 * The text's claim is what the reader sees, so the finding points there when it says the same.
 */
function sameSlipInText(pairs: Pair[], annotated: Pair, outcome: WrongOutcome, ctx: ArithmeticContext): [Pair, WrongOutcome] | undefined {
  for (const pair of pairs) {
    if (pair.source.annotation || pair.position < annotated.position) continue;
    const o = checkArithmetic(pair, { roundedValues: [...ctx.roundedValues] });
    if (o.status === 'wrong' && equal(o.written, outcome.written) && equal(o.value, outcome.value)) return [pair, o];
  }
  return undefined;
}

/** All links of all chains of a step, in the order their right sides appear in the text. */
export function pairsOf(reading: StepReading): Pair[] {
  const pairs: Pair[] = [];
  for (const source of reading.sources) {
    for (const chain of source.chains) {
      for (let i = 0; i + 1 < chain.sides.length; i++) {
        const left = chain.sides[i]!;
        const right = chain.sides[i + 1]!;
        if (right.start >= right.end) continue;
        const position = tokenSpan(source, right.start, right.start).start;
        pairs.push({ source, left, right, approx: chain.approx[i] ?? false, position });
      }
    }
  }
  return pairs.sort((a, b) => a.position - b.position);
}

function operationName(e: Expr | undefined): string {
  if (e?.kind === 'bin') {
    switch (e.op) {
      case '+':
        return 'addition';
      case '-':
        return 'subtraction';
      case '*':
        return 'multiplication';
      case '/':
        return 'division';
      case '^':
        return 'power';
    }
  }
  if (e?.kind === 'percent') return 'percentage';
  return 'calculation';
}

/** A value for an explanation: exact when it terminates, else one more place than written and `…`. */
function display(value: Exact, places: number, separator = ''): string {
  const exact = terminatingPlaces(value, 6);
  const digits = exact !== undefined ? toDecimal(value, 6) : `${toDecimal(value, Math.max(places, 2) + 1)}`;
  const grouped = separator ? groupThousands(digits, separator) : digits;
  return exact !== undefined ? grouped : `${grouped}…`;
}

function groupThousands(digits: string, separator: string): string {
  const [intPart = '', fracPart] = digits.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return fracPart !== undefined ? `${grouped}.${fracPart}` : grouped;
}

function arithmeticFinding(
  stepIndex: number,
  reading: StepReading,
  pair: Pair,
  value: Exact,
  literal: Literal,
  written: Exact,
  roundingOnly: boolean,
): Finding {
  const span = tokenSpan(pair.source, literal.first, literal.ref);
  const writtenText = reading.text.slice(span.start, span.end);
  const lhs = sideText(reading.text, pair.source, pair.left);
  const style = styleOf(writtenText, literal.num.decimals, literal.percent);
  const step = stepIndex + 1;
  const shownValue = literal.percent ? `${formatLike(value, { ...style, decimals: Math.max(style.decimals, terminatingPlaces(mul(value, exactInt(100)) ?? value, 4) ?? 2) })}%` : display(value, literal.num.decimals, style.separator);
  const currency = literal.num.currency ? currencySign(reading.text, span.start) : '';
  const writtenShown = literal.percent ? `${writtenText}%` : `${currency}${writtenText}`;
  const shown = literal.percent ? shownValue : `${currency}${shownValue}`;
  if (roundingOnly) {
    const rounded = formatLike(value, style);
    return {
      stepIndex,
      kind: 'rounding',
      explanation: `${lhs} is ${shown}, which rounds to ${rounded}${literal.percent ? '%' : ''}, not ${writtenShown}.`,
      hint: `Check the rounding in step ${step}.`,
      span,
      fix: { source: pair.source, literal, written, right: value },
    };
  }
  return {
    stepIndex,
    kind: 'arithmetic',
    explanation: `${lhs} is ${shown}, not ${writtenShown}.`,
    hint: `Check the ${operationName(pair.left.expr)} in step ${step}.`,
    span,
    fix: { source: pair.source, literal, written, right: value },
  };
}

/** The currency sign written just before offset `at` (`$`, `\\$`, `€`, `£`). */
function currencySign(text: string, at: number): string {
  // `$<<9*2=18>>18`: the sign stands before the annotation.
  if (text.slice(0, at).endsWith('>>')) {
    const open = text.lastIndexOf('<<', at);
    if (open !== -1) at = open;
  }
  if (text.slice(Math.max(0, at - 2), at) === '\\$') return '\\$';
  const c = text.charAt(at - 1);
  return c === '$' || c === '€' || c === '£' ? c : '';
}

function equationFinding(
  stepIndex: number,
  reading: StepReading,
  pair: Pair,
  variable: string,
  before: { value: Exact; stepIndex: number; text: string },
  value: Exact,
): Finding {
  const literal = pair.right.literal ?? pair.left.literal;
  const isAssignment = literal && (pair.left.expr?.kind === 'var' || pair.right.expr?.kind === 'var');
  const span = isAssignment
    ? tokenSpan(pair.source, literal.first, literal.ref)
    : tokenSpan(pair.source, pair.left.start, pair.right.end - 1);
  const here = `${sideText(reading.text, pair.source, pair.left)} = ${sideText(reading.text, pair.source, pair.right)}`;
  const right = display(before.value, 2);
  return {
    stepIndex,
    kind: 'algebra',
    explanation: isAssignment
      ? `From ${before.text}, ${variable} = ${right}, not ${display(value, 2)}.`
      : `${here} gives ${variable} = ${display(value, 2)}, but ${before.text} gives ${variable} = ${right}.`,
    hint: `Check how step ${stepIndex + 1} solves for ${variable}.`,
    span,
    fix: isAssignment && literal ? { source: pair.source, literal, written: literalValue(literal), right: before.value } : undefined,
  };
}

function identityFinding(stepIndex: number, reading: StepReading, pair: Pair, counter: Counterexample): Finding {
  const lhs = sideText(reading.text, pair.source, pair.left);
  const rhs = sideText(reading.text, pair.source, pair.right);
  const at = counter.assignment.map(([name, v]) => `${name} = ${display(v, 2)}`).join(', ');
  return {
    stepIndex,
    kind: 'algebra',
    explanation: `${lhs} = ${rhs} does not hold: with ${at} the left side is ${display(counter.left, 2)} and the right side is ${display(counter.right, 2)}.`,
    hint: `Check the algebra in step ${stepIndex + 1}.`,
    span: tokenSpan(pair.source, pair.right.start, pair.right.end - 1),
  };
}

/**
 * `x = 26.67` after `1.5x = 40`: a solution written rounded is the same solution. The rounding
 * rule applies with the places of the most precise number written in the new equation, and with
 * 1% leeway, since such steps often carry rounded values.
 */
function agreesWhenRounded(pair: Pair, exact: Exact, value: Exact): boolean {
  let decimals = 0;
  for (let k = pair.left.start; k < pair.right.end; k++) {
    const t = pair.source.tokens[k];
    if (t?.type === 'num') decimals = Math.max(decimals, t.decimals);
  }
  const j = judge(exact, { value, decimals, percent: false, repeating: false }, pair.approx, decimals > 0);
  return j === 'exact' || j === 'rounded';
}

/**
 * An equality read as a claimed identity (`(a+b)^2 = a^2 + 2ab + b^2`) rather than an equation to
 * solve or a definition: both sides mention variables, neither is a lone variable, and there are
 * at least two variables (one-variable equations are checked by their solutions instead).
 */
function looksLikeIdentity(left: Expr, right: Expr): boolean {
  if (left.kind === 'var' || right.kind === 'var' || !hasVariable(left) || !hasVariable(right)) return false;
  return variablesOf(right, variablesOf(left)).length >= 2;
}

interface Counterexample {
  assignment: Array<[string, Exact]>;
  left: Exact;
  right: Exact;
}

const SAMPLE_POINTS: Array<[bigint, bigint]> = [
  [2n, 1n], [3n, 1n], [5n, 1n], [7n, 1n], [-3n, 1n], [11n, 1n], [1n, 2n], [13n, 3n],
];

/**
 * Evaluates both sides exactly at a few rational points. One point where both are defined and
 * differ proves the equality is not an identity.
 */
function counterexample(left: Expr, right: Expr): Counterexample | undefined {
  const names = variablesOf(right, variablesOf(left));
  if (names.length === 0 || names.length > 6) return undefined;
  for (let k = 0; k < SAMPLE_POINTS.length; k++) {
    const env = new Map<string, Exact>();
    const assignment: Array<[string, Exact]> = [];
    names.forEach((name, j) => {
      const [n, d] = SAMPLE_POINTS[(k + j) % SAMPLE_POINTS.length]!;
      const v = exactRatio(n, d)!;
      env.set(name, v);
      assignment.push([name, v]);
    });
    const l = evaluate(left, env);
    const r = evaluate(right, env);
    if (l && r && !equal(l, r)) return { assignment, left: l, right: r };
  }
  return undefined;
}

/** The value of a final answer as written (`72`, `\$18`, `\frac{3}{4}`, `18 dollars`), when it is one number. */
export function finalAnswerValue(value: string): { value: Exact; decimals: number; percent: boolean } | undefined {
  const reading = readStep(value);
  const source = reading.sources[0];
  if (!source) return undefined;
  let tokens = source.tokens;
  while (tokens.length > 0 && (tokens[tokens.length - 1]!.type === 'word' || tokens[tokens.length - 1]!.type === 'punct')) {
    tokens = tokens.slice(0, -1);
  }
  if (tokens.length === 0 || tokens.some((t) => t.type === 'word' || t.type === 'punct' || t.type === 'var' || t.type === 'eq')) return undefined;
  const nums = tokens.filter((t) => t.type === 'num');
  if (nums.length !== 1 && !tokens.some((t) => t.type === 'op' && t.op === '/')) return undefined;
  const chain = readStep(`${value} = 0`).sources[0]?.chains[0];
  const expr = chain?.sides[0]?.expr;
  const v = expr && evaluate(expr);
  if (!v) return undefined;
  const first = nums[0];
  return { value: v, decimals: first?.type === 'num' ? first.decimals : 0, percent: tokens.some((t) => t.type === 'percent') };
}

function checkFinalAnswer(
  problem: Problem,
  readings: StepReading[],
  last: { stepIndex: number; pair: Pair; value: Exact } | undefined,
): Finding | undefined {
  const answer = problem.finalAnswer;
  if (!answer || !last) return undefined;
  const final = finalAnswerValue(answer.value);
  if (!final) return undefined;
  const literal = last.pair.right.literal;
  if (!literal || !last.pair.right.trusted) return undefined;
  // Certain only when nothing follows the last computed result but repeats of the answer in the
  // answer's own step, and the answer is not a number the steps mention elsewhere ("skip 4 classes
  // because 10 - 4 = 6").
  for (let s = 0; s < readings.length; s++) {
    for (const source of readings[s]!.sources) {
      for (let k = 0; k < source.tokens.length; k++) {
        const t = source.tokens[k]!;
        const isAfter = s > last.stepIndex || (s === last.stepIndex && (source.annotation ? false : k > literal.ref));
        const inAnswerStep = s === answer.stepIndex;
        if (isAfter && !inAnswerStep && t.type === 'word' && (s > last.stepIndex || NUMBER_WORDS.has(t.text.toLowerCase()))) {
          return undefined; // more text follows, or a number written in words ("it took three days")
        }
        if (isAfter && !inAnswerStep && t.type === 'punct' && '.!?;'.includes(t.char) && source.tokens[k + 1]?.type === 'word') {
          return undefined; // another sentence follows the last computation
        }
        if (t.type !== 'num') continue;
        if (isAfter && !(inAnswerStep && equal(t.value, final.value))) return undefined;
        if (!isAfter && !inAnswerStep && equal(t.value, final.value)) return undefined;
      }
    }
  }
  const written = literalValue(literal);
  const v = last.value;
  if (equal(final.value, written) || equal(final.value, v)) return undefined;
  const h = exactInt(100);
  const times = mul(v, h);
  const over = div(v, h);
  if ((times && equal(final.value, times)) || (over && equal(final.value, over))) return undefined;
  const j = judge(v, { value: final.value, decimals: final.decimals, percent: final.percent, repeating: false }, false, false);
  if (j === 'exact' || j === 'rounded') return undefined;
  const stepIndex = answer.stepIndex ?? problem.steps.length - 1;
  if (problem.steps[stepIndex]?.ignored) return undefined;
  let span: TextSpan | undefined;
  if (answer.stepIndex !== undefined) {
    const main = readings[answer.stepIndex]?.sources[0];
    const hit = main?.tokens.findLast((t) => t.type === 'num' && equal(t.value, final.value));
    if (main && hit) span = { start: main.norm.map[hit.start]!, end: main.norm.map[hit.end - 1]! + 1 };
  }
  const computed = display(v, literal.num.decimals);
  return {
    stepIndex,
    kind: 'final-answer',
    explanation: `Step ${last.stepIndex + 1} computes ${computed}, but the final answer is ${answer.value.trim()}.`,
    hint: `Check the final answer against step ${last.stepIndex + 1}.`,
    span,
    finalValue: v,
  };
}
