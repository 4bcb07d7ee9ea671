// The arguments of the code actions' commands. The recording commands carry the problem and the
// verdict as they were when the action was computed: applying a correction changes the text, and
// the server may re-check it before the command arrives, so nothing may be looked up again then.
import type { Problem } from '../document/types.ts';
import type { WrongVerdict } from '../engine/types.ts';
import type { CorrectionCommandArgs, RecordCommandArgs } from '../protocol.ts';

export function commandArgs(uri: string, version: number, problem: Problem): CorrectionCommandArgs {
  return { uri, version, problemIndex: problem.index, contentKey: problem.contentKey };
}

/** Only what a record reads: no ranges, hints or related steps. */
export function recordCommandArgs(uri: string, version: number, problem: Problem, verdict: WrongVerdict): RecordCommandArgs {
  const { stepIndex, kind, explanation, engine, correction } = verdict;
  return {
    ...commandArgs(uri, version, problem),
    problem: {
      question: problem.question,
      steps: problem.steps.map((step) => ({ text: step.text })),
      ...(problem.finalAnswer ? { finalAnswer: { value: problem.finalAnswer.value } } : {}),
    },
    verdict: {
      stepIndex,
      kind,
      explanation,
      engine,
      ...(correction
        ? {
            correction: {
              fromStep: correction.fromStep,
              steps: [...correction.steps],
              ...(correction.finalAnswer !== undefined ? { finalAnswer: correction.finalAnswer } : {}),
            },
          }
        : {}),
    },
  };
}
