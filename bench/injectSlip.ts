// Mistake injection for bench/injection.ts: in a correct GSM8K solution, change one computed
// result (the `c` of a `<<a op b=c>>c` annotation and the visible number after it) and carry the
// wrong value on through the later annotations, as a person who made the slip would have: every
// later annotation whose operands used the old value is recomputed with the wrong one. The
// original solution is then what a perfect correction gives back. Without carrying, only the one
// step changes (later steps keep using the right value).
import { toExprTokens } from '../server/verify/extractChains.ts';
import { evaluate } from '../server/verify/math/evaluate.ts';
import { equal, exactFromDecimal, terminatingPlaces, toFixed, type Exact } from '../server/verify/math/exact.ts';
import { parseExpression } from '../server/verify/math/parseExpression.ts';
import { tokenize } from '../server/verify/tokenize.ts';
import { prng as seeded } from '../test/support/seededRandom.ts';

export { seeded };

export type MutationKind = 'off-by-one' | 'digit-swap' | 'wrong-operation';
export const MUTATION_KINDS: MutationKind[] = ['off-by-one', 'digit-swap', 'wrong-operation'];

export interface Injection {
  kind: MutationKind;
  /** The answer text with the slip (lines, then `#### X`). */
  answer: string;
  /** 0-based line of the slip (a step index in the GSM8K layout). */
  line: number;
  /** The slipped step's text as injected. */
  stepText: string;
}


const ANNOTATION = /<<([^<>=]+)=([^<>]+)>>/g;
const NUMBER = /\d*\.?\d+/g;

function evalText(expr: string): Exact | undefined {
  const tokens = tokenize(expr);
  if (!tokens) return undefined;
  const parsed = parseExpression(toExprTokens(tokens, 0, tokens.length));
  return parsed ? evaluate(parsed) : undefined;
}

function valueOf(text: string): Exact | undefined {
  const t = text.trim();
  if (t.startsWith('-')) return exactFromDecimal(t.slice(1))?.neg();
  return exactFromDecimal(t);
}

/** A value written the way GSM8K writes results: plain digits, the places it needs; else undefined. */
function write(v: Exact): string | undefined {
  const places = terminatingPlaces(v, 4);
  return places === undefined ? undefined : toFixed(v, places);
}

/** `v` written like `like`: its thousands separators, and places it wrote with a trailing zero (`16.00`). */
function writeLike(v: Exact, like: string): string | undefined {
  const plain = write(v);
  if (plain === undefined) return undefined;
  const fraction = /\.(\d+)$/.exec(like)?.[1];
  let out = plain;
  if (fraction && fraction.endsWith('0')) {
    const places = Math.max(fraction.length, terminatingPlaces(v, 4) ?? 0);
    out = toFixed(v, places);
  }
  if (/\d,\d{3}/.test(like)) {
    const [int = '', frac] = out.split('.');
    out = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  return out;
}

interface Mapping {
  from: Exact;
  to: Exact;
}

const mapped = (map: Mapping[], v: Exact): Exact | undefined => map.find((m) => equal(m.from, v))?.to;

/** Replaces the numbers of `text` whose value the mapping changes (in annotation expressions). */
function mapNumbers(text: string, map: Mapping[]): string {
  return text.replace(NUMBER, (n, at: number) => {
    if (text[at - 1] === '.' || /\d/.test(text[at - 1] ?? '')) return n;
    const to = mapped(map, exactFromDecimal(n)!);
    return to ? (write(to) ?? n) : n;
  });
}

/** The wrong result for a mutation kind, or undefined when the kind does not apply. */
function mutate(kind: MutationKind, expr: string, result: string, random: () => number): string | undefined {
  const v = valueOf(result);
  if (!v) return undefined;
  if (kind === 'off-by-one') {
    const up = random() < 0.5 || v.compare(1) < 0;
    return writeLike(up ? v.add(1) : v.sub(1), result);
  }
  if (kind === 'digit-swap') {
    const digits = result.trim();
    const spots: number[] = [];
    for (let i = 0; i + 1 < digits.length; i++) {
      const a = digits[i]!;
      const b = digits[i + 1]!;
      if (/\d/.test(a) && /\d/.test(b) && a !== b && !(b === '0' && (i === 0 || digits[i - 1] === '-'))) spots.push(i);
    }
    if (spots.length === 0) return undefined;
    const i = spots[Math.floor(random() * spots.length)]!;
    return digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
  }
  // A wrong operation: one operator of the calculation replaced, the result computed with it.
  const ops = [...expr.matchAll(/[+\-*/]/g)].filter((m) => m.index > 0 && !/[(*/+\-]/.test(expr[m.index - 1]!.trim() || '('));
  if (ops.length === 0) return undefined;
  const start = Math.floor(random() * ops.length);
  for (let k = 0; k < ops.length; k++) {
    const op = ops[(start + k) % ops.length]!;
    const swap = ({ '+': '-', '-': '+', '*': '+', '/': '*' } as Record<string, string>)[op[0]]!;
    const changed = evalText(expr.slice(0, op.index) + swap + expr.slice(op.index + 1));
    const written = changed && !equal(changed, v) ? writeLike(changed, result) : undefined;
    if (written && !written.startsWith('-')) return written;
  }
  return undefined;
}

/**
 * Injects one slip of `kind` into a GSM8K answer, at a line chosen with `random`, or returns
 * undefined when no line takes that kind (no annotation, a single digit for a digit swap, ...).
 */
export function injectSlip(question: string, answer: string, kind: MutationKind, random: () => number, carry = true): Injection | undefined {
  const lines = answer.split('\n');
  const candidates: number[] = [];
  lines.forEach((line, i) => {
    if (line.startsWith('####')) return;
    const first = [...line.matchAll(ANNOTATION)][0];
    if (!first) return;
    const v = evalText(first[1]!);
    const r = valueOf(first[2]!);
    // Only results that are right as written and shown right after the annotation.
    const after = line.slice(first.index + first[0].length);
    // A computed result: the annotation has an operation (`<<124=123>>` computes nothing).
    const computes = /\d\s*[+\-*/]/.test(first[1]!);
    if (v && r && computes && equal(v, r) && after.startsWith(first[2]!.trim())) candidates.push(i);
  });
  if (candidates.length === 0) return undefined;
  const start = Math.floor(random() * candidates.length);
  for (let k = 0; k < candidates.length; k++) {
    const at = candidates[(start + k) % candidates.length]!;
    const injected = injectAt(question, lines, at, kind, random, carry);
    if (injected) return { kind, answer: injected.join('\n'), line: at, stepText: injected[at]! };
  }
  return undefined;
}

/** Values of the numbers written in `text` (annotations included), thousands separators read. */
function numbersIn(text: string): Exact[] {
  return [...text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+/g)].flatMap((m) => {
    const v = exactFromDecimal(m[0].replace(/,/g, ''));
    return v ? [v] : [];
  });
}

/**
 * Whether carrying `from -> to` from line `at` on is unambiguous, as a person would see it: `to`
 * is written nowhere in the original, and `from` nowhere before line `at` (question included), so
 * every later use of `from` can only mean this result. Ambiguous cases are not injected: which
 * equal number a person would have changed cannot be known, so no correction could be judged.
 */
function unambiguous(question: string, lines: string[], at: number, from: Exact, to: Exact): boolean {
  const before = [question, ...lines.slice(0, at)].join('\n');
  const everywhere = [question, ...lines].join('\n');
  return !numbersIn(before).some((v) => equal(v, from)) && !numbersIn(everywhere).some((v) => equal(v, to));
}

function injectAt(question: string, lines: string[], at: number, kind: MutationKind, random: () => number, carry: boolean): string[] | undefined {
  const line = lines[at]!;
  const first = [...line.matchAll(ANNOTATION)][0]!;
  const result = first[2]!.trim();
  const wrong = mutate(kind, first[1]!, result, random);
  if (!wrong || wrong === result) return undefined;
  // The result must be the line's only number with its value outside its own annotation's operands.
  const others = numbersIn(line.replace(first[0], '').replace(new RegExp(`(^|[^\\d.,])${result.replace('.', '\\.')}(?![\\d])`), '$1'));
  if (others.some((v) => equal(v, valueOf(result)!))) return undefined;
  if (carry && !unambiguous(question, lines, at, valueOf(result)!, valueOf(wrong)!)) return undefined;
  const end = first.index + first[0].length;
  const out = [...lines];
  out[at] = `${line.slice(0, first.index)}<<${first[1]}=${wrong}>>${wrong}${line.slice(end + result.length)}`;
  if (!carry) return out; // the later steps as written: they use the right value
  const map: Mapping[] = [{ from: valueOf(result)!, to: valueOf(wrong)! }];
  // Carry the wrong value on: later annotations that used it are recomputed with it, and the
  // visible numbers of those lines that were operands or results follow.
  for (let i = at + 1; i < out.length; i++) {
    const text = out[i]!;
    if (text.startsWith('####')) {
      const v = valueOf(text.slice(4));
      const to = v ? mapped(map, v) : undefined;
      if (to) out[i] = `#### ${writeLike(to, text.slice(4).trim()) ?? text.slice(4).trim()}`;
      continue;
    }
    let changed = text;
    const visible: Mapping[] = [];
    for (const m of [...text.matchAll(ANNOTATION)]) {
      const expr = mapNumbers(m[1]!, map);
      if (expr === m[1]) continue;
      const v = evalText(expr);
      const old = valueOf(m[2]!);
      const written = v ? writeLike(v, m[2]!.trim()) : undefined;
      if (!v || !old || !written) return undefined; // not carried exactly: no injection here
      for (const n of m[1]!.match(NUMBER) ?? []) {
        const to = mapped(map, exactFromDecimal(n)!);
        if (to) visible.push({ from: exactFromDecimal(n)!, to });
      }
      changed = changed.replace(m[0], `<<${expr}=${written}>>`);
      if (!equal(old, v)) {
        // Unambiguous as in `unambiguous`, and no operand of the line or earlier result has either value.
        const operands = (m[1]!.match(NUMBER) ?? []).map((n) => exactFromDecimal(n)!);
        const clash = operands.some((o) => equal(o, old) || equal(o, v)) || map.some((x) => equal(x.to, v) || equal(x.from, v));
        if (v.compare(0) < 0 || clash || !unambiguous(question, lines, i, old, v)) return undefined;
        visible.push({ from: old, to: v });
        if (!mapped(map, old)) map.push({ from: old, to: v });
      }
    }
    if (visible.length > 0) changed = mapVisible(changed, visible);
    out[i] = changed;
  }
  return out;
}

/** Maps the numbers outside annotations (with thousands separators as written, kept plain). */
function mapVisible(text: string, map: Mapping[]): string {
  const parts = text.split(/(<<[^<>]*>>)/);
  return parts
    .map((part) =>
      part.startsWith('<<')
        ? part
        : part.replace(/(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d*\.?\d+(?![\d])/g, (n) => {
            const v = exactFromDecimal(n.replace(/,/g, ''));
            const to = v ? mapped(map, v) : undefined;
            return to ? (writeLike(to, n) ?? n) : n;
          }),
    )
    .join('');
}
