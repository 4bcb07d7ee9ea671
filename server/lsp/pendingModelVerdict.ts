import type { EngineInfo, Verdict, WrongVerdict } from '../engine/types.ts';

// Placeholders are recognised by identity, not by their text: a real explanation may say anything.
const placeholders = new WeakSet<Verdict>();

/**
 * The model has named the wrong step and is still writing why. Shown at once (the point of
 * streaming); replaced when the whole answer has arrived, or dropped if it cannot be parsed.
 */
export function pendingModelVerdict(engine: Extract<EngineInfo, { kind: 'model' }>, stepIndex: number): WrongVerdict {
  const verdict: WrongVerdict = {
    status: 'wrong',
    engine,
    stepIndex,
    kind: 'reasoning',
    explanation: `The model flagged step ${stepIndex + 1} and is still writing its explanation.`,
    hint: `The model flagged step ${stepIndex + 1} and is still writing its explanation.`,
  };
  placeholders.add(verdict);
  return verdict;
}

/** True for a "still writing" placeholder: a judgement not yet made, which never outranks a proof. */
export function isPendingModelVerdict(verdict: Verdict | undefined): boolean {
  return verdict !== undefined && placeholders.has(verdict);
}
