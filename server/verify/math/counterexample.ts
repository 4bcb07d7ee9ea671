// Disproves a claimed identity by exact evaluation at a few rational points: one point where both
// sides are defined and differ proves the two sides are not the same expression. No CAS needed,
// and every evaluation is bounded like the rest of the math module.
import { evaluate } from './evaluate.ts';
import { equal, type Exact, exactRatio } from './exact.ts';
import { variablesOf, type Expr } from './parseExpression.ts';

export interface Counterexample {
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
export function counterexample(left: Expr, right: Expr): Counterexample | undefined {
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
