// Every corrected solution a model writes is run through the embedded verifier before it is
// offered, on the problem as it reads once the correction is applied (verifyCorrection.ts's
// correctedProblem, the same one the verifier's own corrections are checked on). A slip the
// verifier proves in it is repaired with the verifier's own correction, a bounded number of times.
import type { Problem } from '../document/types.ts';
import type { Correction } from '../engine/types.ts';
import { EmbeddedEngine } from '../verify/embeddedEngine.ts';
import { correctedProblem } from '../verify/verifyCorrection.ts';

export type CheckedCorrection =
  /** Nothing provably wrong in it (the verifier may have repaired a slip: `repaired` says which). */
  | { status: 'ok'; correction: Correction; repaired?: string }
  /** A provable slip that the verifier's recomputation does not make consistent: not offered. */
  | { status: 'withheld'; reason: string };

const verifier = new EmbeddedEngine();
/** Repairs tried in a row; each fixes the first slip left. Bounded so a pathological text cannot loop. */
const MAX_REPAIRS = 3;

/** A correction that states no final answer is not held to the original's. */
function applied(problem: Problem, correction: Correction): Problem {
  if (correction.finalAnswer !== undefined || !problem.finalAnswer) return correctedProblem(problem, correction);
  const { finalAnswer: _dropped, ...withoutAnswer } = problem;
  return correctedProblem(withoutAnswer, correction);
}

export function checkModelCorrection(problem: Problem, correction: Correction): CheckedCorrection {
  let current = correction;
  let repaired: string | undefined;
  for (let attempt = 0; attempt <= MAX_REPAIRS; attempt++) {
    const verdict = verifier.checkSync(applied(problem, current));
    // A slip before the corrected part is the original's, not the correction's: combineVerdicts deals with it.
    if (verdict.status !== 'wrong' || verdict.stepIndex < current.fromStep) {
      return { status: 'ok', correction: current, ...(repaired ? { repaired } : {}) };
    }
    const where = `step ${verdict.stepIndex + 1} of the corrected solution`;
    const fix = verdict.correction;
    if (!fix || fix.fromStep < current.fromStep || attempt === MAX_REPAIRS) {
      return { status: 'withheld', reason: `The model's corrected solution is not offered: the verifier proves a slip in ${where}: ${verdict.explanation}` };
    }
    const offset = fix.fromStep - current.fromStep;
    const finalAnswer = fix.finalAnswer ?? current.finalAnswer;
    current = {
      fromStep: current.fromStep,
      steps: [...current.steps.slice(0, offset), ...fix.steps],
      ...(finalAnswer ? { finalAnswer } : {}),
    };
    repaired ??= `The verifier repaired a slip in ${where}: ${verdict.explanation}`;
  }
  return { status: 'withheld', reason: "The model's corrected solution is not offered: the verifier could not make it consistent." };
}
