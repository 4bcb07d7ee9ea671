import type { EngineInfo, WrongVerdict } from '../engine/types.ts';

/**
 * The model has named the wrong step and is still writing why. Shown at once (the point of
 * streaming); replaced when the whole answer has arrived, or dropped if it cannot be parsed.
 */
export function pendingModelVerdict(engine: Extract<EngineInfo, { kind: 'model' }>, stepIndex: number): WrongVerdict {
  return {
    status: 'wrong',
    engine,
    stepIndex,
    kind: 'reasoning',
    explanation: `The model flagged step ${stepIndex + 1} and is still writing its explanation.`,
    hint: `The model flagged step ${stepIndex + 1} and is still writing its explanation.`,
  };
}
