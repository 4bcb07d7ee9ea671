// Rewrites a step's text (plain text, unicode operators, LaTeX) into one plain ASCII-like form the
// tokenizer reads, keeping for every output character the offset of the input character it came
// from, so a number found in the output can be underlined in the original text.
//   \frac{a}{b} -> ((a)/(b))   \times, \cdot, ×, · -> *   \div, ÷ -> /   − -> -   ^{2} -> ^(2)
//   37\,500 -> 37500   37{,}500 -> 37,500   \$5 -> $5   \% -> %   \approx -> ≈   \text{kg} -> " kg "
// Math delimiters ($..$, \(..\), \[..\]) become spaces; a `$` directly before a digit is currency.
// Commands it does not know (\sqrt, \pm, ...) become `¿`, which no claim can cross.
// GSM8K calculator annotations `<<48/2=24>>` are cut out and returned separately.

export interface NormalizedText {
  text: string;
  /**
   * Where the output came from, as runs: output [outStart, outStart + length) came from input
   * [inStart, inStart + length) (`step` 1: copied) or all from input offset inStart (`step` 0:
   * rewritten). Read it with `offsetAt`.
   */
  runs: Int32Array;
  /** The input length (the offset of the end of the output). */
  inputEnd: number;
}

/** Input offset of output character `i` of a normalized text (`text.length` maps to the input end). */
export function offsetAt(norm: NormalizedText, i: number): number {
  const runs = norm.runs;
  const count = runs.length / 3;
  if (i >= norm.text.length || count === 0) return norm.inputEnd;
  // Binary search for the last run starting at or before i.
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid * 3]! <= i) lo = mid;
    else hi = mid - 1;
  }
  const outStart = runs[lo * 3]!;
  const inStart = runs[lo * 3 + 1]!;
  return runs[lo * 3 + 2] === 1 ? inStart + (i - outStart) : inStart;
}

export interface Annotation {
  /** Offsets of the whole `<<...>>` in the input. */
  start: number;
  end: number;
  inner: NormalizedText;
}

export interface NormalizedStep {
  main: NormalizedText;
  annotations: Annotation[];
}

/** Input longer than this is not read at all (the claim extractor gives "unknown"). */
export const MAX_STEP_CHARS = 20_000;
const MAX_LATEX_DEPTH = 32;

const TIMES_COMMANDS = new Set(['times', 'cdot', 'ast', 'cross']);
const SPACE_COMMANDS = new Set([
  ';', ':', '!', ' ', 'quad', 'qquad', 'displaystyle', 'textstyle', 'big', 'Big', 'bigg', 'Bigg',
  'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'middle', 'limits', 'nolimits', 'hfill',
]);
/** Sizing commands before a bracket: `a\left(1 + r\right)` is `a(1 + r)`, so they leave nothing. */
const INVISIBLE_COMMANDS = new Set(['left', 'right']);
/**
 * Display math and line breaks end a claim: `\[ 46y = 14x \] \[ 23y = 7x \]` are two equations,
 * never `14x 23y`. They become `;`, which no side can cross.
 */
const BOUNDARY_COMMANDS = new Set(['[', ']', '\\', 'newline']);
const TEXT_COMMANDS = new Set(['text', 'textrm', 'textit', 'textbf', 'mathrm', 'mbox', 'operatorname', 'textnormal', 'texttt']);
const TRANSPARENT_COMMANDS = new Set(['boxed', 'mathbf', 'bm', 'mathit', 'underline', 'fbox', 'color', 'textcolor']);
const FRAC_COMMANDS = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);
const SYMBOL_COMMANDS: Record<string, string> = {
  approx: '≈', sim: '≈', simeq: '≈', thickapprox: '≈', div: '/', '%': '%', $: '$', '{': '(', '}': ')',
  '(': ' ', ')': ' ', '_': '_', '&': ' ', '#': '#', '.': '.', cdots: '…', ldots: '…', dots: '…',
  neq: '≠', ne: '≠', le: '<', leq: '<', ge: '>', geq: '>', lt: '<', gt: '>', implies: '⇒', Rightarrow: '⇒',
  rightarrow: '→', to: '→', therefore: '∴', equiv: '≡', circ: '°',
};

class Emitter {
  private readonly parts: string[] = [];
  private readonly runs: number[] = [];
  private length = 0;
  private lastChar = '';
  /** Emits rewritten text; every character of it maps to input offset `from`. */
  emit(s: string, from: number): void {
    this.push(s, from, 0);
  }
  /** Copies `s` unchanged; character k came from offset `from + k`. */
  copy(s: string, from: number): void {
    this.push(s, from, 1);
  }
  private push(s: string, from: number, step: number): void {
    if (s.length === 0) return;
    this.runs.push(this.length, from, step);
    this.parts.push(s);
    this.length += s.length;
    this.lastChar = s.charAt(s.length - 1);
  }
  last(): string {
    return this.lastChar;
  }
  done(inputEnd: number): NormalizedText {
    return { text: this.parts.join(''), runs: Int32Array.from(this.runs), inputEnd };
  }
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

export function normalizeStep(input: string): NormalizedStep {
  const annotations: Annotation[] = [];
  const main = new Emitter();
  const text = input.length > MAX_STEP_CHARS ? '' : input;
  normalizeRange(text, 0, text.length, main, 0, annotations);
  return { main: main.done(text.length), annotations };
}

/** Index just past the group starting at `i` (`{...}` or one character), or -1. */
function groupEnd(text: string, i: number, end: number): number {
  while (i < end && text[i] === ' ') i++;
  if (i >= end) return -1;
  if (text[i] !== '{') return text[i] === '\\' ? commandEnd(text, i, end) : i + 1;
  let depth = 0;
  for (let k = i; k < end; k++) {
    const c = text[k];
    if (c === '\\') k++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k + 1;
  }
  return -1;
}

function commandEnd(text: string, i: number, end: number): number {
  let k = i + 1;
  if (k < end && isLetter(text[k])) {
    while (k < end && isLetter(text[k])) k++;
    return k;
  }
  return Math.min(k + 1, end);
}

/** The inside of a group [gs, ge): without its braces when braced. */
function groupInner(text: string, gs: number, ge: number): [number, number] {
  while (gs < ge && text[gs] === ' ') gs++;
  return text[gs] === '{' ? [gs + 1, ge - 1] : [gs, ge];
}

function normalizeRange(
  text: string,
  start: number,
  end: number,
  out: Emitter,
  depth: number,
  annotations: Annotation[] | undefined,
): void {
  if (depth > MAX_LATEX_DEPTH) {
    out.emit('¿', start);
    return;
  }
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (c === '<' && text[i + 1] === '<' && annotations) {
      const close = text.indexOf('>>', i + 2);
      if (close !== -1 && close < end && close - i < 400) {
        const inner = new Emitter();
        normalizeRange(text, i + 2, close, inner, depth + 1, undefined);
        annotations.push({ start: i, end: close + 2, inner: inner.done(close) });
        i = close + 2;
        continue;
      }
    }
    if (c === '\\') {
      const ce = commandEnd(text, i, end);
      const name = text.slice(i + 1, ce);
      if (FRAC_COMMANDS.has(name)) {
        const g1 = groupEnd(text, ce, end);
        const g2 = g1 === -1 ? -1 : groupEnd(text, g1, end);
        if (g2 === -1) {
          out.emit('¿', i);
          i = ce;
          continue;
        }
        const [a0, a1] = groupInner(text, ce, g1);
        const [b0, b1] = groupInner(text, g1, g2);
        // Synthetic brackets map to the braces they stand for, so a span over the fraction covers it all.
        out.emit('((', i);
        normalizeRange(text, a0, a1, out, depth + 1, undefined);
        out.emit(')', g1 - 1);
        out.emit('/', g1 - 1);
        out.emit('(', g1);
        normalizeRange(text, b0, b1, out, depth + 1, undefined);
        out.emit('))', g2 - 1);
        i = g2;
        continue;
      }
      if (TEXT_COMMANDS.has(name) || TRANSPARENT_COMMANDS.has(name)) {
        const g = groupEnd(text, ce, end);
        if (g === -1) {
          i = ce;
          continue;
        }
        const [a0, a1] = groupInner(text, ce, g);
        const pad = TEXT_COMMANDS.has(name) ? ' ' : '';
        out.emit(pad, i);
        normalizeRange(text, a0, a1, out, depth + 1, undefined);
        out.emit(pad, g - 1);
        i = g;
        continue;
      }
      if (name === ',') {
        // A thin space between digits is a thousands separator (37\,500); elsewhere a space.
        if (!(isDigit(out.last()) && isDigit(text[ce]))) out.emit(' ', i);
        i = ce;
        continue;
      }
      if (name === 'sqrt' && text[ce] !== '[') {
        // `\sqrt{16}` -> `√(16)`: the root of a perfect square is exact; any other is unknown.
        const g = groupEnd(text, ce, end);
        if (g !== -1) {
          const [a0, a1] = groupInner(text, ce, g);
          out.emit('√(', i);
          normalizeRange(text, a0, a1, out, depth + 1, undefined);
          out.emit(')', g - 1);
          i = g;
          continue;
        }
      }
      if (TIMES_COMMANDS.has(name)) out.emit('*', i);
      else if (INVISIBLE_COMMANDS.has(name)) {
        // nothing
      } else if (BOUNDARY_COMMANDS.has(name)) out.emit(' ; ', i);
      else if (SPACE_COMMANDS.has(name)) out.emit(' ', i);
      else if (name in SYMBOL_COMMANDS) out.emit(SYMBOL_COMMANDS[name]!, i);
      else out.emit('¿', i);
      i = ce;
      continue;
    }
    if (c === '{' && text[i + 1] === ',' && text[i + 2] === '}') {
      out.emit(',', i + 1);
      i += 3;
      continue;
    }
    if (c === '$') {
      // Currency when a number follows at once ($5, $.50); otherwise a math delimiter.
      let after = i + 1;
      // `$<<9*2=18>>18`: the currency sign belongs to the number after the annotation.
      if (text.startsWith('<<', after) && annotations) {
        const close = text.indexOf('>>', after + 2);
        if (close !== -1 && close < end) after = close + 2;
      }
      const next = text[after];
      const beforeNumber = isDigit(next) || (next === '.' && isDigit(text[after + 1]));
      // `$3 \times 4 = 12$` opens inline math (it has a closing `$`); `$5 and $3` are prices.
      out.emit(beforeNumber && !opensInlineMath(text, i, end) ? '$' : ' ', i);
      i++;
      continue;
    }
    if ((i === 0 || text[i - 1] === '\n') && isBulletAt(text, i, end)) {
      // A list bullet inside a step (`- \(3^4 = 81\)`) is not a minus sign; it ends the line before.
      const bullet = bulletEnd(text, i);
      out.emit(' ; ', i);
      i = bullet;
      continue;
    }
    if (c === '\u202F' || c === '\u2009') {
      // Narrow/thin spaces between digits separate thousands (37 500).
      if (!(isDigit(out.last()) && isDigit(text[i + 1]))) out.emit(' ', i);
      i++;
      continue;
    }
    // Fast path: copy a stretch of characters that need no rewriting in one go.
    PLAIN.lastIndex = i;
    if (PLAIN.test(text)) {
      const j = Math.min(PLAIN.lastIndex, end);
      out.copy(text.slice(i, j), i);
      i = j;
      continue;
    }
    out.emit(simpleChar(c), i);
    i++;
  }
}

/** Offset just past the spaces from `i`. */
function bulletEnd(text: string, i: number): number {
  let k = i;
  while (text[k] === ' ' || text[k] === '\t') k++;
  return k + 1;
}

/** A line starting at `i` with optional spaces, then `-`, `*`, `+` or `•` and a space: a list bullet. */
function isBulletAt(text: string, i: number, end: number): boolean {
  const k = bulletEnd(text, i) - 1;
  if (k + 1 >= end) return false;
  const c = text[k];
  return (c === '-' || c === '*' || c === '+' || c === '•') && (text[k + 1] === ' ' || text[k + 1] === '\t');
}

/** A stretch of printable ASCII the normalizer leaves as it is (not `\\ { } $ < &`). */
const PLAIN = /[\x20-\x23\x25\x27-\x3b\x3d-\x5b\x5d-\x7a\x7c\x7e]+/y;

/**
 * Whether the `$` at `i` opens inline math: a closing `$` follows on the same line with a
 * non-space character before it and no digit after it (the pandoc rule), and nothing between
 * them reads as another price (`$` after a space).
 */
function opensInlineMath(text: string, i: number, end: number): boolean {
  for (let k = i + 1; k < end && k < i + 500; k++) {
    const c = text[k];
    if (c === '\n') return false;
    if (c === '\\') {
      k++;
      continue;
    }
    if (c !== '$') continue;
    const before = text[k - 1];
    if (before === ' ' || before === '\t') return false; // another price: `$5 and $3`
    return !isDigit(text[k + 1]);
  }
  return false;
}

function simpleChar(c: string): string {
  switch (c) {
    case '{':
      return '(';
    case '}':
      return ')';
    case '×':
    case '·':
    case '⋅':
    case '∙':
    case '∗':
      return '*';
    case '÷':
    case '∕':
      return '/';
    case '−':
      return '-';
    case '≃':
    case '≅':
      return '≈';
    case '€':
    case '£':
      return '$';
    case '\u00A0':
    case '\t':
    case '\n':
    case '\r':
    case '&':
      return ' ';
    default:
      return c;
  }
}
