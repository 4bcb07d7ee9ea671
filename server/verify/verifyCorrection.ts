// Re-verifies a proposed correction before it is offered, whichever engine proposed it: the
// corrected problem (the steps from `fromStep` replaced, the final answer replaced) is checked by
// the embedded verifier. It passes only when no step from `fromStep` on has a provable slip and
// the corrected final answer is the value the corrected steps compute, where that can be told.
import type { Problem, Step } from '../document/types.ts';
import { contentKey } from '../document/contentKey.ts';
import type { Correction } from '../engine/types.ts';
import { checkArithmetic, literalValue, pairsOf } from './checkPairs.ts';
import { finalAnswerValue } from './checkFinalAnswer.ts';
import { fractionResult } from './fractionResult.ts';
import { inspectProblem, type Inspection } from './findMistake.ts';
import { equal, type Exact } from './math/exact.ts';
import { hasVariable } from './math/parseExpression.ts';
import { readStep, type StepReading } from './readStep.ts';
import { judge } from './rounding.ts';

export type CorrectionCheck = { ok: true } | { ok: false; reason: string };

/** The problem as it reads once the correction is applied (positions are the old ones, for reference only). */
export function correctedProblem(problem: Problem, correction: Correction): Problem {
  const kept = problem.steps.slice(0, correction.fromStep);
  const model = problem.steps[Math.min(correction.fromStep, problem.steps.length - 1)];
  const steps: Step[] = [
    ...kept,
    ...correction.steps.map((text, i): Step => {
      const old = problem.steps[correction.fromStep + i] ?? model;
      return { index: correction.fromStep + i, text, range: old!.range, fullRange: old!.fullRange, ignored: false };
    }),
  ];
  let finalAnswer = problem.finalAnswer;
  if (finalAnswer) {
    const inStep = finalAnswer.stepIndex;
    // An answer inside a replaced step now stands in the last corrected step.
    const stepIndex = inStep === undefined || inStep < correction.fromStep ? inStep : steps.length - 1;
    finalAnswer = { ...finalAnswer, value: correction.finalAnswer ?? finalAnswer.value };
    if (stepIndex === undefined) delete finalAnswer.stepIndex;
    else finalAnswer.stepIndex = stepIndex;
  }
  const corrected: Problem = { ...problem, steps, contentKey: '' };
  if (finalAnswer) corrected.finalAnswer = finalAnswer;
  else delete corrected.finalAnswer;
  return { ...corrected, contentKey: contentKey(corrected) };
}

/**
 * What a caller already read, so nothing is read twice: the original's step readings, and the
 * corrected problem of this very correction with its inspection (correctSolution has both).
 */
export interface ReadAlready {
  readings?: StepReading[];
  corrected?: { problem: Problem; inspection: Inspection };
}

export function verifyCorrection(problem: Problem, correction: Correction, read: ReadAlready = {}): CorrectionCheck {
  if (correction.fromStep < 0 || correction.fromStep > problem.steps.length) return { ok: false, reason: 'the correction starts outside the steps' };
  if (correction.steps.length === 0 && correction.finalAnswer === undefined) return { ok: false, reason: 'the correction is empty' };
  const corrected = read.corrected?.problem ?? correctedProblem(problem, correction);
  const inspection = read.corrected?.inspection ?? inspectProblem(corrected);
  const finding = inspection.finding;
  if (finding) {
    return { ok: false, reason: `the corrected solution still has a mistake in step ${finding.stepIndex + 1}: ${finding.explanation}` };
  }
  const final = corrected.finalAnswer && finalAnswerValue(corrected.finalAnswer.value);
  if (!final || !problem.finalAnswer) return { ok: true };
  // When the original answer was the result of the last computation, the corrected answer must
  // be the corrected last result: a fix that stops short of the final answer is not offered.
  const originalFinal = finalAnswerValue(problem.finalAnswer.value);
  const before = lastResult(read.readings ?? problem.steps.map((s) => readStep(s.text)));
  const after = lastResult(inspection.readings);
  if (!originalFinal || !before || !after || !equal(originalFinal.value, before)) return { ok: true };
  const j = judge(after, { value: final.value, decimals: final.decimals, percent: final.percent, repeating: false }, false, false);
  if (equal(final.value, after) || j === 'exact' || j === 'rounded') return { ok: true };
  return { ok: false, reason: `the corrected steps compute ${after.toString()}, but the corrected final answer is ${corrected.finalAnswer!.value}` };
}

/** The written result (a number or a fraction) of the last arithmetic claim that checks out. */
function lastResult(readings: StepReading[]): Exact | undefined {
  for (let s = readings.length - 1; s >= 0; s--) {
    const pairs = pairsOf(readings[s]!);
    for (let p = pairs.length - 1; p >= 0; p--) {
      const pair = pairs[p]!;
      const literal = pair.right.literal;
      const fraction = literal ? undefined : fractionResult(pair);
      if ((!literal && !fraction) || !pair.left.expr || !pair.right.expr || hasVariable(pair.left.expr)) continue;
      if (checkArithmetic(pair, { roundedValues: [] }).status === 'ok') return literal ? literalValue(literal) : fraction!.value;
    }
  }
  return undefined;
}
