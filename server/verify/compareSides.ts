// A link `A = B` whose right side is itself an expression: a fraction written as the result
// (`1/2 + 1/4 = 2/6`, `\frac{3}{4} + \frac{1}{8} = \frac{5}{8}`), or a restatement of the left
// side with one part computed (`(7 + 3*8 - 2) = (7 + 21 - 2)`), where the part that differs is the
// slip (3*8 is 24, not 21).
import type { Literal, Side } from './extractChains.ts';
import { evaluate } from './math/evaluate.ts';
import { equal, type Exact } from './math/exact.ts';
import { hasOperation, type Expr } from './math/parseExpression.ts';
import type { Token } from './tokenize.ts';

/** `2/6`, `(5)/(8)`, `-3/4`: a fraction of two whole numbers, as the writer's way to state a value. */
export function fractionLiteral(e: Expr | undefined): { numerator: Exact; denominator: Exact } | undefined {
  if (!e) return undefined;
  if (e.kind === 'neg') {
    const inner = fractionLiteral(e.arg);
    return inner && { numerator: inner.numerator.neg(), denominator: inner.denominator };
  }
  if (e.kind !== 'bin' || e.op !== '/' || e.left.kind !== 'num' || e.right.kind !== 'num') return undefined;
  if (e.left.value.d !== 1n || e.right.value.d !== 1n || e.right.value.n === 0n) return undefined;
  return { numerator: e.left.value, denominator: e.right.value };
}

export interface PartSlip {
  /** The part of the left side that was computed wrongly, and its token range. */
  part: Expr;
  side: Side;
  /** The number written for it on the right. */
  literal: Literal;
  value: Exact;
}

/**
 * Walks both sides in step while their operations match; where exactly one branch differs in
 * value and the right branch is a written number standing for a computed left branch, that is
 * the slip. Anything else (two branches differ, shapes differ) is not localised: undefined.
 */
export function partSlip(tokens: readonly Token[], left: Expr, right: Expr): PartSlip | undefined {
  const found = align(left, right);
  if (!found || found === 'same') return undefined;
  const { part, num } = found;
  const range = rangeOf(tokens, part);
  const token = tokens[num.ref];
  if (!range || token?.type !== 'num') return undefined;
  const value = evaluate(part);
  if (!value) return undefined;
  return {
    part,
    side: { start: range[0], end: range[1] + 1, expr: part, trusted: true },
    literal: { num: token, ref: num.ref, negative: false, percent: false, first: num.ref, last: num.ref },
    value,
  };
}

type NumExpr = Extract<Expr, { kind: 'num' }>;

function align(l: Expr, r: Expr): 'same' | { part: Expr; num: NumExpr } | undefined {
  const vl = evaluate(l);
  const vr = evaluate(r);
  if (!vl || !vr) return undefined;
  if (equal(vl, vr)) return 'same';
  if (r.kind === 'num' && hasOperation(l)) return { part: l, num: r };
  if (l.kind === 'bin' && r.kind === 'bin' && l.op === r.op) {
    const a = align(l.left, r.left);
    const b = align(l.right, r.right);
    if (a === 'same' && b && b !== 'same') return b;
    if (b === 'same' && a && a !== 'same') return a;
  }
  return undefined;
}

/** Token range [first, last] of a sub-expression: its numbers, widened to balance brackets. */
function rangeOf(tokens: readonly Token[], e: Expr): [number, number] | undefined {
  const refs: number[] = [];
  const collect = (x: Expr): void => {
    if (x.kind === 'num') refs.push(x.ref);
    else if (x.kind === 'bin') {
      collect(x.left);
      collect(x.right);
    } else if (x.kind === 'neg' || x.kind === 'percent' || x.kind === 'root') collect(x.arg);
  };
  collect(e);
  if (refs.length === 0) return undefined;
  let first = Math.min(...refs);
  let last = Math.max(...refs);
  // Widen to balance brackets: `(2 + 3) * 4` has its numbers at 1..6 but starts at 0.
  for (let guard = 0; guard < 64; guard++) {
    let depth = 0;
    let minDepth = 0;
    for (let k = first; k <= last; k++) {
      const t = tokens[k]!;
      if (t.type === 'lparen') depth++;
      else if (t.type === 'rparen') minDepth = Math.min(minDepth, --depth);
    }
    if (minDepth < 0 && first > 0) first--;
    else if (depth - minDepth > 0 && last + 1 < tokens.length) last++;
    else return minDepth === 0 && depth === 0 ? [first, last] : undefined;
  }
  return undefined;
}
