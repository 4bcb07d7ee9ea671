// The cache key of a problem: a hash of what engines read and nothing else (no positions), so an
// edit in another problem, or lines added above this one, leaves the key unchanged.
import { createHash } from 'node:crypto';

export function contentKey(parts: {
  question: string;
  steps: { text: string; ignored: boolean }[];
  finalAnswer?: { value: string; stepIndex?: number };
}): string {
  const payload = JSON.stringify([
    parts.question,
    parts.steps.map((step) => [step.text, step.ignored]),
    parts.finalAnswer ? [parts.finalAnswer.value, parts.finalAnswer.stepIndex ?? null] : null,
  ]);
  return createHash('sha256').update(payload).digest('hex').slice(0, 16);
}
