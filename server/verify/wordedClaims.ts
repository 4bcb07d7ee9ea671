// Computations stated in words, with the operands and the result as written numbers:
//   "Multiplying 3 by $22.50 equals $72.50."        3 × 22.50, claimed 72.50
//   "Multiply 60 meters by 3 ... . This equals 190."  60 × 3, claimed 190
//   "Divide 84 by 4, which gives 21."                84 ÷ 4, claimed 21
// Only these fixed shapes are read: a verb, its first operand, "by" (or "from" for subtraction),
// the second operand, and a relation word right before the result, in the same sentence or in a
// following sentence that starts "This/That/It/Which". Anything else in between is not read.
import Fraction from 'fraction.js';
import { div, type Exact, mul, sub } from './math/exact.ts';
import type { Source } from './readStep.ts';
import type { NumToken, Token } from './tokenize.ts';

export interface WordedClaim {
  source: Source;
  /** The written operands and result, with their token indices. */
  a: NumToken;
  /** Undefined for a multiplier word (`twice 14`, `half of 50`), named by `factorWord`. */
  b?: NumToken;
  factorWord?: string;
  /** The whole computation as written, when it stands elsewhere (the step before). */
  leftText?: string;
  result: NumToken;
  resultRef: number;
  op: '+' | '-' | '*' | '/';
  value: Exact;
}

const VERBS = new Map<string, { op: '*' | '/' | '-'; joiner: string }>([
  ['multiply', { op: '*', joiner: 'by' }],
  ['multiplying', { op: '*', joiner: 'by' }],
  ['multiplied', { op: '*', joiner: 'by' }],
  ['divide', { op: '/', joiner: 'by' }],
  ['dividing', { op: '/', joiner: 'by' }],
  ['divided', { op: '/', joiner: 'by' }],
  ['subtract', { op: '-', joiner: 'from' }],
  ['subtracting', { op: '-', joiner: 'from' }],
]);
/** One test per text before looking at its words: most steps have none of these. */
const ANY_SHAPE = /multipl|divid|subtract|twice|double|triple|half|third|quarter/i;
const RELATIONS = new Set(['equals', 'is', 'gives', 'yields', 'makes', 'results']);
const BACK_REFERENCES = new Set(['this', 'that', 'it', 'which']);
/** Tokens allowed between the verb and an operand: words, brackets, a currency-free label. */
const MAX_GAP = 10;

/** Multiplier words before a number: "twice 14 is 28", "half of 50 = 25". */
const FACTORS = new Map<string, [bigint, bigint, boolean]>([
  ['twice', [2n, 1n, false]],
  ['double', [2n, 1n, false]],
  ['triple', [3n, 1n, false]],
  ['half', [1n, 2n, true]],
  ['third', [1n, 3n, true]],
  ['quarter', [1n, 4n, true]],
]);

export function wordedClaims(source: Source): WordedClaim[] {
  const tokens = source.tokens;
  const claims: WordedClaim[] = [];
  if (!ANY_SHAPE.test(source.norm.text)) return claims;
  for (let k = 0; k < tokens.length; k++) {
    const verb = tokens[k]!;
    if (verb.type !== 'word' || verb.text.length < 4) continue;
    const word = verb.text.toLowerCase();
    const factor = FACTORS.get(word);
    if (factor) {
      const [n, d, needsOf] = factor;
      const at = needsOf ? k + 2 : k + 1;
      const of = tokens[k + 1];
      if (needsOf && !(of?.type === 'word' && of.text === 'of')) continue;
      // "a third of", "one half of" are fine; "two thirds of" is another word, "1/2 half" is not ours.
      const operand = tokens[at];
      const relation = tokens[at + 1];
      const result = tokens[at + 2];
      if (operand?.type !== 'num' || result?.type !== 'num' || tokens[k - 1]?.type === 'num') continue;
      const isRelation = relation?.type === 'eq' || (relation?.type === 'word' && (relation.text === 'is' || relation.text === 'equals'));
      const after = tokens[at + 3];
      if (!isRelation || after?.type === 'op' || after?.type === 'percent' || after?.type === 'var') continue;
      const value = mul(operand.value, new Fraction(n, d));
      if (!value) continue;
      claims.push({ source, a: operand, result, resultRef: at + 2, op: '*', value, factorWord: needsOf ? `${verb.text} of` : verb.text });
      k = at + 2;
      continue;
    }
    const shape = VERBS.get(word);
    if (!shape) continue;
    // "60 multiplied by 3": the first operand comes before a past participle.
    const before = tokens[k - 1];
    const passive = verb.text.endsWith('ed');
    const first = passive ? (before?.type === 'num' && tokens[k - 2]?.type !== 'op' ? { token: before, index: k - 1 } : undefined) : nextNumber(tokens, k + 1);
    if (!first) continue;
    const joiner = passive ? (tokens[k + 1]?.type === 'word' && (tokens[k + 1] as { text: string }).text === shape.joiner ? k + 1 : undefined) : findWord(tokens, first.index + 1, shape.joiner);
    if (joiner === undefined) continue;
    const second = nextNumber(tokens, joiner + 1);
    if (!second) continue;
    const result = resultAfter(tokens, second.index + 1);
    if (!result) continue;
    const [x, y] = shape.op === '-' ? [second.token, first.token] : [first.token, second.token];
    const value = shape.op === '*' ? mul(x.value, y.value) : shape.op === '/' ? div(x.value, y.value) : sub(x.value, y.value);
    if (!value) continue;
    claims.push({ source, a: x, b: y, result: result.token, resultRef: result.index, op: shape.op, value });
    k = result.index;
  }
  return claims;
}

/** The first number from `from`, with only words and brackets before it (no other number, no operator, no sentence end). */
function nextNumber(tokens: readonly Token[], from: number): { token: NumToken; index: number } | undefined {
  for (let k = from; k < tokens.length && k < from + MAX_GAP; k++) {
    const t = tokens[k]!;
    if (t.type === 'num') {
      const after = tokens[k + 1];
      // `3 * 4` or `3/4` is an expression, `2S` a term: not one operand.
      if (after?.type === 'op' || after?.type === 'percent' || after?.type === 'var') return undefined;
      return { token: t, index: k };
    }
    if (t.type !== 'word' && t.type !== 'lparen' && t.type !== 'rparen') return undefined;
    // "Subtracting 30 from both sides gives 2S": the operand was not a number.
    if (t.type === 'word' && (RELATIONS.has(t.text.toLowerCase()) || t.text === 'sides' || t.text === 'side')) return undefined;
  }
  return undefined;
}

function findWord(tokens: readonly Token[], from: number, word: string): number | undefined {
  for (let k = from; k < tokens.length && k < from + MAX_GAP; k++) {
    const t = tokens[k]!;
    if (t.type === 'word' && t.text.toLowerCase() === word) return k;
    if (t.type !== 'word' && t.type !== 'lparen' && t.type !== 'rparen') return undefined;
  }
  return undefined;
}

/** The number after a relation word: "... equals 190", "... . This equals 190". */
function resultAfter(tokens: readonly Token[], from: number): { token: NumToken; index: number } | undefined {
  let sentences = 0;
  for (let k = from; k < tokens.length && k < from + 3 * MAX_GAP; k++) {
    const t = tokens[k]!;
    if (t.type === 'num' || t.type === 'op' || t.type === 'eq' && tokens[k + 1]?.type !== 'num') return undefined;
    if (t.type === 'punct' && '.!?;'.includes(t.char)) {
      // Only into a next sentence that refers back: "This equals ...".
      const next = tokens[k + 1];
      if (++sentences > 1 || next?.type !== 'word' || !BACK_REFERENCES.has(next.text.toLowerCase())) return undefined;
      continue;
    }
    const relation = t.type === 'eq' || (t.type === 'word' && RELATIONS.has(t.text.toLowerCase()));
    if (!relation) continue;
    const n = tokens[k + 1];
    if (n?.type !== 'num') return undefined;
    const after = tokens[k + 2];
    if (after?.type === 'op' || after?.type === 'percent' || after?.type === 'eq') return undefined;
    return { token: n, index: k + 1 };
  }
  return undefined;
}



/** Words that make a statement a total of something computed before: "The total cost is $664." */
const TOTAL_WORDS = /\b(total|sum|altogether|in all|combined|overall|together|grand)\b/i;

/**
 * A step that states the value of the expression the step before ended with:
 * "Step 7: Add them: $204 + $160 + $330." then "Step 8: The total cost is $664.". Only when this
 * step is about a total, holds one number, right after `is`, `=` or "equals", and nothing else.
 */
export function statedTotal(source: Source): { token: NumToken; index: number } | undefined {
  const tokens = source.tokens;
  if (!TOTAL_WORDS.test(source.norm.text)) return undefined;
  let found: { token: NumToken; index: number } | undefined;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type === 'op' || t.type === 'percent' || t.type === 'var') return undefined;
    if (t.type !== 'num') continue;
    if (found) return undefined;
    const before = tokens[k - 1];
    const relation = before?.type === 'eq' || (before?.type === 'word' && (before.text === 'is' || before.text === 'equals' || before.text === 'be'));
    if (!relation) return undefined;
    found = { token: t, index: k };
  }
  return found;
}
