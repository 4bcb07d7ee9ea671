// The problem-level check: a final answer that disagrees with the value the last step computed.
// Only when certain: nothing but repeats of the answer follows the last computation, and the
// answer is not a number the steps mention elsewhere.
import type { Problem } from '../document/types.ts';
import type { TextSpan } from '../engine/types.ts';
import { literalValue, type Pair } from './checkPairs.ts';
import { display, type Finding } from './describeFinding.ts';
import { isExprToken, toExprTokens } from './extractChains.ts';
import { evaluate } from './math/evaluate.ts';
import { add, equal, type Exact, HUNDRED, mul, div, sub } from './math/exact.ts';
import { parseExpression } from './math/parseExpression.ts';
import { offsetAt } from './normalizeText.ts';
import { readStep, type StepReading } from './readStep.ts';
import { judge } from './rounding.ts';

const NUMBER_WORDS = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty',
  'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'half', 'quarter', 'dozen', 'twice',
  'double', 'triple', 'once', 'thrice', 'third', 'percent',
]);

/**
 * The value of a final answer as written (`72`, `\$18`, `\frac{3}{4}`, `25%`), when it is one number.
 * Anything else in it (words, punctuation, a variable) and it is not read: `3 hours` may not be in
 * the unit the last step computed in (`60 * 3 = 180 minutes`), so comparing numbers proves nothing.
 */
export function finalAnswerValue(value: string): { value: Exact; decimals: number; percent: boolean } | undefined {
  const tokens = readStep(value).sources[0]?.tokens;
  if (!tokens || tokens.length === 0 || !tokens.every((t) => isExprToken(t) && t.type !== 'var')) return undefined;
  const nums = tokens.filter((t) => t.type === 'num');
  if (nums.length !== 1 && !tokens.some((t) => t.type === 'op' && t.op === '/')) return undefined;
  const expr = parseExpression(toExprTokens(tokens, 0, tokens.length));
  const v = expr && evaluate(expr);
  if (!v) return undefined;
  const first = nums[0];
  return { value: v, decimals: first?.type === 'num' ? first.decimals : 0, percent: tokens.some((t) => t.type === 'percent') };
}

/** `Then 12 + 5 = 17 apples. #### 18`: a GSM8K answer line run into the last step. */
function answerInLastStep(problem: Problem): { value: string; stepIndex: number } | undefined {
  const stepIndex = problem.steps.length - 1;
  const text = problem.steps[stepIndex]?.text;
  const match = text === undefined ? null : /####\s*([^\n#]+?)\s*$/.exec(text);
  return match ? { value: match[1]!, stepIndex } : undefined;
}

/** Numbers read from the question and the steps, at most MAX_OPERANDS of them. */
const MAX_OPERANDS = 80;

/**
 * The answer is the last computed value combined once more with a number of the problem
 * (`$1,300 x 10% = $130`, answer `$1,430`: the tip added back; `16 * 0.75 * $2 = $24`, answer
 * `$32`): the writer did a last operation without writing it, which proves nothing wrong.
 */
function oneOperationAway(problem: Problem, readings: StepReading[], v: Exact, answer: Exact): boolean {
  const operands: Exact[] = [];
  const sources = [...readStep(problem.question).sources, ...readings.flatMap((r) => r.sources)];
  for (const source of sources) {
    for (const t of source.tokens) {
      if (t.type !== 'num' || operands.length >= MAX_OPERANDS) continue;
      operands.push(t.value, div(t.value, HUNDRED)!);
    }
  }
  for (const n of operands) {
    for (const candidate of [add(v, n), sub(v, n), sub(n, v), mul(v, n), div(v, n), div(n, v)]) {
      if (candidate && equal(candidate, answer)) return true;
    }
  }
  return false;
}

export function checkFinalAnswer(
  problem: Problem,
  readings: StepReading[],
  last: { stepIndex: number; pair: Pair; value: Exact } | undefined,
): Finding | undefined {
  const answer = problem.finalAnswer ?? answerInLastStep(problem);
  if (!answer || !last) return undefined;
  const final = finalAnswerValue(answer.value);
  if (!final) return undefined;
  const literal = last.pair.right.literal;
  if (!literal || !last.pair.right.trusted) return undefined;
  // Certain only when nothing follows the last computed result but repeats of the answer in the
  // answer's own step, and the answer is not a number the steps mention elsewhere ("skip 4 classes
  // because 10 - 4 = 6").
  for (let s = 0; s < readings.length; s++) {
    for (const source of readings[s]!.sources) {
      for (let k = 0; k < source.tokens.length; k++) {
        const t = source.tokens[k]!;
        const isAfter = s > last.stepIndex || (s === last.stepIndex && (source.annotation ? false : k > literal.ref));
        const inAnswerStep = s === answer.stepIndex;
        if (isAfter && !inAnswerStep && t.type === 'word' && (s > last.stepIndex || NUMBER_WORDS.has(t.text.toLowerCase()))) {
          return undefined; // more text follows, or a number written in words ("it took three days")
        }
        if (isAfter && !inAnswerStep && t.type === 'punct' && '.!?;'.includes(t.char) && source.tokens[k + 1]?.type === 'word') {
          return undefined; // another sentence follows the last computation
        }
        if (t.type !== 'num') continue;
        if (isAfter && !(inAnswerStep && equal(t.value, final.value))) return undefined;
        if (!isAfter && !inAnswerStep && equal(t.value, final.value)) return undefined;
      }
    }
  }
  const written = literalValue(literal);
  const v = last.value;
  if (equal(final.value, written) || equal(final.value, v)) return undefined;
  const times = mul(v, HUNDRED);
  const over = div(v, HUNDRED);
  if ((times && equal(final.value, times)) || (over && equal(final.value, over))) return undefined;
  const j = judge(v, { value: final.value, decimals: final.decimals, percent: final.percent, repeating: false }, false, false);
  if (j === 'exact' || j === 'rounded') return undefined;
  if (oneOperationAway(problem, readings, v, final.value)) return undefined;
  const stepIndex = answer.stepIndex ?? problem.steps.length - 1;
  if (problem.steps[stepIndex]?.ignored) return undefined;
  let span: TextSpan | undefined;
  if (answer.stepIndex !== undefined) {
    const main = readings[answer.stepIndex]?.sources[0];
    const hit = main?.tokens.findLast((t) => t.type === 'num' && equal(t.value, final.value));
    if (main && hit) span = { start: offsetAt(main.norm, hit.start), end: offsetAt(main.norm, hit.end - 1) + 1 };
  }
  const computed = display(v, literal.num.decimals);
  return {
    stepIndex,
    kind: 'final-answer',
    explanation: `Step ${last.stepIndex + 1} computes ${computed}, but the final answer is ${answer.value.trim()}.`,
    hint: `Check the final answer against step ${last.stepIndex + 1}.`,
    span,
    finalValue: v,
  };
}
