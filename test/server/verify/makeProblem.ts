// Builds a Problem from step texts for verifier tests (positions are placeholders: the verifier
// works on step texts and reports offsets within them).
import { contentKey } from '../../../server/document/contentKey.ts';
import type { Problem, Range } from '../../../server/document/types.ts';

export interface ProblemOptions {
  question?: string;
  /** The final answer as written, e.g. `18`, `\$18`. */
  finalAnswer?: string;
  /** Index of the step that holds the final answer; undefined: it stands on its own line. */
  finalAnswerStep?: number;
  ignored?: number[];
}

const nowhere: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function makeProblem(steps: string[], options: ProblemOptions = {}): Problem {
  const problem: Omit<Problem, 'contentKey'> = {
    index: 0,
    question: options.question ?? 'A test problem.',
    steps: steps.map((text, index) => ({
      index,
      text,
      range: nowhere,
      fullRange: nowhere,
      ignored: options.ignored?.includes(index) ?? false,
    })),
    ...(options.finalAnswer !== undefined
      ? {
          finalAnswer: {
            value: options.finalAnswer,
            range: nowhere,
            form: 'gsm8k' as const,
            ...(options.finalAnswerStep !== undefined ? { stepIndex: options.finalAnswerStep } : {}),
          },
        }
      : {}),
    style: 'lines',
    range: nowhere,
  };
  return { ...problem, contentKey: contentKey(problem) };
}
