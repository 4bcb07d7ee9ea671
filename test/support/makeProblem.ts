// Builds Problems directly (no parser) for engine tests. Ranges are made up but consistent:
// the question on line 0, step i on line i + 1, the final answer on the line after the steps.
import { contentKey } from '../../server/document/contentKey.ts';
import type { FinalAnswer, Problem, Range } from '../../server/document/types.ts';

function lineRange(line: number, length: number): Range {
  return { start: { line, character: 0 }, end: { line, character: length } };
}

export interface ProblemSpec {
  question: string;
  steps: string[];
  /** A final answer on its own line (`The answer is X.` is then added to the prompt). */
  answer?: string;
  index?: number;
  ignored?: number[];
}

export function makeProblem(spec: ProblemSpec): Problem {
  const steps = spec.steps.map((text, index) => ({
    index,
    text,
    range: lineRange(index + 1, text.length),
    fullRange: lineRange(index + 1, text.length + 4),
    ignored: spec.ignored?.includes(index) ?? false,
  }));
  const finalAnswer: FinalAnswer | undefined =
    spec.answer === undefined
      ? undefined
      : { value: spec.answer, range: lineRange(steps.length + 1, spec.answer.length), form: 'answer-label' };
  return {
    index: spec.index ?? 0,
    question: spec.question,
    steps,
    ...(finalAnswer ? { finalAnswer } : {}),
    style: 'ordered-list',
    range: lineRange(0, 1),
    // The key the parser gives (ignored flags included), so caches see what they see in production.
    contentKey: contentKey({ question: spec.question, steps, ...(finalAnswer ? { finalAnswer } : {}) }),
  };
}

/** A two-step problem whose second step is wrong (48 + 30 instead of 48 - 30). */
export const muffins = (index = 0): Problem =>
  makeProblem({
    index,
    question: 'A baker fills 4 trays with 12 muffins each and sells 30 muffins. How many muffins are left?',
    steps: ['The baker makes 4 × 12 = 48 muffins.', 'After selling 30, 48 + 30 = 78 muffins are left.'],
    answer: '78',
  });

export const MUFFINS_ANSWER =
  ' Step 2.\nExplanation: Selling muffins takes them away, so 30 must be subtracted from 48.\nCorrect Solution:\n{\n...\nStep 2: After selling 30, 48 - 30 = 18 muffins are left.\nStep 3: The answer is 18.\n}\n';
