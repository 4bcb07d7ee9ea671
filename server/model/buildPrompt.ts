// Turns a Problem into the LeMa layout the model was trained on:
//   <instruction>
//   Question: ...
//   Original Solution:
//   {
//   Step 1: ...
//   Step n: The answer is X.
//   }
//   Incorrect Step:
// Completion style sends this text as is; chat style sends it (without the trailing label) as a
// user message after the template's few-shot pairs, and the model answers from `Incorrect Step:`.
import type { Problem } from '../document/types.ts';
import type { FewShotExample, PromptTemplate } from './template.ts';

/** Keeps the model from running on into a new question or blank space. */
export const STOP_SEQUENCES = ['\nQuestion:', '\n\n\n', '\nOriginal Solution:'];

export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export interface PromptSteps {
  /** The step texts sent, one line each. */
  steps: string[];
  /** True when the last sent step is `The answer is X.` made from a final answer on its own line. */
  syntheticAnswerStep: boolean;
}

/** One line per step: line breaks inside a step would read as the end of it. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export function promptSteps(problem: Problem): PromptSteps {
  const steps = problem.steps.map((step) => oneLine(step.text));
  const answer = problem.finalAnswer;
  if (answer && answer.stepIndex === undefined) {
    return { steps: [...steps, `The answer is ${oneLine(answer.value)}.`], syntheticAnswerStep: true };
  }
  return { steps, syntheticAnswerStep: false };
}

/** The LeMa layout of a problem: `Question:`, `Original Solution:` and one `Step k:` line per step in braces. */
export function layout(question: string, steps: string[]): string {
  const lines = [`Question: ${oneLine(question)}`, 'Original Solution:', '{'];
  steps.forEach((text, i) => lines.push(`Step ${i + 1}: ${text}`));
  lines.push('}');
  return lines.join('\n');
}

/** `steps`: promptSteps(problem).steps, computed once by the caller (it also needs syntheticAnswerStep). */
export function completionPrompt(question: string, steps: string[], template: PromptTemplate): string {
  return `${template.instruction}\n${layout(question, steps)}\nIncorrect Step:`;
}

function exampleMessages(example: FewShotExample, instruction: string): ChatMessage[] {
  return [
    { role: 'user', content: `${instruction}\n${layout(example.question, example.steps)}` },
    { role: 'assistant', content: `Incorrect Step: ${example.answer}` },
  ];
}

export function chatMessages(question: string, steps: string[], template: PromptTemplate): ChatMessage[] {
  return [
    ...template.examples.flatMap((example) => exampleMessages(example, template.instruction)),
    { role: 'user', content: `${template.instruction}\n${layout(question, steps)}` },
  ];
}
