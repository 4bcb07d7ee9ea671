// The final answer's number, read and rewritten: the first number (with its sign) or a fraction
// (`4/6`, `\\frac{4}{6}`), and the correction of a final answer that disagrees with the steps.
import type { Problem } from '../document/types.ts';
import type { Correction } from '../engine/types.ts';
import { literalValue } from './checkPairs.ts';
import type { Finding } from './describeFinding.ts';
import { toExprTokens } from './extractChains.ts';
import { fractionOf, type FractionResult } from './fractionResult.ts';
import { formatLike, styleOf, type NumberStyle } from './formatNumber.ts';
import type { Exact } from './math/exact.ts';
import { parseExpression } from './math/parseExpression.ts';
import { readStep, tokenSpan, type Source } from './readStep.ts';
import type { NumToken } from './tokenize.ts';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function finalAnswerCorrection(problem: Problem, finding: Finding, value: Exact): { correction?: Correction } {
  const answer = problem.finalAnswer;
  if (!answer) return {};
  const located = firstNumber(answer.value);
  const finalAnswer = located
    ? replaceRange(answer.value, located.start, located.end, formatLike(value, located.style))
    : formatLike(value, { decimals: 0, separator: '', percent: false, fixed: false });
  const step = problem.steps[finding.stepIndex];
  if (!step) return {};
  const stepText =
    finding.span && located
      ? replaceRange(step.text, finding.span.start, finding.span.end, formatLike(value, located.style))
      : step.text;
  return { correction: { fromStep: finding.stepIndex, steps: [stepText], finalAnswer } };
}

/** A final answer that is one fraction (`4/6`, `\\frac{4}{6}`). */
export function answerFraction(text: string): { source: Source; result: FractionResult; denominatorRef: number } | undefined {
  const source = readStep(text).sources[0];
  const tokens = source?.tokens;
  if (!source || !tokens || tokens.length === 0) return undefined;
  const nums = tokens.flatMap((t, i) => (t.type === 'num' ? [i] : []));
  if (nums.length !== 2) return undefined;
  const expr = parseExpression(toExprTokens(tokens, 0, tokens.length));
  const result = fractionOf(source, expr, 0, tokens.length - 1);
  return result ? { source, result, denominatorRef: nums[1]! } : undefined;
}

/** The first number of a final answer, with a minus sign written before it (`-17`). */
export function firstNumber(text: string): { value: Exact; start: number; end: number; style: NumberStyle } | undefined {
  // Read the answer as a one-line step; the first number is the one to replace.
  const reading = readStep(text);
  const source = reading.sources[0];
  const ref = source?.tokens.findIndex((t) => t.type === 'num') ?? -1;
  if (!source || ref < 0) return undefined;
  const token = source.tokens[ref] as NumToken;
  const span = tokenSpan(source, ref, ref);
  const percent = source.tokens[ref + 1]?.type === 'percent';
  const sign = source.tokens[ref - 1];
  const negative = ref === 1 && sign?.type === 'op' && sign.op === '-';
  const value = literalValue({ num: token, ref, negative, percent, first: ref, last: ref });
  const start = negative ? tokenSpan(source, 0, 0).start : span.start;
  return { value, start, end: span.end, style: styleOf(text.slice(span.start, span.end), token.decimals, percent, token.currency) };
}

export function replaceRange(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

export function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = replaceRange(out, e.start, e.end, e.text);
  return out;
}
