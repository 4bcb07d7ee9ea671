// Finds equality chains `A = B = C` in a step's tokens. A side is a maximal run of expression
// tokens (numbers, operators, brackets, variables, %); words and most punctuation end it, so
// "= 24 apples" reads as `24`. The outer sides are "trusted" only when nothing around them could
// belong to the same expression in a way the tokens do not show: `3 times 4 + 2 = 14` (the run
// `4 + 2` is preceded by "times"), `3:30`, `= 1.5 million`, `= 12th`. Untrusted sides are never
// used to flag a mistake.
import { parseExpression, type Expr, type ExprToken } from './math/parseExpression.ts';
import type { NumToken, Token } from './tokenize.ts';

export interface Literal {
  num: NumToken;
  /** Index of the number token. */
  ref: number;
  negative: boolean;
  percent: boolean;
  /** Token range of the literal (sign through number, percent sign excluded). */
  first: number;
  last: number;
}

export interface Side {
  /** Token range [start, end). */
  start: number;
  end: number;
  expr: Expr | undefined;
  trusted: boolean;
  /** Set when the side is a single number (`19`, `-3`, `$18`, `20%`). */
  literal?: Literal;
}

export interface Chain {
  sides: Side[];
  /** `approx[i]` is true when the link between side i and i+1 is `≈` or "= about". */
  approx: boolean[];
}

/** Words that, before "of", make a fraction or function of what follows ("half of", "the square of"). */
const OF_QUANTITIES = new Set([
  'half', 'halves', 'third', 'thirds', 'quarter', 'quarters', 'fourth', 'fourths', 'fifth', 'fifths', 'sixth', 'sixths',
  'seventh', 'sevenths', 'eighth', 'eighths', 'ninth', 'ninths', 'tenth', 'tenths', 'twice', 'double', 'triple',
  'percent', 'fraction', 'portion', 'part', 'parts', 'share', 'square', 'cube', 'root', 'average', 'mean', 'product',
  'ratio', 'difference', 'quotient', 'reciprocal', 'inverse', 'multiple', 'dozen', 'dozens', 'power', 'log', 'rest',
  'remainder', 'most', 'least', 'all', 'each', 'none', 'some', 'any', 'one', 'two', 'three', 'four', 'five',
]);

function bindsOf(before: Token | undefined): boolean {
  if (!before) return false;
  if (before.type === 'word') return OF_QUANTITIES.has(before.text.toLowerCase());
  return before.type !== 'punct';
}

const APPROX_WORDS = new Set(['about', 'approximately', 'approx', 'roughly', 'around', 'nearly', 'almost', 'circa', 'ca']);
/** Words that bind a number after them into a larger expression the run does not show. */
const BINDING_WORDS = new Set([
  'of', 'times', 'by', 'plus', 'minus', 'over', 'twice', 'half', 'double', 'triple', 'thrice', 'quarter', 'third',
  'square', 'squared', 'cube', 'cubed', 'root', 'sqrt', 'than', 'from', 'into', 'log', 'ln', 'sin', 'cos', 'tan', 'exp',
  'mod', 'modulo', 'per', 'less', 'more', 'least', 'most', 'under', 'divided', 'multiplied', 'add', 'added',
  'subtract', 'subtracted', 'between', 'every', 'each', 'ratio', 'fraction', 'inverse', 'reciprocal', 'not', 'pi',
]);
/** Words after a result that scale it. */
const SCALE_WORDS = new Set([
  'hundred', 'thousand', 'million', 'millions', 'billion', 'billions', 'trillion', 'dozen', 'dozens', 'k', 'K', 'M',
  'B', 'bn', 'mn', 'm', 'lakh', 'crore', 'thousands', 'hundreds', 'percent', 'score', 'gross', 'half', 'quarter',
  'squared', 'cubed', 'times',
]);
/**
 * Words that name a thing by its number: `room 3 = x + 40`, `on day 2 * 3 = 12 pages`. The number
 * after them is a label, not an operand.
 */
const LABEL_WORDS = new Set([
  'day', 'days', 'week', 'month', 'year', 'room', 'page', 'chapter', 'step', 'case', 'part', 'level', 'grade', 'floor',
  'round', 'game', 'stage', 'phase', 'question', 'problem', 'number', 'no', 'item', 'row', 'column', 'line', 'table',
  'lane', 'seat', 'gate', 'station', 'platform', 'episode', 'season', 'lesson', 'unit', 'section', 'test', 'quiz',
  'trial', 'turn', 'term', 'hole', 'track', 'exit', 'route', 'apartment', 'house', 'lot', 'block', 'version',
  'model', 'size', 'type', 'player', 'team', 'group', 'class', 'bus', 'flight', 'figure', 'box', 'bag', 'jar', 'shelf',
  'tank', 'week', 'hour', 'minute', 'lap', 'inning', 'quarter', 'period', 'card', 'ticket', 'box', 'basket', 'plot',
  'field', 'zone', 'area', 'region', 'district', 'ward', 'stop', 'store', 'shop', 'school', 'child', 'person', 'friend',
  'student', 'worker', 'machine', 'car', 'truck', 'train', 'tree', 'pile', 'batch', 'sample', 'option', 'plan',
  'account', 'candidate', 'equation', 'condition', 'rule', 'statement', 'scenario',
]);
const OK_ATTACHED_BEFORE = new Set(['"', '“', "'", '‘', '[', '*', '`', '→', '⇒', '∴']);
const OK_ATTACHED_AFTER = new Set(['.', ',', ';', '!', '?', '"', '”', '’', "'", ']', '`', '*', '→', '⇒']);
const BAD_SPACED_BEFORE = new Set(['/', '^', '_', '¿', '√', '±', '…', '‾', '≠', '<', '>', '|', '°', '–', '—', '=', '≈']);
const BAD_SPACED_AFTER = new Set(['/', '^', '_', '¿', '√', '±', '‾', ':', '≠', '<', '>', '|', '°', '–', '—']);

export const isExprToken = (t: Token): boolean =>
  t.type === 'num' || t.type === 'op' || t.type === 'lparen' || t.type === 'rparen' || t.type === 'var' || t.type === 'percent' || t.type === 'root';

/** `20% of 50`: "of" right after a percentage, before a number, means times. */
function isPercentOf(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const next = tokens[i + 1];
  return (
    t?.type === 'word' &&
    t.text === 'of' &&
    tokens[i - 1]?.type === 'percent' &&
    (next?.type === 'num' || next?.type === 'lparen')
  );
}

export function extractChains(tokens: readonly Token[]): Chain[] {
  const units = repeatedUnits(tokens);
  for (const k of unitsBetweenOperands(tokens)) units.add(k);
  // Maximal runs of expression tokens.
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isExprToken(tokens[i]!)) {
      i++;
      continue;
    }
    const s = i;
    while (i < tokens.length && (isExprToken(tokens[i]!) || isPercentOf(tokens, i) || units.has(i))) i++;
    runs.push([s, i]);
  }

  const chains: Chain[] = [];
  let current: { runs: Array<[number, number]>; approx: boolean[] } | undefined;
  const flush = (): void => {
    if (current && current.runs.length >= 2) chains.push(buildChain(tokens, current.runs, current.approx, units));
    current = undefined;
  };
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (!current) {
      current = { runs: [run], approx: [] };
      continue;
    }
    const prev = current.runs[current.runs.length - 1]!;
    const link = linkBetween(tokens, prev[1], run[0]) ?? sameUnitLink(tokens, prev, run);
    if (link === undefined) {
      flush();
      current = { runs: [run], approx: [] };
    } else {
      current.runs.push(run);
      current.approx.push(link);
    }
  }
  flush();
  return chains;
}

/** Whether tokens [from, to) are one relation (`=`, `≈`, `= about`, `= ~`); its approx flag, or undefined. */
function linkBetween(tokens: readonly Token[], from: number, to: number): boolean | undefined {
  const rel = tokens[from];
  if (!rel || (rel.type !== 'eq' && rel.type !== 'approx')) return undefined;
  let approx = rel.type === 'approx';
  for (let k = from + 1; k < to; k++) {
    const t = tokens[k]!;
    if (t.type === 'word' && APPROX_WORDS.has(t.text.toLowerCase())) approx = true;
    else if (t.type === 'punct' && t.char === '~') approx = true;
    else return undefined;
  }
  return approx;
}

/**
 * `20 miles + 15 miles = 35 miles`, `60 elves / 3 = 20 elves`: unit words written after numbers
 * on the left that repeat the unit after the result are read through, as if not there. Only the
 * very same word (singular or plural): `2 hours + 30 minutes = 2.5 hours` stays unreadable.
 */
function repeatedUnits(tokens: readonly Token[]): Set<number> {
  const units = new Set<number>();
  for (let q = 0; q < tokens.length; q++) {
    if (tokens[q]!.type !== 'eq') continue;
    const result = tokens[q + 1];
    const unit = tokens[q + 2];
    if (result?.type !== 'num' || unit?.type !== 'word' || !unit.space || !isUnitWord(unit.text)) continue;
    if (continuesExpression(tokens[q + 3])) continue; // `= 2 babies / 4 babies`: the right side goes on
    const name = singular(unit.text.toLowerCase());
    for (let k = q - 1; k >= 0; k--) {
      const t = tokens[k]!;
      if (isExprToken(t)) continue;
      if (t.type === 'word' && t.space && tokens[k - 1]?.type === 'num' && singular(t.text.toLowerCase()) === name) {
        units.add(k);
        continue;
      }
      break;
    }
  }
  return units;
}

/** Lowercase letters only: a unit word, not a name or an abbreviation. */
const UNIT_SHAPE = /^[a-z]{2,}$/;

/** Function words: never a unit, so `-7 to -2 + 5` is never read as one expression. */
const NOT_UNITS = new Set([
  'to', 'and', 'or', 'the', 'an', 'in', 'on', 'at', 'for', 'with', 'is', 'are', 'was', 'were', 'be', 'been', 'so',
  'then', 'as', 'if', 'it', 'its', 'we', 'he', 'she', 'they', 'this', 'that', 'these', 'those', 'which', 'what',
  'who', 'per', 'onto', 'up', 'down', 'out', 'but', 'no', 'yes', 'get', 'gets', 'got', 'gives', 'give', 'total',
  'left', 'all', 'make', 'makes', 'made', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'must',
  'do', 'does', 'did', 'not', 'also', 'now', 'there', 'here', 'when', 'where', 'while', 'after', 'before', 'since',
  'because', 'until', 'than', 'thus', 'hence', 'therefore', 'equal', 'equals', 'gives', 'yields', 'leaves', 'remain',
  'remaining', 'new', 'old', 'first', 'second', 'third', 'last', 'next', 'other', 'another', 'same', 'only', 'just',
  'about', 'approximately', 'like', 'such', 'via', 'using', 'used', 'let', 'say', 'says', 'said', 'up', 'off',
  'into', 'over', 'under', 'x', 'y', 'z', 'n', 'k', 'mod', 'th', 'st', 'nd', 'rd',
  // Counts of groups: `2 pairs * 3` may mean 2 × 2 × 3.
  'pair', 'pairs', 'couple', 'couples', 'decade', 'decades', 'century', 'centuries', 'twins', 'triplets',
]);

function isOperandUnit(t: Token | undefined): boolean {
  return t?.type === 'word' && t.space && UNIT_SHAPE.test(t.text) && isUnitWord(t.text) && !NOT_UNITS.has(t.text);
}

/**
 * Units and labels written between operands, read through as if not there:
 *   `5 pies * 8 pieces/pie = 45 pieces`, `45 students * $12/student`, `30 miles / 6 mph`,
 *   `$1.3 per lemon * 7 lemons`, `20 glasses (from weekdays) + 6 glasses (from weekends)`.
 * A sum or difference needs the same unit on both operands (`2 hours + 30 minutes` is not read);
 * scale and binding words are never units (`2 dozen * 3`, `5 thousand * 4`).
 */
function unitsBetweenOperands(tokens: readonly Token[]): number[] {
  const out: number[] = [];
  const rates = new Set<string>();
  let previousUnit = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type === 'eq' || (t.type === 'punct' && '.;:!?'.includes(t.char))) {
      rates.clear();
      previousUnit = false;
    }
    if (t.type !== 'num') continue;
    const afterOp = tokens[k - 1]?.type === 'op' ? (tokens[k - 1] as { op: string }).op : undefined;
    const hadUnit = previousUnit;
    previousUnit = false;
    const skipped: number[] = [];
    let j = k + 1;
    let unit: string | undefined;
    // One or two unit words: `8 pieces`, `12 car tires`.
    while (skipped.length < 2 && isOperandUnit(tokens[j])) {
      unit = singular((tokens[j] as { text: string }).text);
      skipped.push(j++);
    }
    // `/pie`, `per lemon`: a rate's unit.
    const slash = tokens[j];
    if (slash?.type === 'op' && slash.op === '/' && !slash.space && tokens[j + 1]?.type === 'word' && !tokens[j + 1]!.space && UNIT_SHAPE.test((tokens[j + 1] as { text: string }).text)) {
      skipped.push(j, j + 1);
      j += 2;
    } else if (tokens[j]?.type === 'word' && (tokens[j] as { text: string }).text === 'per' && isOperandUnit(tokens[j + 1])) {
      skipped.push(j, j + 1);
      j += 2;
    }
    // `(from weekdays)`: a label in brackets, words only.
    let labelled = false;
    if (unit !== undefined) previousUnit = true;
    const rate = skipped.length > (unit === undefined ? 0 : 1) ? singular((tokens[skipped[skipped.length - 1]!] as { text: string }).text ?? '') : undefined;
    if (rate) rates.add(rate);
    if (tokens[j]?.type === 'lparen') {
      let m = j + 1;
      while (m < tokens.length && m < j + 6 && tokens[m]!.type === 'word') m++;
      if (m > j + 1 && tokens[m]?.type === 'rparen') {
        for (let q = j; q <= m; q++) skipped.push(q);
        j = m + 1;
        labelled = true;
      }
    }
    if (skipped.length === 0) continue;
    const op = tokens[j];
    const next = tokens[j + 1];
    const rateAtEnd = op?.type === 'eq' && skipped.some((q) => tokens[q]!.type === 'op');
    // `$1.3 per lemon * 7 lemons = $9.1`: the count of the rate's unit; `30 miles / 6 mph = 5`: a rate divided out.
    const countOfRate = op?.type === 'eq' && unit !== undefined && skipped.length === 1 && (rates.has(unit) || (afterOp === '/' && hadUnit));
    if (rateAtEnd || countOfRate || (labelled && op?.type === 'eq')) {
      out.push(...skipped); // `$12/student = $560`, `30 (second recipe) = 50`
      continue;
    }
    if (op?.type !== 'op' || op.op === '^' || (next?.type !== 'num' && next?.type !== 'lparen')) continue;
    if ((op.op === '+' || op.op === '-') && unit !== undefined) {
      // The other operand must count the same thing: `1 hour + 30 = 90 minutes` adds minutes.
      const other = tokens[j + 2];
      if (next.type !== 'num' || !isOperandUnit(other) || singular((other as { text: string }).text) !== unit) continue;
    }
    out.push(...skipped);
  }
  return out;
}

function continuesExpression(t: Token | undefined): boolean {
  return t !== undefined && (t.type === 'op' || t.type === 'eq' || t.type === 'approx' || t.type === 'num');
}

function isUnitWord(word: string): boolean {
  const w = word.toLowerCase();
  return w.length >= 2 && !BINDING_WORDS.has(w) && !SCALE_WORDS.has(w) && !APPROX_WORDS.has(w);
}

/**
 * `4 * 20 sheep = 80 sheep`: a unit word before `=` that is repeated after the result says both
 * sides count the same thing, so the link holds. Only one word, and the same word on both sides
 * (`2 hours + 30 minutes = 2.5 hours` is not linked: minutes and hours differ).
 */
function sameUnitLink(tokens: readonly Token[], prev: [number, number], run: [number, number]): boolean | undefined {
  const unit = tokens[prev[1]];
  const rel = tokens[prev[1] + 1];
  const repeat = tokens[run[1]];
  if (run[0] !== prev[1] + 2 || unit?.type !== 'word' || repeat?.type !== 'word' || rel?.type !== 'eq') return undefined;
  if (!unit.space || !repeat.space || !isUnitWord(unit.text)) return undefined;
  return singular(unit.text.toLowerCase()) === singular(repeat.text.toLowerCase()) ? false : undefined;
}

function singular(word: string): string {
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function buildChain(tokens: readonly Token[], runs: Array<[number, number]>, approx: boolean[], through: ReadonlySet<number>): Chain {
  const sides: Side[] = runs.map(([s, e], k) => {
    let start = s;
    let end = e;
    // Markdown bold `**` around a claim is not multiplication.
    if (k === 0) while (isBoldMark(tokens, start) && start + 2 <= e) start += 2;
    if (k === runs.length - 1) while (end - 2 >= start && isBoldMark(tokens, end - 2)) end -= 2;
    let openInside = false;
    if (k === 0) {
      const from = start;
      start = afterUnmatchedOpen(tokens, start, end);
      // `$50+($50*(20/100) = $60`: a bracket opened after an operand or operator and never closed
      // leaves the claim's extent unknown.
      const open = tokens[start - 1];
      const before = tokens[start - 2];
      openInside = start > from && open?.type === 'lparen' && start - 2 >= from && (before?.type === 'op' || before?.type === 'num');
    }
    if (k === runs.length - 1) {
      end = beforeUnmatchedClose(tokens, start, end);
      // "= $14.99 (rounded)": a bracket opened after the result belongs to a remark.
      while (end > start && tokens[end - 1]!.type === 'lparen') end--;
    }
    let trusted = start < end && !openInside;
    if (k === 0 && !leftBoundaryOk(tokens, start)) trusted = false;
    if (k === runs.length - 1 && !rightBoundaryOk(tokens, end)) trusted = false;
    const expr = start < end ? parseExpression(toExprTokens(tokens, start, end, through)) : undefined;
    if (!expr) trusted = false;
    return { start, end, expr, trusted, literal: literalOf(tokens, start, end) };
  });
  return { sides, approx };
}

/** Two `*` written together at `k`: markdown bold, not an operator. */
function isBoldMark(tokens: readonly Token[], k: number): boolean {
  const a = tokens[k];
  const b = tokens[k + 1];
  return a?.type === 'op' && a.op === '*' && b?.type === 'op' && b.op === '*' && !b.space;
}

function afterUnmatchedOpen(tokens: readonly Token[], s: number, e: number): number {
  const open: number[] = [];
  let start = s;
  for (let k = s; k < e; k++) {
    const t = tokens[k]!;
    if (t.type === 'lparen') open.push(k);
    else if (t.type === 'rparen') {
      if (open.length === 0) start = k + 1;
      else open.pop();
    }
  }
  return open.length > 0 ? open[open.length - 1]! + 1 : start;
}

function beforeUnmatchedClose(tokens: readonly Token[], s: number, e: number): number {
  let depth = 0;
  for (let k = s; k < e; k++) {
    const t = tokens[k]!;
    if (t.type === 'lparen') depth++;
    else if (t.type === 'rparen' && --depth < 0) return k;
  }
  return e;
}

function leftBoundaryOk(tokens: readonly Token[], start: number): boolean {
  const first = tokens[start];
  const prev = tokens[start - 1];
  if (!first) return false;
  if (first.type === 'op') {
    if (first.op !== '-') return false;
    // A leading minus after a word or number may be a binary minus whose left operand we cannot see.
    if (prev && prev.type !== 'punct' && prev.type !== 'lparen') return false;
    // `- 48 - 2 = 46`: a minus with a space after it is a dash introducing the claim, not a sign.
    if (tokens[start + 1]?.space) return false;
  }
  if (!prev || prev.type === 'lparen') return true;
  if (start >= 2 && isBoldMark(tokens, start - 2)) return true;
  // `... yards = 364 / 4 = 273`: the chain started in words; its first readable side is a restatement.
  // `Occupied = 3/4 of total apartments = 3/4 * 120 units`: a description in words ends at the `=`.
  if (prev.type === 'eq' || prev.type === 'approx') return wordsOnlyBefore(tokens, start - 1) || describedBefore(tokens, start - 1);
  if (!first.space) {
    if (prev.type !== 'punct') return false;
    // "Ferdinand:6/2=4": a label's colon, unlike a clock's `3:30`.
    if (prev.char === ':') return tokens[start - 2]?.type === 'word';
    return OK_ATTACHED_BEFORE.has(prev.char);
  }
  if (prev.type === 'word') {
    const word = prev.text.toLowerCase();
    if (first.type === 'num' && LABEL_WORDS.has(word)) return false;
    // `2 and 1/2 cups`: a fraction after "<number> and" is the rest of a mixed number.
    if (word === 'and' && tokens[start - 2]?.type === 'num' && tokens[start + 1]?.type === 'op' && (tokens[start + 1] as { op: string }).op === '/') return false;
    // "a total of 3 + 4" is fine; "half of 10 + 4" and "1/4 of 20" bind the number to what precedes.
    if (word === 'of') return !bindsOf(tokens[start - 2]);
    return !BINDING_WORDS.has(word);
  }
  if (prev.type === 'punct') return !BAD_SPACED_BEFORE.has(prev.char);
  return true;
}

/**
 * `Occupied = 3/4 of total apartments = 3/4 * 120`: words end the clause before the `=` at `at`.
 * Not `... * 364 yards = 364 / 4`: a number and its unit before the `=` belong to an expression
 * the tokens cut, so what follows restates it.
 */
function describedBefore(tokens: readonly Token[], at: number): boolean {
  const word = tokens[at - 1];
  if (word?.type !== 'word' || BINDING_WORDS.has(word.text.toLowerCase())) return false;
  const before = tokens[at - 2];
  return before?.type !== 'num' && !(before?.type === 'word' && tokens[at - 3]?.type === 'num');
}

/** Whether the clause before token `at` is words only ("Total cost = ..."), not a half-read expression. */
function wordsOnlyBefore(tokens: readonly Token[], at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const t = tokens[k]!;
    if (t.type === 'punct' && '.,:;!?'.includes(t.char)) return true;
    if (t.type !== 'word') return false;
  }
  return true;
}

function rightBoundaryOk(tokens: readonly Token[], end: number): boolean {
  const next = tokens[end];
  const last = tokens[end - 1];
  if (!next || next.type === 'rparen') return true;
  if (isBoldMark(tokens, end)) return true;
  if (next.type === 'eq' || next.type === 'approx') return false;
  if (!next.space) {
    if (next.type !== 'punct') return false;
    if (next.char === '.' || next.char === '…') {
      // `0.333...` (repeating) is fine; `5.` ends a sentence; `5.x` is not ours.
      const after = tokens[end + 1];
      if (next.char === '…' || (after?.type === 'punct' && after.char === '.' && !after.space)) {
        return last?.type === 'num' && last.repeating;
      }
      return !(after && !after.space && after.type !== 'punct');
    }
    if (!OK_ATTACHED_AFTER.has(next.char)) return false;
    const after = tokens[end + 1];
    return !(after && !after.space && (after.type === 'num' || after.type === 'var' || after.type === 'word'));
  }
  if (next.type === 'word' && continuesExpression(tokens[end + 1])) return false; // `= 2 babies / 4 babies`
  if (next.type === 'word') {
    // "= 10 times" counts occurrences; "= 10 times 2" goes on computing.
    if (next.text === 'times') return tokens[end + 1]?.type !== 'num';
    return !SCALE_WORDS.has(next.text) && !SCALE_WORDS.has(next.text.toLowerCase());
  }
  if (next.type === 'punct') return !BAD_SPACED_AFTER.has(next.char);
  return true;
}

export function toExprTokens(tokens: readonly Token[], s: number, e: number, through?: ReadonlySet<number>): ExprToken[] {
  const out: ExprToken[] = [];
  for (let k = s; k < e; k++) {
    const t = tokens[k]!;
    if (through?.has(k) && t.type !== 'word') continue;
    const attached = !t.space;
    switch (t.type) {
      case 'num':
        out.push({ type: 'num', value: t.value, attached, ref: k });
        break;
      case 'op':
        out.push({ type: 'op', op: t.op, attached, ref: k });
        break;
      case 'var':
        out.push({ type: 'var', name: t.name, attached, ref: k });
        break;
      case 'lparen':
      case 'rparen':
      case 'percent':
      case 'root':
        out.push({ type: t.type, attached, ref: k });
        break;
      case 'word': // `of` after a percentage; a repeated unit word is read through
        if (t.text === 'of') out.push({ type: 'op', op: '*', attached, ref: k });
        break;
      default:
        break;
    }
  }
  return out;
}

function literalOf(tokens: readonly Token[], s: number, e: number): Literal | undefined {
  let k = s;
  let negative = false;
  const first = tokens[k];
  if (first?.type === 'op' && first.op === '-') {
    negative = true;
    k++;
  }
  const num = tokens[k];
  if (num?.type !== 'num') return undefined;
  const ref = k;
  k++;
  let percent = false;
  if (tokens[k]?.type === 'percent' && k < e) {
    percent = true;
    k++;
  }
  if (k !== e) return undefined;
  return { num, ref, negative, percent, first: s, last: ref };
}

/**
 * The expression a text ends with, when nothing but punctuation follows it and it has an
 * operation: `Add them up: $204 + $160 + $330.` gives `$204 + $160 + $330`. Its left boundary
 * must be as trusted as a chain's first side.
 */
export function trailingExpression(tokens: readonly Token[]): Side | undefined {
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]!.type === 'punct' && '.!?;'.includes((tokens[end - 1] as { char: string }).char)) end--;
  if (end === 0 || tokens[end - 1]!.type !== 'num') return undefined;
  const through = repeatedUnits(tokens);
  for (const k of unitsBetweenOperands(tokens)) through.add(k);
  let start = end;
  while (start > 0 && (isExprToken(tokens[start - 1]!) || through.has(start - 1))) start--;
  while (start < end && tokens[start]!.type === 'word') start++;
  if (!leftBoundaryOk(tokens, start)) return undefined;
  const expr = parseExpression(toExprTokens(tokens, start, end, through));
  if (!expr || expr.kind !== 'bin') return undefined;
  return { start, end, expr, trusted: true };
}
