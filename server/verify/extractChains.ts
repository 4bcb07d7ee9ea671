// Finds equality chains `A = B = C` in a step's tokens. A side is a maximal run of expression
// tokens (numbers, operators, brackets, variables, %); words and most punctuation end it, so
// "= 24 apples" reads as `24`. The outer sides are "trusted" only when nothing around them could
// belong to the same expression in a way the tokens do not show: `3 times 4 + 2 = 14` (the run
// `4 + 2` is preceded by "times"), `3:30`, `= 1.5 million`, `= 12th`. Untrusted sides are never
// used to flag a mistake.
import { parseExpression, type Expr, type ExprToken } from './math/parseExpression.ts';
import type { NumToken, Token } from './tokenize.ts';
import {
  BAD_SPACED_AFTER, BAD_SPACED_BEFORE, BINDING_WORDS, bindsOf, isExprToken, LABEL_WORDS, OK_ATTACHED_AFTER,
  OK_ATTACHED_BEFORE, SCALE_WORDS, APPROX_WORDS,
} from './chainWords.ts';
import { continuesExpression, repeatedUnits, sameUnitLink, unitsBetweenOperands } from './unitWords.ts';

export { isExprToken };

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
