// Results written as fractions (`1/2 + 1/4 = 2/6`, `\frac{3}{4}`): read as one exact value, and
// written back as a fraction, so a correction keeps the writer's notation ("is 3/4, not 2/6").
import type { Pair } from './checkPairs.ts';
import type { Finding } from './describeFinding.ts';
import { div, type Exact, exactInt, isInteger, mul } from './math/exact.ts';
import type { Expr } from './math/parseExpression.ts';
import type { Source } from './readStep.ts';

export interface FractionResult {
  value: Exact;
  /** Token range of the fraction (brackets from `\frac` included). */
  first: number;
  last: number;
  denominator: bigint;
  /** The numerator's token: the wrong result a finding points at. */
  numerator: number;
}

/** `n/m` of two whole numbers as the whole expression `e` (read from tokens [first, last]). */
export function fractionOf(source: Source, e: Expr | undefined, first: number, last: number): FractionResult | undefined {
  if (e?.kind !== 'bin' || e.op !== '/' || e.left.kind !== 'num' || e.right.kind !== 'num') return undefined;
  const a = source.tokens[e.left.ref];
  const b = source.tokens[e.right.ref];
  if (a?.type !== 'num' || b?.type !== 'num' || a.decimals > 0 || b.decimals > 0 || a.currency || b.currency) return undefined;
  for (let k = first; k <= last; k++) {
    const t = source.tokens[k]!;
    if (k !== e.left.ref && k !== e.right.ref && t.type !== 'lparen' && t.type !== 'rparen' && !(t.type === 'op' && t.op === '/')) return undefined;
  }
  const value = div(a.value, b.value);
  return value ? { value, first, last, denominator: b.value.n, numerator: e.left.ref } : undefined;
}

/** The right side of a pair when it is a fraction ending its chain (`= 2/6`, not `= 10 / 2 = 5`). */
export function fractionResult(pair: Pair): FractionResult | undefined {
  const next = pair.source.tokens[pair.right.end];
  if (next?.type === 'eq' || next?.type === 'approx') return undefined;
  return fractionOf(pair.source, pair.right.expr, pair.right.start, pair.right.end - 1);
}

/** The fix of a wrong fraction result (`= 2/6` where the value is 3/4): the whole fraction is replaced. */
export function fractionFix(pair: Pair, value: Exact): Finding['fix'] {
  const fraction = fractionResult(pair);
  const num = fraction && pair.source.tokens[fraction.numerator];
  if (!fraction || num?.type !== 'num') return undefined;
  const ref = fraction.numerator;
  const literal = { num, ref, negative: false, percent: false, first: ref, last: ref };
  return { source: pair.source, literal, written: fraction.value, right: value, fraction };
}

/**
 * `v` as a fraction's numerator and denominator: over the writer's denominator when it fits (`2/6`
 * corrected to `3/6`), else in lowest terms. Written into the two number tokens, so `2/6` and
 * `\\frac{2}{6}` both keep their form.
 */
export function fractionParts(v: Exact, denominator: bigint): { numerator: string; denominator: string } {
  const sign = v.s < 0n ? '-' : '';
  const scaled = denominator > 0n ? mul(v, exactInt(denominator)) : undefined;
  if (scaled && isInteger(scaled)) return { numerator: sign + scaled.n.toString(), denominator: denominator.toString() };
  return { numerator: sign + v.n.toString(), denominator: v.d.toString() };
}

/** `v` as a fraction in lowest terms (`3/4`, or `\\frac{3}{4}` after `\\frac`), or a whole number. */
export function formatFraction(v: Exact, latex = false): string {
  if (isInteger(v)) return (v.s < 0n ? '-' : '') + v.n.toString();
  const parts = fractionParts(v, 0n);
  return latex ? `\\frac{${parts.numerator}}{${parts.denominator}}` : `${parts.numerator}/${parts.denominator}`;
}
