// Exact rational arithmetic for the verifier, wrapping fraction.js (bigint rationals).
// Every operation is bounded: a result whose numerator or denominator would grow past
// MAX_BITS, a power with a large or fractional exponent, or a division by zero gives
// `undefined` ("cannot tell"), never a hang, a huge bigint or an exception.
import Fraction from 'fraction.js';

export type Exact = Fraction;

/** Largest numerator/denominator kept, in bits (about 600 decimal digits). */
export const MAX_BITS = 2000;
/** Largest exponent magnitude evaluated (`2^64` yes, `10^1000` no). */
export const MAX_EXPONENT = 256;

const ZERO = new Fraction(0);
const ONE = new Fraction(1);
/** Percentages: a written `n%` is n / HUNDRED. */
const HUNDRED = new Fraction(100);

export function exactInt(n: number | bigint): Exact {
  return new Fraction(BigInt(n));
}

export function exactRatio(n: bigint, d: bigint): Exact | undefined {
  if (d === 0n) return undefined;
  return new Fraction(n, d);
}

/** Reads `123`, `1.25`, `.5` (digits only, no sign or separators) exactly. */
export function exactFromDecimal(digits: string): Exact | undefined {
  if (!/^\d*(\.\d*)?$/.test(digits) || !/\d/.test(digits) || digits.length > 200) return undefined;
  const [intPart = '', fracPart = ''] = digits.split('.');
  const n = BigInt((intPart || '0') + fracPart);
  return new Fraction(n, 10n ** BigInt(fracPart.length));
}

function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(2).length;
}

function bounded(v: Exact): Exact | undefined {
  // Most values are small: only measure bit lengths past 64 bits.
  if (v.n > 1n << 64n || v.d > 1n << 64n) {
    if (bitLength(v.n) > MAX_BITS || bitLength(v.d) > MAX_BITS) return undefined;
  }
  return v;
}

export function add(a: Exact, b: Exact): Exact | undefined {
  return bounded(a.add(b));
}

export function sub(a: Exact, b: Exact): Exact | undefined {
  return bounded(a.sub(b));
}

export function mul(a: Exact, b: Exact): Exact | undefined {
  return bounded(a.mul(b));
}

export function div(a: Exact, b: Exact): Exact | undefined {
  if (b.n === 0n) return undefined;
  return bounded(a.div(b));
}

export function neg(a: Exact): Exact {
  return a.neg();
}

/** `a^b` for an integer exponent of bounded size whose result stays within MAX_BITS. */
export function pow(a: Exact, b: Exact): Exact | undefined {
  if (b.d !== 1n) return undefined;
  const e = b.s * b.n;
  if (e > BigInt(MAX_EXPONENT) || e < -BigInt(MAX_EXPONENT)) return undefined;
  if (a.n === 0n) return e < 0n ? undefined : e === 0n ? ONE : ZERO;
  const magnitude = Number(e < 0n ? -e : e);
  if ((bitLength(a.n) + bitLength(a.d)) * magnitude > MAX_BITS * 2) return undefined;
  return bounded(a.pow(Number(e)));
}

/** The exact square root of a non-negative rational whose numerator and denominator are perfect squares. */
export function sqrt(a: Exact): Exact | undefined {
  if (a.s < 0n && a.n !== 0n) return undefined;
  const n = isqrt(a.n);
  const d = isqrt(a.d);
  return n === undefined || d === undefined ? undefined : new Fraction(n, d);
}

function isqrt(v: bigint): bigint | undefined {
  if (v < 2n) return v;
  if (bitLength(v) > MAX_BITS) return undefined;
  // Newton's method on bigints: converges in O(log bits) steps.
  let x = 1n << BigInt(Math.ceil(bitLength(v) / 2));
  for (;;) {
    const y = (x + v / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  return x * x === v ? x : undefined;
}

export function isInteger(a: Exact): boolean {
  return a.d === 1n;
}

export function equal(a: Exact, b: Exact): boolean {
  return a.s === b.s && a.n === b.n && a.d === b.d ? true : a.n === 0n && b.n === 0n;
}

export function compare(a: Exact, b: Exact): number {
  return a.compare(b);
}

export function abs(a: Exact): Exact {
  return a.abs();
}

export function pow10(places: number): Exact {
  return places >= 0 ? new Fraction(10n ** BigInt(places)) : new Fraction(1n, 10n ** BigInt(-places));
}

export type RoundingMode = 'half-away' | 'half-even' | 'truncate' | 'ceiling-away';

/**
 * `a` rounded to `places` decimal places (negative places round to tens, hundreds, ...).
 * 'truncate' drops digits toward zero; 'ceiling-away' rounds away from zero.
 */
export function roundTo(a: Exact, places: number, mode: RoundingMode): Exact {
  const scale = 10n ** BigInt(Math.abs(places));
  // Scaled magnitude as a fraction num/den.
  let num = a.n;
  let den = a.d;
  if (places >= 0) num *= scale;
  else den *= scale;
  const q = num / den;
  const r = num % den;
  let rounded = q;
  if (r !== 0n) {
    if (mode === 'ceiling-away') rounded = q + 1n;
    else if (mode === 'half-away') rounded = 2n * r >= den ? q + 1n : q;
    else if (mode === 'half-even') {
      const twice = 2n * r;
      rounded = twice > den ? q + 1n : twice < den ? q : q % 2n === 0n ? q : q + 1n;
    }
  }
  const signed = a.s < 0n ? -rounded : rounded;
  return places >= 0 ? new Fraction(signed, scale) : new Fraction(signed * scale);
}

/** Number of decimal places needed to write `a` exactly, or undefined when it does not terminate within `max`. */
export function terminatingPlaces(a: Exact, max: number): number | undefined {
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return undefined;
  const places = Math.max(twos, fives);
  return places <= max ? places : undefined;
}

/** Plain decimal digits of `a` with exactly `places` decimals (rounded half away), sign included. */
export function toFixed(a: Exact, places: number): string {
  const r = roundTo(a, Math.max(0, places), 'half-away');
  const scale = 10n ** BigInt(Math.max(0, places));
  const magnitude = r.n * (scale / r.d);
  let digits = magnitude.toString();
  if (places > 0) {
    digits = digits.padStart(places + 1, '0');
    digits = `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  }
  return r.s < 0n && r.n !== 0n ? `-${digits}` : digits;
}

/** Shortest faithful decimal: exact when it terminates within `maxPlaces`, else rounded to `maxPlaces`. */
export function toDecimal(a: Exact, maxPlaces: number): string {
  const places = terminatingPlaces(a, maxPlaces);
  return toFixed(a, places ?? maxPlaces);
}

export { ZERO, ONE, HUNDRED };
