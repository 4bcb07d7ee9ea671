// The shape of an equality with variables: whether it reads as a claimed identity (a rewrite such
// as `(a+b)^2 = a^2 + b^2` or `2(x + 3) = 2x + 3`) rather than a definition (`f(x^2) = x^4 + 1`,
// `p(n) = n^2 + n + 11`) or a condition (`(x-h)^2 + (y-k)^2 = r^2`, `x^2 + y^2 = 4(x + y)`).
// Only rewrites are checked for a counterexample: a definition or a condition is true by fiat.
import type { Side } from './extractChains.ts';
import { evaluate } from './math/evaluate.ts';
import { type Exact, exactInt, sub } from './math/exact.ts';
import type { Expr } from './math/parseExpression.ts';
import { variablesOf } from './math/parseExpression.ts';
import type { Token } from './tokenize.ts';

/** Words that state a condition or an equation to solve, not a rewrite. */
const CONDITION_CUE =
  /\b(solv\w*|equations?|given|conditions?|satisf\w*|suppose|assum\w*|let|if|when|where|whenever|such that|implies|constraint|require\w*|cases?|defin\w*|substitut\w*|plug\w*)\b|⇒|→|∴|\\implies|\\Rightarrow|\\iff/i;

/**
 * Whether `left = right` reads as a claimed identity: the same variables on both sides, one side
 * written unexpanded (a product or power of a sum with a variable) and the other flat (a sum of
 * monomials), both of the same degree, no function notation, and no word that makes it a condition.
 */
export function looksLikeRewrite(text: string, tokens: readonly Token[], left: Side, right: Side): boolean {
  const l = left.expr;
  const r = right.expr;
  if (!l || !r || CONDITION_CUE.test(text)) return false;
  if (hasApplication(tokens, left) || hasApplication(tokens, right)) return false;
  const lv = variablesOf(l).sort().join(' ');
  const rv = variablesOf(r).sort().join(' ');
  if (lv === '' || lv !== rv) return false;
  const dl = degree(l);
  const dr = degree(r);
  if (dl === undefined || dl !== dr || dl === 0) return false;
  if (!((isUnexpanded(l) && isFlat(r)) || (isUnexpanded(r) && isFlat(l)))) return false;
  return leadingTermsAgree(l, r, variablesOf(l), dl);
}

/**
 * A rewrite slip keeps each variable's leading term (`(x+3)^2 = x^2 + 9`, `(a+b)^2 = a^2 + b^2`
 * with b = 0 or a = 0); an equation to solve or a condition usually does not
 * (`m^2/4 + 16 = (m - 1)^2`, `(a + b)^2 = 2ab + 5`). For some variable, with the others at 0,
 * the difference of the two sides has degree below `d`: its d-th finite difference is 0
 * (`3(a - b) = 3a - b` keeps a's term).
 */
function leadingTermsAgree(l: Expr, r: Expr, names: string[], d: number): boolean {
  if (d > 12) return false;
  return names.some((name) => leadingTermAgrees(l, r, names, name, d));
}

function leadingTermAgrees(l: Expr, r: Expr, names: string[], name: string, d: number): boolean {
  {
    const values: Exact[] = [];
    for (let t = 0; t <= d; t++) {
      const env = new Map<string, Exact>(names.map((n) => [n, exactInt(n === name ? t : 0)]));
      const a = evaluate(l, env);
      const b = evaluate(r, env);
      const diff = a && b && sub(a, b);
      if (!diff) return false;
      values.push(diff);
    }
    for (let order = 0; order < d; order++) {
      for (let k = 0; k + 1 < values.length - order; k++) {
        const next = sub(values[k + 1]!, values[k]!);
        if (!next) return false;
        values[k] = next;
      }
    }
    return values[0]!.n === 0n;
  }
}

/** `f(x)`, `P(2)`, `d(5/8)`: a letter written against an opening bracket may be function notation. */
export function hasApplication(tokens: readonly Token[], side: Side): boolean {
  for (let k = side.start; k + 1 < side.end; k++) {
    const t = tokens[k]!;
    const next = tokens[k + 1]!;
    if (t.type === 'var' && next.type === 'lparen' && !next.space) return true;
  }
  return false;
}

/** Polynomial degree; undefined when `e` is not a polynomial (division by a variable, a variable exponent, a root of one). */
export function degree(e: Expr): number | undefined {
  switch (e.kind) {
    case 'num':
      return 0;
    case 'var':
      return 1;
    case 'neg':
    case 'percent':
      return degree(e.arg);
    case 'root':
      return degree(e.arg) === 0 ? 0 : undefined;
    case 'bin': {
      const a = degree(e.left);
      const b = degree(e.right);
      if (a === undefined || b === undefined) return undefined;
      switch (e.op) {
        case '+':
        case '-':
          return Math.max(a, b);
        case '*':
          return a + b;
        case '/':
          return b === 0 ? a : undefined;
        case '^': {
          if (b !== 0 || e.right.kind !== 'num' || e.right.value.d !== 1n || e.right.value.s < 0n) return a === 0 && b === 0 ? 0 : undefined;
          return a * Number(e.right.value.n);
        }
      }
    }
  }
}

function isSum(e: Expr): boolean {
  return e.kind === 'bin' && (e.op === '+' || e.op === '-');
}

/** A monomial: numbers and variables multiplied (or divided by numbers), variables to whole powers. */
function isMonomial(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'var':
      return true;
    case 'neg':
      return isMonomial(e.arg);
    case 'bin':
      if (e.op === '*') return isMonomial(e.left) && isMonomial(e.right);
      if (e.op === '/') return isMonomial(e.left) && degree(e.right) === 0 && !isSum(e.right);
      if (e.op === '^') return (e.left.kind === 'var' || e.left.kind === 'num') && e.right.kind === 'num';
      return false;
    default:
      return false;
  }
}

/** A sum of monomials: `a^2 + 2ab + b^2`, `2x + 3`. */
export function isFlat(e: Expr): boolean {
  if (isSum(e) && e.kind === 'bin') return isFlat(e.left) && isFlat(e.right);
  return isMonomial(e);
}

/** Contains a product or a power of a sum that mentions a variable: `(a + b)^2`, `2(x + 3)`. */
export function isUnexpanded(e: Expr): boolean {
  if (e.kind === 'neg' || e.kind === 'percent') return isUnexpanded(e.arg);
  if (e.kind !== 'bin') return false;
  if (e.op === '*' || e.op === '^') {
    const sumWithVariable = (x: Expr): boolean => isSum(x) && variablesOf(x).length > 0;
    if (sumWithVariable(e.left) || (e.op === '*' && sumWithVariable(e.right))) return true;
  }
  return isUnexpanded(e.left) || isUnexpanded(e.right);
}
