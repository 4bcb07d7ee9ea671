// One verdict per problem from everything the engines said, minus what the person marked correct.
// Ignored steps (`ignore-next-step`) are the engines' and combineVerdicts' business, not this one's.
import { combineVerdicts } from '../engine/combineVerdicts.ts';
import type { Problem } from '../document/types.ts';
import type { Verdict, WrongVerdict } from '../engine/types.ts';
import type { Settings } from '../settings.ts';
import { isPendingModelVerdict } from './pendingModelVerdict.ts';
import type { Suppressions } from './suppressions.ts';

export function finalVerdict(
  problem: Problem,
  embedded: Verdict,
  model: Verdict | undefined,
  suppressions: Suppressions,
  engines: Settings['engine'] = 'both',
): WrongVerdict | undefined {
  // `engine: "model"` is the model alone: the verifier's verdict does not count at all.
  const proof: Verdict = engines === 'model' ? { status: 'unknown', engine: embedded.engine } : embedded;
  // A "still writing" placeholder is no verdict yet: it shows where nothing is proven, never over a proof.
  // `engine: "embedded"`: whatever the model said before the switch does not count either.
  const judgement = engines === 'embedded' || (isPendingModelVerdict(model) && proof.status === 'wrong') ? undefined : model;
  const verdict = combineVerdicts(proof, judgement, problem);
  if (verdict.status !== 'wrong') return undefined;
  if (suppressions.has(problem.contentKey, verdict.stepIndex)) return undefined;
  return verdict;
}
