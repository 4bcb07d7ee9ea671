// Judges one link `A = B` of an equality chain: arithmetic (no variables) or a linear equation in
// one variable. Only what is proven is called wrong; everything uncertain is "skip".
import { evaluate, linearForm } from './math/evaluate.ts';
import { div, equal, type Exact, HUNDRED, neg as negate } from './math/exact.ts';
import { hasOperation, hasVariable, variablesOf, type Expr } from './math/parseExpression.ts';
import type { Literal, Side } from './extractChains.ts';
import { judge, type Judgement } from './rounding.ts';
import { tokenSpan, type Source, type StepReading } from './readStep.ts';
import { fractionResult } from './fractionResult.ts';

export interface Pair {
  source: Source;
  left: Side;
  right: Side;
  approx: boolean;
  /** Offset in the step text where the right side starts (orders the pairs of a step). */
  position: number;
}

export type ArithmeticOutcome =
  | { status: 'skip' }
  | { status: 'ok'; rounded: boolean; value: Exact }
  | { status: 'wrong'; judgement: Judgement; value: Exact; literal: Literal; written: Exact };

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
    if (pair.approx || !left.trusted || !right.trusted || !hasOperation(left.expr) || mixesPercentInSum(left.expr)) return { status: 'skip' };
    const ref = fraction.numerator;
    return { status: 'wrong', judgement: 'wrong', value: v, literal: { num, ref, negative: false, percent: false, first: ref, last: ref }, written: w };
  }
  // A running calculation "5 + 5 = 10 * 2 = 20": the right side starts with the left's value.
  const lead = leadingLiteral(pair);
  if (!lead || !left.trusted || !hasOperation(left.expr) || mixesPercentInSum(left.expr)) return { status: 'skip' };
  const written = lead.num.value;
  if (equal(v, written)) return { status: 'ok', rounded: false, value: v };
  const asWritten = { value: written, decimals: lead.num.decimals, percent: false, repeating: lead.num.repeating };
  const judgement = judge(v, asWritten, pair.approx, usesApproximateOperand(left.expr, ctx, pair));
  if (judgement === 'exact' || judgement === 'rounded') return { status: 'ok', rounded: true, value: v };
  if (looksLikeRange(pair)) return { status: 'skip' };
  return { status: 'wrong', judgement, value: v, literal: lead, written };
}

/** The number a running calculation starts with (`10` in `10 * 2`), when followed by an operator. */
function leadingLiteral(pair: Pair): Literal | undefined {
  const tokens = pair.source.tokens;
  const first = tokens[pair.right.start];
  const next = tokens[pair.right.start + 1];
  if (first?.type !== 'num' || next?.type !== 'op' || next.op === '^') return undefined;
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
        pairs.push({ source, left, right, approx: chain.approx[i] ?? false, position });
      }
    }
  }
  return pairs.sort((a, b) => a.position - b.position);
}
