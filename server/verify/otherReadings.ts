// Other readings of a claim that looks wrong. Where the writer may have meant something else that
// makes the claim hold, the claim is ambiguous: unknown, never wrong. Each reading is one family
// seen on correct steps:
//  - clock times and codes: `1100 - 0230 = 0830` (HHMM), a number written with a leading zero;
//  - cents and dollars on the two sides: `$3 - $2.45 = 55 cents`, `700 - 200 = $5`;
//  - `%` as a unit label: `$600/60% = $10`, `1.5 x 100% = 150 cm`;
//  - a fraction written flat after a division: `30 / 1/2 = 60` is 30 ÷ (1/2);
//  - number spelling: `. 75` for .75, `12, 500` for 12,500;
//  - a difference stated as a size: `$900 - $1000 = $100 less`;
//  - binary-float noise in a calculator annotation: `<<7/12*96=56.00000000000001>>`.
import type { Pair } from './checkPairs.ts';
import { evaluate } from './math/evaluate.ts';
import { abs, compare, div, equal, type Exact, exactInt, HUNDRED, mul, pow10, sub } from './math/exact.ts';
import type { Expr } from './math/parseExpression.ts';
import type { NumToken, Token } from './tokenize.ts';

const CENTS = /\bcents?\b|¢|\bpenn(y|ies)\b/i;
const COMPARATIVES = new Set([
  'less', 'more', 'fewer', 'cheaper', 'shorter', 'longer', 'taller', 'higher', 'lower', 'older', 'younger', 'bigger',
  'smaller', 'greater', 'faster', 'slower', 'heavier', 'lighter', 'short', 'behind', 'ahead', 'difference', 'apart',
  'loss', 'deficit', 'under', 'over', 'extra', 'farther', 'further', 'closer', 'later', 'earlier', 'left',
]);

export function holdsInAnotherReading(text: string, pair: Pair, value: Exact, written: Exact): boolean {
  const tokens = pair.source.tokens;
  const nums = numbersOf(tokens, pair.left.start, pair.right.end);
  if (nums.some(([, t]) => /^0\d/.test(t.digits))) return true; // `0230`: a clock time or a code
  if (pair.source.annotation && floatNoise(value, written, pair)) return true;
  if (CENTS.test(text) || nums.some(([, t]) => t.currency)) {
    const times = mul(value, HUNDRED);
    const over = div(value, HUNDRED);
    if ((times && equal(times, written)) || (over && equal(over, written))) return true;
  }
  if (comparativeAfter(tokens, pair.right.end) && equal(abs(value), abs(written))) return true;
  const left = pair.left.expr;
  if (!left) return false;
  const alternatives: Array<Exact | undefined> = [
    evaluateAs(left, { dropPercent: true }),
    evaluateAs(left, { tightFractions: tokens }),
    evaluateAs(left, { overrides: spelledNumbers(tokens, nums) }),
    clockValue(left, tokens),
  ];
  return alternatives.some((v) => v !== undefined && equal(v, written));
}

function numbersOf(tokens: readonly Token[], from: number, to: number): Array<[number, NumToken]> {
  const out: Array<[number, NumToken]> = [];
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.type === 'num') out.push([k, t]);
  }
  return out;
}

/** `56.00000000000001` for 56: many decimals and a difference far below the last written place but one. */
function floatNoise(value: Exact, written: Exact, pair: Pair): boolean {
  const decimals = pair.right.literal?.num.decimals ?? 0;
  if (decimals < 8) return false;
  const distance = sub(value, written);
  return distance !== undefined && compare(abs(distance), pow10(-(decimals - 4))) <= 0;
}

function comparativeAfter(tokens: readonly Token[], end: number): boolean {
  for (let k = end; k < tokens.length && k < end + 3; k++) {
    const t = tokens[k]!;
    if (t.type === 'word' && COMPARATIVES.has(t.text.toLowerCase())) return true;
    if (t.type !== 'word') return false;
  }
  return false;
}

/** `. 75` read as .75 and `12, 500` as 12500: values by token index. */
function spelledNumbers(tokens: readonly Token[], nums: Array<[number, NumToken]>): Map<number, Exact> {
  const overrides = new Map<number, Exact>();
  for (const [k, t] of nums) {
    const before = tokens[k - 1];
    const twoBefore = tokens[k - 2];
    if (before?.type === 'punct' && before.char === '.' && t.decimals === 0 && twoBefore?.type !== 'num') {
      overrides.set(k, mul(t.value, pow10(-t.digits.length))!);
    }
    if (
      before?.type === 'punct' && before.char === ',' && t.space && t.digits.length === 3 && t.decimals === 0 &&
      twoBefore?.type === 'num' && twoBefore.decimals === 0 && twoBefore.digits.length <= 3
    ) {
      overrides.set(k, twoBefore.value.mul(1000).add(t.value));
    }
  }
  return overrides;
}

interface Reading {
  dropPercent?: boolean;
  /** `1/2` written without spaces binds tighter than a spaced ` / `. */
  tightFractions?: readonly Token[];
  overrides?: Map<number, Exact>;
}

function evaluateAs(e: Expr, reading: Reading): Exact | undefined {
  if (reading.overrides && reading.overrides.size === 0) return undefined;
  const rewritten = rewrite(e, reading);
  return rewritten === e ? undefined : evaluate(rewritten);
}

function rewrite(e: Expr, reading: Reading): Expr {
  switch (e.kind) {
    case 'num': {
      const v = reading.overrides?.get(e.ref);
      return v ? { ...e, value: v } : e;
    }
    case 'percent': {
      const arg = rewrite(e.arg, reading);
      return reading.dropPercent ? arg : arg === e.arg ? e : { ...e, arg };
    }
    case 'neg':
    case 'root': {
      const arg = rewrite(e.arg, reading);
      return arg === e.arg ? e : { ...e, arg };
    }
    case 'bin': {
      const tokens = reading.tightFractions;
      // (a / b) / c with `b/c` written tight: a / (b/c).
      if (tokens && e.op === '/' && e.left.kind === 'bin' && e.left.op === '/' && e.left.right.kind === 'num' && e.right.kind === 'num') {
        const b = e.left.right;
        const c = e.right;
        const slash = tokens[b.ref + 1];
        if (slash?.type === 'op' && !slash.space && !tokens[c.ref]!.space && tokens[b.ref]!.space) {
          return { kind: 'bin', op: '/', left: e.left.left, right: { kind: 'bin', op: '/', left: b, right: c } };
        }
      }
      const left = rewrite(e.left, reading);
      const right = rewrite(e.right, reading);
      return left === e.left && right === e.right ? e : { ...e, left, right };
    }
    default:
      return e;
  }
}

/** `1100 - 0230` as clock times (HHMM, minutes below 60): the difference or sum in HHMM. */
function clockValue(e: Expr, tokens: readonly Token[]): Exact | undefined {
  if (e.kind !== 'bin' || (e.op !== '+' && e.op !== '-') || e.left.kind !== 'num' || e.right.kind !== 'num') return undefined;
  const a = asClock(tokens[e.left.ref]);
  const b = asClock(tokens[e.right.ref]);
  if (a === undefined || b === undefined) return undefined;
  let minutes = e.op === '+' ? a + b : a - b;
  minutes = ((minutes % 1440) + 1440) % 1440;
  return exactInt(Math.floor(minutes / 60) * 100 + (minutes % 60));
}

function asClock(t: Token | undefined): number | undefined {
  if (t?.type !== 'num' || t.decimals > 0 || t.digits.length < 3 || t.digits.length > 4) return undefined;
  const n = Number(t.digits);
  const h = Math.floor(n / 100);
  const m = n % 100;
  return m < 60 && h < 24 ? h * 60 + m : undefined;
}


