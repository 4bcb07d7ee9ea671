// The LeMa correction layout, built from a log record. Every export format is made of these
// pieces, so they all agree on step numbering, the `...` rule and the final-answer step:
//
//   Question: ...
//   Original Solution:
//   {
//   Step 1: ...
//   Step n: The answer is X.
//   }
//   Incorrect Step: Step k.
//   Explanation: ...
//   Correct Solution:
//   {
//   ...                        <- stands for the unchanged steps 1..k-1; only when k > 1
//   Step k: ...
//   Step m: The answer is Y.
//   }
import { isAnswerStep } from '../model/parseCorrection.ts';
import { builtinTemplateSource } from '../model/template.ts';
import type { CorrectionRecord } from '../store/record.ts';

/** The instruction line the model engine sends (exports that carry an instruction use the same one). */
export const INSTRUCTION = builtinTemplateSource.instruction;

/** One line per step: a line break inside a step would read as the end of it. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Appends `The answer is X.` when the answer was written apart from the steps (as the model prompt does). */
function withAnswerStep(steps: string[], answer: string | undefined): string[] {
  const lines = steps.map(oneLine);
  const last = lines[lines.length - 1];
  if (answer === undefined || answer.trim() === '' || (last !== undefined && isAnswerStep(last))) return lines;
  return [...lines, `The answer is ${oneLine(answer)}.`];
}

/** The original solution's steps as LeMa numbers them (the answer step included). */
export function originalSolutionSteps(record: CorrectionRecord): string[] {
  return withAnswerStep(record.originalSteps, record.originalAnswer);
}

/** The corrected steps from the incorrect step on (the answer step included), or undefined without a correction. */
function correctedTail(record: CorrectionRecord): string[] | undefined {
  if (!record.correctedSteps || record.correctedSteps.length === 0) return undefined;
  return withAnswerStep(record.correctedSteps, record.correctedAnswer);
}

/** The whole corrected solution: original steps 1..k-1, then the corrected ones. */
export function correctedSolutionSteps(record: CorrectionRecord): string[] | undefined {
  const tail = correctedTail(record);
  if (!tail) return undefined;
  return [...record.originalSteps.slice(0, record.incorrectStep - 1).map(oneLine), ...tail];
}

export function numberedSteps(steps: string[], firstNumber = 1): string[] {
  return steps.map((text, i) => `Step ${firstNumber + i}: ${text}`);
}

/**
 * `Question: ...\nOriginal Solution:\n{\n...\n}`. The question is put on one line, as the model engine
 * sends it; `questionAsWritten` keeps its own line breaks instead, as LeMa's training data does.
 */
export function problemBlock(record: CorrectionRecord, options: { questionAsWritten?: boolean } = {}): string {
  const question = options.questionAsWritten ? record.question.trim() : oneLine(record.question);
  return [`Question: ${question}`, 'Original Solution:', '{', ...numberedSteps(originalSolutionSteps(record)), '}'].join('\n');
}

/** What follows `Incorrect Step:` for an accepted correction: `Step k.\nExplanation: ...\nCorrect Solution:\n{...}`. */
function correctionAnswer(record: CorrectionRecord): string | undefined {
  const tail = correctedTail(record);
  if (!tail) return undefined;
  const k = record.incorrectStep;
  return [
    `Step ${k}.`,
    `Explanation: ${oneLine(record.explanation)}`,
    'Correct Solution:',
    '{',
    ...(k > 1 ? ['...'] : []),
    ...numberedSteps(tail, k),
    '}',
  ].join('\n');
}

/** What follows `Incorrect Step:` for a solution the person marked correct throughout. */
const NO_MISTAKE_ANSWER = 'None.\nExplanation: Every step is correct.';

/**
 * The corrector's target for a record, or undefined when the record teaches nothing certain:
 * accepted with a correction -> the correction; rejected with `solutionCorrect` -> "None.";
 * any other rejection only says the flagged step was fine, not where (or whether) the solution is wrong.
 */
export function correctorTarget(record: CorrectionRecord): string | undefined {
  if (record.action === 'accepted') return correctionAnswer(record);
  return record.solutionCorrect ? NO_MISTAKE_ANSWER : undefined;
}

/** A solution as plain text, one `Step i: ...` per line (for preference pairs). */
export function solutionText(steps: string[]): string {
  return numberedSteps(steps).join('\n');
}
