/**
 * One verdict from the two engines. The embedded verifier proves things; the model judges reasoning.
 *
 * 1. A proven slip wins when it is at or before the model's step: a proof outranks a judgement, and the
 *    first wrong step is what counts. The model answering 'correct' never hides a proven slip.
 * 2. The model may flag an EARLIER step than the verifier's slip (a misread quantity, a wrong operation:
 *    arithmetic can be right and the reasoning wrong). Its verdict wins; the verifier's slip rides along
 *    as related information.
 * 3. A proof that the arithmetic is right does not stop the model from flagging a step's reasoning, but the
 *    model never turns it into a computation claim: when the verifier proved everything right, a model
 *    'final-answer' flag is reported as 'reasoning'.
 * 4. With no mistake from either: the verifier's 'correct' (a proof) first, then the model's 'correct',
 *    then 'unknown'.
 *
 * A model verdict on a step the person marked to ignore counts as no model verdict, so it cannot mask a
 * slip the verifier found later on (pass `problem`). Every verdict keeps the engine that produced it.
 */
import type { Problem } from '../document/types.ts';
import type { Verdict, WrongVerdict } from './types.ts';

export function combineVerdicts(embedded: Verdict, model?: Verdict, problem?: Problem): Verdict {
  const modelWrong = model?.status === 'wrong' && !problem?.steps[model.stepIndex]?.ignored ? model : undefined;

  if (embedded.status === 'wrong') {
    if (!modelWrong || modelWrong.stepIndex >= embedded.stepIndex) return embedded; // rule 1
    return withRelated(modelWrong, embedded); // rule 2
  }
  if (modelWrong) {
    if (embedded.status === 'correct' && modelWrong.kind !== 'reasoning') return { ...modelWrong, kind: 'reasoning' }; // rule 3
    return modelWrong;
  }
  if (embedded.status === 'correct') return embedded; // rule 4
  if (model?.status === 'correct') return model;
  return embedded;
}

function withRelated(model: WrongVerdict, embedded: WrongVerdict): WrongVerdict {
  const note = { stepIndex: embedded.stepIndex, message: `Also wrong: ${embedded.explanation} (embedded verifier)` };
  return { ...model, related: [...(model.related ?? []), note] };
}
