// When a written result counts as the value it claims to be.
import { abs, compare, equal, type Exact, exactInt, isInteger, mul, pow10, roundTo, sub } from './math/exact.ts';

export type Judgement = 'exact' | 'rounded' | 'wrong-rounding' | 'wrong';

export interface WrittenResult {
  value: Exact;
  /** Decimal places as written (a percentage's places count on the percent number). */
  decimals: number;
  percent: boolean;
  /** Written with `...`/`…` after it. */
  repeating: boolean;
}

/**
 * The rounding rule. A written result R with d decimal places (d + 2 for a percentage, on the
 * underlying value) stands for the exact value V when:
 *  1. R = V exactly; or
 *  2. R is V rounded to d places, rounding half away from zero or half to even, or V truncated
 *     to d places (lenient: all three conventions are in use; `0.333...`, `3.33` and `3.3` all
 *     stand for 10/3, and so do `0.66` and `0.67` for 2/3); or
 *  3. R is a whole number and V is within 1 of it: worked solutions round to whole items (buses,
 *     boxes, people) both up and down, so `100/3 = 33` and `7.5 → 8` are not called wrong; or
 *  4. with "≈", "~", "about", "approximately", "roughly", "around", "nearly", "almost": R is V
 *     rounded as in rule 2, also to tens, hundreds, ... when R ends in zeros (`≈ 33,000`); `≈`
 *     always means rounded, never "equal"; or
 *  5. an operand was itself a rounded value (an earlier result accepted by rule 2-4, or written
 *     with 3+ decimals or `...`): R is within 1% of V (or one unit in its last place).
 * Otherwise R is wrong. It is a *rounding* mistake (kind 'rounding') when R is within one unit
 * of its last place from V (`10/3 = 3.34` or `≈ 3.4`: a rounding, but not the right one), and an
 * arithmetic mistake otherwise.
 */
export function judge(v: Exact, r: WrittenResult, approx: boolean, approximateInputs: boolean): Judgement {
  if (equal(v, r.value)) return 'exact';
  const places = r.decimals + (r.percent ? 2 : 0);
  if (roundsTo(v, r.value, places)) return 'rounded';
  const unit = pow10(-places);
  const distance = abs(sub(v, r.value) ?? v);
  if (approx && isInteger(r.value) && r.decimals === 0) {
    const zeros = trailingZeros(r.value);
    for (let p = -1; p >= -zeros; p--) {
      if (roundsTo(v, r.value, p)) return 'rounded';
    }
  }
  if (!approx && places === 0 && compare(distance, exactInt(1)) < 0) return 'rounded';
  if (approximateInputs) {
    const onePercent = mul(abs(v), pow10(-2));
    if (compare(distance, unit) <= 0 || (onePercent && compare(distance, onePercent) <= 0)) return 'rounded';
  }
  return compare(distance, unit) < 0 ? 'wrong-rounding' : 'wrong';
}

function roundsTo(v: Exact, r: Exact, places: number): boolean {
  return (
    equal(roundTo(v, places, 'half-away'), r) ||
    equal(roundTo(v, places, 'half-even'), r) ||
    equal(roundTo(v, places, 'truncate'), r)
  );
}

function trailingZeros(v: Exact): number {
  let n = v.n;
  let zeros = 0;
  while (n !== 0n && n % 10n === 0n && zeros < 15) {
    n /= 10n;
    zeros++;
  }
  return zeros;
}
