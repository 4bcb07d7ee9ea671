// The correction the embedded verifier offers: the wrong step fixed and its value followed
// (buildCorrection.ts), then every later slip of its own fixed the same way, so what is offered is
// a whole, right solution. Each round checks the corrected solution and fixes its first remaining
// slip; the rounds are bounded by count. The result is verified once more before it is offered.
import type { Problem } from '../document/types.ts';
import type { Correction, RelatedStep } from '../engine/types.ts';
import { buildCorrection } from './buildCorrection.ts';
import type { Finding } from './describeFinding.ts';
import { inspectProblem, type Inspection } from './findMistake.ts';
import type { StepReading } from './readStep.ts';
import { correctedProblem, verifyCorrection } from './verifyCorrection.ts';

/** Later slips fixed at most; a solution with more gets the explanation without a correction. */
const MAX_ROUNDS = 8;

export interface SolutionCorrection {
  correction?: Correction;
  related?: RelatedStep[];
  /** Why there is no correction although the mistake has a fix (plain text, for the person). */
  withheld?: string;
}

const UNCERTAIN = 'a number it would change may also come from the question or from another step';

export function correctSolution(problem: Problem, readings: StepReading[], finding: Finding): SolutionCorrection {
  const first = buildCorrection(problem, readings, finding);
  const related = first.related ? { related: first.related } : {};
  let correction = first.correction;
  if (!correction) return related;
  // A number that may have come from elsewhere makes the correction uncertain: not offered.
  if (first.uncertain) return { ...related, withheld: UNCERTAIN };
  // The last round's clean read of the corrected problem: the final check need not read it again.
  let clean: { problem: Problem; inspection: Inspection } | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const corrected = correctedProblem(problem, correction);
    const inspection = inspectProblem(corrected);
    const slip = inspection.finding;
    if (!slip) {
      clean = { problem: corrected, inspection };
      break;
    }
    const left = `the corrected solution would still have a mistake in step ${slip.stepIndex + 1}`;
    if (slip.stepIndex < correction.fromStep) return { ...related, withheld: left };
    const next = buildCorrection(corrected, inspection.readings, slip);
    if (!next.correction) return { ...related, withheld: left };
    if (next.uncertain) return { ...related, withheld: UNCERTAIN };
    const kept: string[] = corrected.steps.slice(correction.fromStep, slip.stepIndex).map((s) => s.text);
    correction = {
      fromStep: correction.fromStep,
      steps: [...kept, ...next.correction.steps],
      ...(next.correction.finalAnswer !== undefined ? { finalAnswer: next.correction.finalAnswer } : {}),
    };
  }
  const check = verifyCorrection(problem, correction, { readings, ...(clean ? { corrected: clean } : {}) });
  return check.ok ? { correction, ...related } : { ...related, withheld: check.reason };
}
