// Splits normalized step text into tokens: numbers (with thousands separators, currency, decimals),
// operators, brackets, relations, words, single-letter variables and other punctuation.
// Ambiguous readings are resolved toward "not a number / not an operator", so claims built from
// them are fewer but certain: `1,2,3` is three numbers and two commas, `3:30` is 3, `:`, 30.
import { exactFromDecimal, type Exact } from './math/exact.ts';

export type Token =
  | NumToken
  | { type: 'op'; op: '+' | '-' | '*' | '/' | '^'; start: number; end: number; space: boolean }
  | { type: 'lparen' | 'rparen' | 'percent' | 'eq' | 'approx' | 'root'; start: number; end: number; space: boolean }
  | { type: 'var'; name: string; start: number; end: number; space: boolean }
  | { type: 'word'; text: string; start: number; end: number; space: boolean }
  | { type: 'punct'; char: string; start: number; end: number; space: boolean };

export interface NumToken {
  type: 'num';
  value: Exact;
  /** Digits as written, separators removed (`37500`, `1.50`). */
  digits: string;
  /** Decimal places written. */
  decimals: number;
  /** Followed by `...` or `…`: a repeating or cut-off decimal. */
  repeating: boolean;
  /** Written with a currency sign (`$5`, `€5`). */
  currency: boolean;
  start: number;
  end: number;
  /** Whitespace before the token. */
  space: boolean;
}

/** Steps with more tokens than this are not read (the verdict is "unknown"). */
export const MAX_STEP_TOKENS = 5000;

/** Letters that, written right after a number, are units rather than variables (`5m`, `3h`, `50c`). */
const UNIT_LETTERS = new Set(['m', 's', 'g', 'h', 'k', 'K', 'M', 'B', 'l', 'c', 'd', 'b']);
/** Short letter groups that are units or ordinals, never products of variables. */
const UNIT_WORDS = new Set([
  'st', 'nd', 'rd', 'th', 'am', 'pm', 'km', 'cm', 'mm', 'kg', 'mg', 'lb', 'oz', 'ft', 'in', 'hr', 'mi', 'yd', 'ml', 'gb',
  'mb', 'kb', 'tb', 'pc', 'ea', 'qt', 'pt', 'mn', 'bn', 'yr', 'wk', 'min', 'sec', 'hrs', 'lbs', 'mph', 'kph', 'gal',
  'pcs', 'yrs', 'cal', 'kw', 'kwh', 'sq', 'cu', 'ct', 'dz', 'is', 'of', 'at', 'to', 'on', 'or', 'an', 'as', 'by', 'if',
  'it', 'so', 'we', 'he', 'me', 'be', 'do', 'go', 'no', 'up', 'us', 'my',
]);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const OPS = '+-*/^';
// Sticky scanners: the regex engine runs long stretches of letters and digits natively.
const LETTERS = /[A-Za-z]+/y;
const DIGITS = /\d*/y;

/** Tokens of `text`, or undefined when the text is too long to read. */
export function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  let space = true;
  let currency = false;
  while (i < text.length) {
    if (tokens.length > MAX_STEP_TOKENS) return undefined;
    const c = text[i]!;
    if (c === ' ') {
      space = true;
      i++;
      continue;
    }
    if (c === '$' && (isDigit(text[i + 1]) || (text[i + 1] === '.' && isDigit(text[i + 2])))) {
      // Currency sign: part of the number that follows; the underline stays on the digits.
      currency = true;
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]) && !isDigit(text[i - 1]))) {
      const num = readNumber(text, i, space, currency);
      // A number too long to read exactly is a word: no claim can use it.
      tokens.push(num.value ? (num as NumToken) : { type: 'word', text: num.digits, start, end: num.end, space });
      i = num.end;
    } else if (isLetter(c)) {
      LETTERS.lastIndex = i;
      LETTERS.test(text);
      const j = LETTERS.lastIndex;
      pushLetters(tokens, text, i, j, space);
      i = j;
    } else if (c === '=') {
      // `==`, `=>`, `<=`, `>=` are not the claims we read.
      const prev = text[i - 1];
      const next = text[i + 1];
      if (next === '=' || next === '>' || prev === '<' || prev === '>' || prev === '!' || prev === '=') {
        tokens.push({ type: 'punct', char: c, start, end: i + 1, space });
      } else tokens.push({ type: 'eq', start, end: i + 1, space });
      i++;
    } else if (c === '√' && (text[i + 1] === '(' || isDigit(text[i + 1]))) {
      tokens.push({ type: 'root', start, end: i + 1, space });
      i++;
    } else if (c === '≈') {
      tokens.push({ type: 'approx', start, end: i + 1, space });
      i++;
    } else if (OPS.includes(c)) {
      tokens.push({ type: 'op', op: c as '+', start, end: i + 1, space });
      i++;
    } else if (c === '(') {
      tokens.push({ type: 'lparen', start, end: i + 1, space });
      i++;
    } else if (c === ')') {
      tokens.push({ type: 'rparen', start, end: i + 1, space });
      i++;
    } else if (c === '%') {
      tokens.push({ type: 'percent', start, end: i + 1, space });
      i++;
    } else {
      tokens.push({ type: 'punct', char: c, start, end: i + 1, space });
      i++;
    }
    space = false;
    currency = false;
  }
  return tokens;
}

function readNumber(
  text: string,
  i: number,
  space: boolean,
  currency: boolean,
): Omit<NumToken, 'value'> & { value: Exact | undefined } {
  const start = i;
  DIGITS.lastIndex = i;
  DIGITS.test(text);
  let j = DIGITS.lastIndex;
  let digits = text.slice(i, j);
  // Thousands groups: 1-3 leading digits, then groups of exactly three (`1,2,3` is a list).
  if (digits.length >= 1 && digits.length <= 3) {
    while (text[j] === ',' && isDigit(text[j + 1]) && isDigit(text[j + 2]) && isDigit(text[j + 3]) && !isDigit(text[j + 4])) {
      digits += text.slice(j + 1, j + 4);
      j += 4;
    }
  }
  let decimals = 0;
  if (text[j] === '.' && isDigit(text[j + 1])) {
    DIGITS.lastIndex = j + 1;
    DIGITS.test(text);
    decimals = DIGITS.lastIndex - (j + 1);
    digits += text.slice(j, DIGITS.lastIndex);
    j = DIGITS.lastIndex;
  }
  const repeating = text.startsWith('...', j) || text[j] === '…';
  const value = exactFromDecimal(digits);
  return { type: 'num', value, digits, decimals, repeating, currency, start, end: j, space };
}

function pushLetters(tokens: Token[], text: string, i: number, j: number, space: boolean): void {
  const word = text.slice(i, j);
  const prev = tokens[tokens.length - 1];
  const attachedToNumber = !space && prev?.type === 'num';
  if (word.length === 1) {
    if ((word === 'x' || word === 'X') && isTimesX(tokens, text, j)) {
      tokens.push({ type: 'op', op: '*', start: i, end: j, space });
      return;
    }
    if (attachedToNumber && UNIT_LETTERS.has(word)) {
      tokens.push({ type: 'word', text: word, start: i, end: j, space });
      return;
    }
    // `a`, `A`, `I` are words unless written against a number, operator or bracket (`2a`, `a+b`).
    const next = text[j];
    const mathNeighbour =
      (!space && prev !== undefined && prev.type !== 'word' && prev.type !== 'punct') ||
      (next !== undefined && '+-*/^)=('.includes(next));
    if ((word === 'a' || word === 'A' || word === 'I') && !mathNeighbour) {
      tokens.push({ type: 'word', text: word, start: i, end: j, space });
      return;
    }
    // `p.m.`, `e.g.`: a letter followed by a period is an abbreviation; `that's`, `Jo's`: a suffix.
    const before = text[i - 1];
    if ((next === '.' && isLetter(text[j + 1])) || (!space && (before === "'" || before === '’'))) {
      tokens.push({ type: 'word', text: word, start: i, end: j, space });
      return;
    }
    tokens.push({ type: 'var', name: word, start: i, end: j, space });
    return;
  }
  if (word === 'times' && prev?.type === 'num' && isTimesX(tokens, text, j)) {
    // "2 times 5" between two numbers is multiplication.
    tokens.push({ type: 'op', op: '*', start: i, end: j, space });
    return;
  }
  if (word === 'equals') {
    // "19.50 / 0.75 equals 26": the word states an equality as firmly as `=`.
    tokens.push({ type: 'eq', start: i, end: j, space });
    return;
  }
  if (word === 'percent' && prev?.type === 'num') {
    tokens.push({ type: 'percent', start: i, end: j, space });
    return;
  }
  // `2ab`: a short run of lowercase letters written against a number is a product of variables.
  if (attachedToNumber && word.length <= 2 && /^[a-z]+$/.test(word) && !UNIT_WORDS.has(word)) {
    for (let k = i; k < j; k++) tokens.push({ type: 'var', name: text[k]!, start: k, end: k + 1, space: k === i ? space : false });
    return;
  }
  tokens.push({ type: 'word', text: word, start: i, end: j, space });
}

/** `x` means "times" only between two numbers: `3 x 4`, `3x4`, `$5 x 2`. */
function isTimesX(tokens: Token[], text: string, after: number): boolean {
  let prev = tokens[tokens.length - 1];
  // `3 boxes x 12 eggs`: a unit word between the number and the x.
  // Not where x is also a variable (`5 hours x 1.2x`).
  if (prev?.type === 'word' && /^[a-z]{2,}$/.test(prev.text) && tokens[tokens.length - 2]?.type === 'num' && !/[\d)]\s?x\b(?!\s*\d)|\bx\s*[=+\-^]|[=+\-]\s*x\b/i.test(text)) prev = tokens[tokens.length - 2];
  if (!prev || (prev.type !== 'num' && prev.type !== 'rparen' && prev.type !== 'percent')) return false;
  let k = after;
  while (text[k] === ' ') k++;
  const next = text[k];
  return isDigit(next) || (next === '$' && isDigit(text[k + 1])) || (next === '.' && isDigit(text[k + 1]));
}
