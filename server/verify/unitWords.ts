// Unit words and labels between the numbers of a claim, read through as if not there
// (`20 miles + 15 miles = 35 miles`, `5 pies * 8 pieces/pie`, `20 glasses (weekdays) + 6 glasses`).
import { APPROX_WORDS, BINDING_WORDS, isExprToken, SCALE_WORDS } from './chainWords.ts';
import type { Token } from './tokenize.ts';

/**
 * `20 miles + 15 miles = 35 miles`, `60 elves / 3 = 20 elves`: unit words written after numbers
 * on the left that repeat the unit after the result are read through, as if not there. Only the
 * very same word (singular or plural): `2 hours + 30 minutes = 2.5 hours` stays unreadable.
 */
export function repeatedUnits(tokens: readonly Token[]): Set<number> {
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
export function unitsBetweenOperands(tokens: readonly Token[]): number[] {
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

export function continuesExpression(t: Token | undefined): boolean {
  return t !== undefined && (t.type === 'op' || t.type === 'eq' || t.type === 'approx' || t.type === 'num');
}

export function isUnitWord(word: string): boolean {
  const w = word.toLowerCase();
  return w.length >= 2 && !BINDING_WORDS.has(w) && !SCALE_WORDS.has(w) && !APPROX_WORDS.has(w);
}

/**
 * `4 * 20 sheep = 80 sheep`: a unit word before `=` that is repeated after the result says both
 * sides count the same thing, so the link holds. Only one word, and the same word on both sides
 * (`2 hours + 30 minutes = 2.5 hours` is not linked: minutes and hours differ).
 */
export function sameUnitLink(tokens: readonly Token[], prev: [number, number], run: [number, number]): boolean | undefined {
  const unit = tokens[prev[1]];
  const rel = tokens[prev[1] + 1];
  const repeat = tokens[run[1]];
  if (run[0] !== prev[1] + 2 || unit?.type !== 'word' || repeat?.type !== 'word' || rel?.type !== 'eq') return undefined;
  if (!unit.space || !repeat.space || !isUnitWord(unit.text)) return undefined;
  return singular(unit.text.toLowerCase()) === singular(repeat.text.toLowerCase()) ? false : undefined;
}

export function singular(word: string): string {
  return word.endsWith('s') ? word.slice(0, -1) : word;
}
