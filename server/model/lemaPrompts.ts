// LeMa's own prompts, byte for byte, for the `lema` style (see README "The model engine").
// LeMa checkpoints were trained on two kinds of record: chain-of-thought solutions (the prompt
// below, completion ending `The answer is X.`) and corrections of wrong solutions (Fig. 6 of the
// paper: the instruction below, then the question and the steps in the LeMa layout, ending at
// `Incorrect Step:`). They were never taught to answer "no mistake", so the `lema` style asks the
// correction only when the model's own solution disagrees with the document's answer.
import { makeTemplate, type PromptTemplate } from './template.ts';

/** The instruction of LeMa's correction records (Fig. 6). */
export const LEMA_CORRECTION_INSTRUCTION =
  'For the following math problem, the original solution is incorrect. Please identify the incorrect step, ' +
  'explain why it is incorrect, and correct the original solution starting from the incorrect step.';

/** The correction prompt as a template: no few-shot examples (LeMa was trained without). */
export const lemaCorrectionTemplate: PromptTemplate = makeTemplate({ version: 'lema-fig6', instruction: LEMA_CORRECTION_INSTRUCTION, examples: [] });

/**
 * LeMa's chain-of-thought prompt (its GSM8K test records carry exactly this text). The question's
 * runs of white space become one space, as in LeMa's own records: built from the GSM8K questions
 * this way, 1,316 of its 1,319 test prompts match byte for byte (collapsing only line breaks: 983).
 */
export function lemaSolvePrompt(question: string): string {
  return `Please solve the following math problem.\nQuestion: ${question.replace(/\s+/g, ' ').trim()}\nAnswer: Let's think step by step.\n`;
}

/** Where a solution ends: LeMa's evaluation cut completions at the next question. */
export const SOLVE_STOP_SEQUENCES = ['\n\nQuestion:', '\n\nQ:', '\n\n\n'];
