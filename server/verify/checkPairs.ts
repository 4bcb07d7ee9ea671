// Judges one link `A = B` of an equality chain: arithmetic (no variables) or a linear equation in
// one variable. Only what is proven is called wrong; everything uncertain is "skip".
import Fraction from 'fraction.js';
import { evaluate, linearForm } from './math/evaluate.ts';
import { div, equal, type Exact, HUNDRED, neg as negate } from './math/exact.ts';
import { hasOperation, hasVariable, variablesOf, type Expr } from './math/parseExpression.ts';
import type { Literal, Side } from './extractChains.ts';
import { judge, type Judgement } from './rounding.ts';
import { fractionLiteral, partSlip } from './compareSides.ts';
import { tokenSpan, type Source, type StepReading } from './readStep.ts';
import { fractionResult } from './fractionResult.ts';

export interface Pair {
  source: Source;
  left: Side;
  right: Side;
  approx: boolean;
  /** Offset in the step text where the right side starts (orders the pairs of a step). */
  position: number;
  /** The left side is itself written as an approximation (`≈ (1/2) * 5.62 * 39.62 ≈ 111.62`). */
  approxLeft?: boolean;
}

export type ArithmeticOutcome =
  | { status: 'skip' }
  | { status: 'ok'; rounded: boolean; value: Exact }
  /** `part`: the sub-claim the slip is in (`3*8` is 24, not 21, inside `(7 + 3*8 - 2) = (7 + 21 - 2)`). */
  | { status: 'wrong'; judgement: Judgement; value: Exact; literal: Literal; written: Exact; part?: Pair }
  /** A result written as a fraction (`1/2 + 1/4 = 2/6`): the explanation is in fractions too. */
  /** A right side that is another expression of a different value, not a running calculation. */
  | { status: 'wrong-restatement'; value: Exact; written: Exact };

/** Context carried through a problem: values that were written rounded (operands built on them are approximate). */
export interface ArithmeticContext {
  roundedValues: Exact[];
}

export function literalValue(l: Literal): Exact {
  let v = l.num.value;
  if (l.negative) v = negate(v);
  if (l.percent) v = div(v, HUNDRED)!;
  return v;
}

export function checkArithmetic(pair: Pair, ctx: ArithmeticContext): ArithmeticOutcome {
  const { left, right } = pair;
  if (!left.expr || !right.expr || hasVariable(left.expr) || hasVariable(right.expr)) return { status: 'skip' };
  // `34 = 2 × 17`: a number stated as a computation reads the other way round.
  if (left.literal && !right.literal && hasOperation(right.expr) && !fractionLiteral(right.expr) && startsClause(pair)) {
    const swapped: Pair = { ...pair, left: right, right: left, approxLeft: false };
    const outcome = checkArithmetic(swapped, ctx);
    return outcome.status === 'wrong' ? { ...outcome, part: outcome.part ?? swapped } : outcome;
  }
  const v = evaluate(left.expr);
  if (!v) return { status: 'skip' };
  if (right.literal) {
    const literal = right.literal;
    const written = literalValue(literal);
    if (equal(v, written)) return { status: 'ok', rounded: false, value: v };
    // A bare number on the left is a restatement or a definition ("50% = 25 students"): not a computation.
    if (!hasOperation(left.expr) || !left.trusted || !right.trusted) return { status: 'skip' };
    if (mixesPercentInSum(left.expr)) return { status: 'skip' };
    const approximateInputs = usesApproximateOperand(left.expr, ctx, pair);
    const asWritten = {
      value: written,
      decimals: literal.num.decimals,
      percent: literal.percent,
      repeating: literal.num.repeating,
    };
    let judgement = judge(v, asWritten, pair.approx, approximateInputs);
    if ((judgement === 'wrong' || judgement === 'wrong-rounding') && literal.percent) {
      // "0.25 × 100 = 25%": the percent sign written on a value already multiplied by 100.
      const bare = { ...asWritten, value: literal.negative ? negate(literal.num.value) : literal.num.value, percent: false };
      const again = judge(v, bare, pair.approx, approximateInputs);
      if (again === 'exact' || again === 'rounded') judgement = again;
    }
    if (judgement === 'exact' || judgement === 'rounded') {
      if (judgement === 'rounded') ctx.roundedValues.push(written);
      return { status: 'ok', rounded: judgement === 'rounded', value: v };
    }
    if (looksLikeRange(pair)) return { status: 'skip' };
    return { status: 'wrong', judgement, value: v, literal, written };
  }
  const w = evaluate(right.expr);
  if (!w) return { status: 'skip' };
  if (equal(v, w)) return { status: 'ok', rounded: false, value: v };
  // `1/2 + 1/4 = 2/6`: a fraction ending the chain is that exact value, unless it reads as a
  // running calculation that holds (`2 * 3 = 6/7 days`).
  const fraction = fractionResult(pair);
  const num = fraction && pair.source.tokens[fraction.numerator];
  if (fraction && num?.type === 'num' && !(fraction.numerator === right.start && equal(v, num.value))) {
    // `3 + 4 = 7/10 of the class` states a share, not the sum's value.
    const after = pair.source.tokens[right.end];
    if (after?.type === 'word' && after.text === 'of') return { status: 'skip' };
    if (pair.approx || !left.trusted || !right.trusted || !hasOperation(left.expr) || mixesPercentInSum(left.expr)) return { status: 'skip' };
    const ref = fraction.numerator;
    return { status: 'wrong', judgement: 'wrong', value: v, literal: { num, ref, negative: false, percent: false, first: ref, last: ref }, written: w };
  }
  // A running calculation "5 + 5 = 10 * 2 = 20": the right side starts with the left's value.
  const lead = leadingLiteral(pair);
  if (lead && equal(v, lead.num.value)) return { status: 'ok', rounded: false, value: v };
  if (!left.trusted || !right.trusted || !hasOperation(left.expr) || mixesPercentInSum(left.expr)) return { status: 'skip' };
  // `5508^3 + ... ≈ 166375000000 + ...`: an approximate restatement may differ in every part.
  if (pair.approx) return { status: 'skip' };
  const slip = partSlip(pair.source.tokens, left.expr, right.expr);
  if (slip) {
    const part: Pair = { ...pair, left: slip.side, right: { start: slip.literal.ref, end: slip.literal.ref + 1, expr: { kind: 'num', value: slip.literal.num.value, ref: slip.literal.ref }, trusted: true, literal: slip.literal } };
    const judged = judge(slip.value, { value: slip.literal.num.value, decimals: slip.literal.num.decimals, percent: false, repeating: false }, false, usesApproximateOperand(slip.part, ctx, pair));
    if (judged === 'exact' || judged === 'rounded') return { status: 'skip' };
    return { status: 'wrong', judgement: judged, value: slip.value, literal: slip.literal, written: slip.literal.num.value, part };
  }
  // A restatement with the same shape whose differing part cannot be pinned down: not the
  // running calculation the leading number would stand for.
  if (left.expr.kind === 'bin' && right.expr.kind === 'bin' && left.expr.op === right.expr.op) return { status: 'skip' };
  return leadingCheck(pair, ctx, v, lead);
}

/** The running-calculation check: the right side's leading number against the left side's value. */
function leadingCheck(pair: Pair, ctx: ArithmeticContext, v: Exact, lead: Literal | undefined): ArithmeticOutcome {
  const left = pair.left;
  if (!lead || !left.expr) return { status: 'skip' };
  const written = lead.num.value;
  const asWritten = { value: written, decimals: lead.num.decimals, percent: false, repeating: lead.num.repeating };
  const judgement = judge(v, asWritten, pair.approx, usesApproximateOperand(left.expr, ctx, pair));
  if (judgement === 'exact' || judgement === 'rounded') return { status: 'ok', rounded: true, value: v };
  if (looksLikeRange(pair)) return { status: 'skip' };
  // `3 + 4 = 8 * 2`: the leading 8 is a slip for 7. A leading number far from the left's value
  // (`343 × 128 + ... = 343 × (128 + 127 - 1)`) is no running value: the two sides differ.
  const w = pair.right.expr && evaluate(pair.right.expr);
  if (w && !near(written, v)) return { status: 'wrong-restatement', value: v, written: w };
  return { status: 'wrong', judgement, value: v, literal: lead, written };
}

/** Same sign and within a factor of 2. */
function near(a: Exact, b: Exact): boolean {
  if (a.s !== b.s || a.n === 0n || b.n === 0n) return false;
  const ratio = div(a, b);
  return ratio !== undefined && ratio.compare(2) <= 0 && ratio.compare(new Fraction(1, 2)) >= 0;
}

/**
 * A number that starts its clause: not a word's (`Multiples of 3 or 5 = 100 + 60 - 20`), not a
 * subscript (`S_3 = 1 + 2 + 3`, `a_2 = 3 × 4`), not a label (`#2 = 5 + 3`).
 */
function startsClause(pair: Pair): boolean {
  const tokens = pair.source.tokens;
  const first = tokens[pair.left.start];
  const before = tokens[pair.left.start - 1];
  if (!before) return true;
  if (before.type === 'lparen' || before.type === 'eq' || before.type === 'approx') return true;
  return before.type === 'punct' && ':;,.'.includes(before.char) && first?.space === true;
}

/** The number a running calculation starts with (`10` in `10 * 2`), when followed by an operator. */
function leadingLiteral(pair: Pair): Literal | undefined {
  const tokens = pair.source.tokens;
  const first = tokens[pair.right.start];
  const next = tokens[pair.right.start + 1];
  // `2/6` is a fraction, not a running calculation starting at 2.
  if (first?.type !== 'num' || next?.type !== 'op' || next.op === '^' || next.op === '/') return undefined;
  return { num: first, ref: pair.right.start, negative: false, percent: false, first: pair.right.start, last: pair.right.start };
}

/** `100 - 10% = 90` means "less 10% of it": a percentage added to or taken from a plain number is ambiguous. */
function mixesPercentInSum(e: Expr): boolean {
  if (e.kind === 'bin') {
    if ((e.op === '+' || e.op === '-') && (e.left.kind === 'percent' || e.right.kind === 'percent')) return true;
    return mixesPercentInSum(e.left) || mixesPercentInSum(e.right);
  }
  if (e.kind === 'neg' || e.kind === 'percent') return mixesPercentInSum(e.arg);
  return false;
}

function usesApproximateOperand(e: Expr, ctx: ArithmeticContext, pair: Pair): boolean {
  if (pair.approxLeft) return true;
  if (e.kind === 'num') {
    const token = pair.source.tokens[e.ref];
    if (token?.type === 'num' && (token.decimals >= 3 || token.repeating)) return true;
    return ctx.roundedValues.some((r) => equal(r, e.value));
  }
  if (e.kind === 'neg' || e.kind === 'percent') return usesApproximateOperand(e.arg, ctx, pair);
  if (e.kind === 'bin') return usesApproximateOperand(e.left, ctx, pair) || usesApproximateOperand(e.right, ctx, pair);
  return false;
}

/** `5-10` written without spaces, smaller number first, as the whole left side: a range, not a subtraction. */
function looksLikeRange(pair: Pair): boolean {
  if (pair.source.annotation || pair.left.end - pair.left.start !== 3) return false;
  const [a, t, b] = pair.source.tokens.slice(pair.left.start, pair.left.end);
  return (
    a?.type === 'num' && b?.type === 'num' && t?.type === 'op' && t.op === '-' && !t.space && !b.space &&
    a.value.compare(b.value) < 0
  );
}

/** A linear equation in one variable: its solution set. */
export type SolutionSet = { kind: 'one'; value: Exact } | { kind: 'all' } | { kind: 'none' };

export interface Equation {
  variable: string;
  solutions: SolutionSet;
}

export function readEquation(pair: Pair): Equation | undefined {
  const { left, right } = pair;
  if (!left.expr || !right.expr || pair.approx) return undefined;
  const vars = variablesOf(right.expr, variablesOf(left.expr));
  if (vars.length !== 1) return undefined;
  const variable = vars[0]!;
  const l = linearForm(left.expr, variable);
  const r = linearForm(right.expr, variable);
  if (!l || !r) return undefined;
  const a = l.a.sub(r.a);
  const b = r.b.sub(l.b);
  if (a.n === 0n) return { variable, solutions: b.n === 0n ? { kind: 'all' } : { kind: 'none' } };
  const value = div(b, a);
  return value ? { variable, solutions: { kind: 'one', value } } : undefined;
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
        pairs.push({ source, left, right, approx: chain.approx[i] ?? false, position, ...((i > 0 && chain.approx[i - 1]) || source.tokens[left.start - 1]?.type === 'approx' ? { approxLeft: true } : {}) });
      }
    }
  }
  return pairs.sort((a, b) => a.position - b.position);
}
