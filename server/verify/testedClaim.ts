// A wrong equality the writer states in order to reject it: "2 + 8 = 4 ⇒ 10 = 4, which is false",
// "(15 - 1) * 71 = 999 simplifies to 14 * 71 = 994. Since 994 is less than 999, ...". Substituting
// a guess and showing it fails is a correct step, so such a claim is never flagged.
import type { Pair } from './checkPairs.ts';
import { equal, type Exact } from './math/exact.ts';
import type { StepReading } from './readStep.ts';

/** Words that reject what was just written. */
const REJECTION = /\b(false|contradict\w*|impossible|not possible|absurd|not true|untrue|does not hold|doesn'?t hold|not equal|invalid|fails?|does not work|doesn'?t work|not work|no good|not satisf\w*|not valid|not a solution)\b|≠|\\neq?\b|\\ne\b/i;

/** Relation words that may stand between the two numbers of a comparison ("994 is less than 999"). */
const COMPARISON_WORDS = new Set(['is', 'are', 'not', 'less', 'more', 'greater', 'smaller', 'larger', 'bigger', 'than', 'equal', 'to', 'and', 'vs', 'versus', 'which', 'but']);

/** Whether the text rejects something it states ("..., which is false"). */
export function rejectsClaim(text: string): boolean {
  return REJECTION.test(text);
}

export function writerTestsClaim(reading: StepReading, pair: Pair, value: Exact, written: Exact): boolean {
  if (REJECTION.test(reading.text)) return true;
  // The right value and the written one compared with each other later in the step.
  const tokens = pair.source.tokens;
  for (let k = pair.right.end; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type !== 'num' || tokens[k - 1]?.type === 'op') continue;
    const first = equal(t.value, value) ? written : equal(t.value, written) ? value : undefined;
    if (!first) continue;
    for (let j = k + 1; j < tokens.length && j <= k + 6; j++) {
      const u = tokens[j]!;
      if (u.type === 'num') {
        const after = tokens[j + 1];
        if (equal(u.value, first) && after?.type !== 'op' && after?.type !== 'num') return true;
        break;
      }
      const relation = u.type === 'eq' || (u.type === 'punct' && '<>≠'.includes(u.char)) || (u.type === 'word' && COMPARISON_WORDS.has(u.text.toLowerCase()));
      if (!relation) break;
    }
  }
  return false;
}
