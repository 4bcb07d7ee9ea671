// Bounded exact evaluation of expression ASTs. Anything that cannot be computed exactly within
// the bounds of exact.ts (division by zero, a huge power, an unbound variable) is `undefined`.
import { add, div, type Exact, HUNDRED, mul, neg, pow, sqrt, sub, ZERO, ONE } from './exact.ts';
import type { Expr } from './parseExpression.ts';

/** The exact value of `e`, with variables taken from `env`; undefined when it cannot be computed. */
export function evaluate(e: Expr, env?: ReadonlyMap<string, Exact>): Exact | undefined {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'var':
      return env?.get(e.name);
    case 'neg': {
      const v = evaluate(e.arg, env);
      return v && neg(v);
    }
    case 'percent': {
      const v = evaluate(e.arg, env);
      return v && div(v, HUNDRED);
    }
    case 'root': {
      const v = evaluate(e.arg, env);
      return v && sqrt(v);
    }
    case 'bin': {
      const l = evaluate(e.left, env);
      if (!l) return undefined;
      const r = evaluate(e.right, env);
      if (!r) return undefined;
      switch (e.op) {
        case '+':
          return add(l, r);
        case '-':
          return sub(l, r);
        case '*':
          return mul(l, r);
        case '/':
          return div(l, r);
        case '^':
          return pow(l, r);
      }
    }
  }
}

/** `a·x + b` in one variable. */
export interface Linear {
  a: Exact;
  b: Exact;
}

/**
 * `e` as an exact linear form in `name`, or undefined when it is not linear in it (a product of
 * two terms with the variable, division by the variable, a power of it) or mentions another variable.
 */
export function linearForm(e: Expr, name: string): Linear | undefined {
  switch (e.kind) {
    case 'num':
      return { a: ZERO, b: e.value };
    case 'var':
      return e.name === name ? { a: ONE, b: ZERO } : undefined;
    case 'neg': {
      const v = linearForm(e.arg, name);
      return v && { a: neg(v.a), b: neg(v.b) };
    }
    case 'root': {
      const v = linearForm(e.arg, name);
      if (!v || v.a.n !== 0n) return undefined;
      const r = sqrt(v.b);
      return r && { a: ZERO, b: r };
    }
    case 'percent': {
      const v = linearForm(e.arg, name);
      if (!v) return undefined;
      return both(div(v.a, HUNDRED), div(v.b, HUNDRED));
    }
    case 'bin': {
      const l = linearForm(e.left, name);
      if (!l) return undefined;
      const r = linearForm(e.right, name);
      if (!r) return undefined;
      switch (e.op) {
        case '+':
          return both(add(l.a, r.a), add(l.b, r.b));
        case '-':
          return both(sub(l.a, r.a), sub(l.b, r.b));
        case '*':
          if (l.a.n !== 0n && r.a.n !== 0n) return undefined;
          if (l.a.n === 0n) return both(mul(r.a, l.b), mul(r.b, l.b));
          return both(mul(l.a, r.b), mul(l.b, r.b));
        case '/':
          if (r.a.n !== 0n) return undefined;
          return both(div(l.a, r.b), div(l.b, r.b));
        case '^': {
          if (l.a.n !== 0n || r.a.n !== 0n) {
            // x^1 is still linear; any other power of the variable is not.
            if (r.a.n === 0n && r.b.equals(1)) return l;
            return undefined;
          }
          const v = pow(l.b, r.b);
          return v && { a: ZERO, b: v };
        }
      }
    }
  }
}

function both(a: Exact | undefined, b: Exact | undefined): Linear | undefined {
  return a && b ? { a, b } : undefined;
}
