// Labelled datasets as Problems, and the metrics `lema-tutor eval` prints.
// ProcessBench labels are 0-based step indices (-1: no mistake); MathCheck names `Step k` (1-based,
// every item has a mistake). Predictions use the same 0-based index, -1 for "no mistake found".
import { contentKey } from '../document/contentKey.ts';
import type { Problem, Range } from '../document/types.ts';
import { findAnswerInStep } from '../document/labels.ts';

const nowhere: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A Problem built from a question and step texts (no document: ranges are empty). */
export function problemFromSteps(index: number, question: string, stepTexts: string[]): Problem {
  const steps = stepTexts.map((text, i) => ({ index: i, text, range: nowhere, fullRange: nowhere, ignored: false }));
  return { index, question, steps, style: 'labelled', range: nowhere, contentKey: contentKey({ question, steps }) };
}

/** MathCheck `solution`: `Step k:` at line starts; a step may run over several lines. */
export function splitMathCheckSolution(solution: string): string[] {
  const parts = solution.split(/^\s*Step\s+\d+\s*[:.]\s*/im);
  const steps = parts.slice(1).map((part) => part.trim()).filter((part) => part.length > 0);
  return steps.length > 0 ? steps : [solution.trim()];
}

export interface Prediction {
  label: number;
  predicted: number;
}

export interface ProcessBenchMetrics {
  /** Percent of wrong solutions whose first wrong step was found exactly. */
  accuracyWrong: number;
  /** Percent of correct solutions with nothing flagged. */
  accuracyCorrect: number;
  /** Harmonic mean of the two, in percent. */
  f1: number;
  wrongCount: number;
  correctCount: number;
}

export function processBenchMetrics(predictions: Prediction[]): ProcessBenchMetrics {
  const wrong = predictions.filter((p) => p.label >= 0);
  const correct = predictions.filter((p) => p.label < 0);
  const accuracyWrong = percent(wrong.filter((p) => p.predicted === p.label).length, wrong.length);
  const accuracyCorrect = percent(correct.filter((p) => p.predicted < 0).length, correct.length);
  const f1 = accuracyWrong + accuracyCorrect === 0 ? 0 : (2 * accuracyWrong * accuracyCorrect) / (accuracyWrong + accuracyCorrect);
  return { accuracyWrong, accuracyCorrect, f1, wrongCount: wrong.length, correctCount: correct.length };
}

/** Percent of items whose first wrong step was named exactly. */
export function exactMatch(predictions: Prediction[]): number {
  return percent(predictions.filter((p) => p.predicted === p.label).length, predictions.length);
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (100 * part) / whole;
}

/**
 * The problem with the final answer its last step states (`\boxed{X}`, `The answer is X`), as the
 * document parser would read it: the `lema` style compares the model's own answer with it. Only the
 * model engine gets this copy; the verifier's figures stay those of the steps alone.
 */
export function withStatedAnswer(problem: Problem): Problem {
  if (problem.finalAnswer) return problem;
  const last = problem.steps[problem.steps.length - 1];
  if (!last) return problem;
  const found = findAnswerInStep(last.text);
  if (!found) return problem;
  const value = last.text.slice(found.start, found.end);
  return { ...problem, finalAnswer: { value, range: nowhere, form: found.form, stepIndex: last.index } };
}
