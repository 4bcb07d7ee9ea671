// One verdict per problem from everything the engines said, minus what the person marked correct.
// Ignored steps (`ignore-next-step`) are the engines' and combineVerdicts' business, not this one's.
import { combineVerdicts } from '../engine/combineVerdicts.ts';
import type { Problem } from '../document/types.ts';
import type { Verdict, WrongVerdict } from '../engine/types.ts';
import type { Suppressions } from './suppressions.ts';

export function finalVerdict(
  problem: Problem,
  embedded: Verdict,
  model: Verdict | undefined,
  suppressions: Suppressions,
): WrongVerdict | undefined {
  const verdict = combineVerdicts(embedded, model, problem);
  if (verdict.status !== 'wrong') return undefined;
  if (suppressions.has(problem.contentKey, verdict.stepIndex)) return undefined;
  return verdict;
}
