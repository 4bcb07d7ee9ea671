// The `critic` style's prompts. Locating the step uses ProcessBench's critique prompt (Zheng et
// al. 2024, the prompt its published F1 figures were measured with): the steps tagged
// `<paragraph_i>` from 0, the index of the earliest wrong paragraph (or -1) asked for in
// `\boxed{}`, one user message. The explanation and corrected solution for that step are asked
// in a second request in the LeMa layout, so the critique prompt stays exactly as published.
import { layout, type ChatMessage } from './buildPrompt.ts';
import { LEMA_CORRECTION_INSTRUCTION } from './lemaPrompts.ts';

export function criticMessages(question: string, steps: string[]): ChatMessage[] {
  // As ProcessBench builds it: each paragraph tagged, blank lines between, the whole trimmed.
  const tagged = steps.map((step, i) => `<paragraph_${i}>\n${step}\n</paragraph_${i}>`).join('\n\n').trim();
  const content =
    'The following is a math problem and a solution (split into paragraphs, enclosed with tags and indexed from 0):\n\n' +
    `[Math Problem]\n\n${question}\n\n[Solution]\n\n${tagged}\n\n` +
    'Your task is to review and critique the solution paragraph by paragraph. Once you identify an error in a paragraph, ' +
    'return the index of the paragraph where the earliest error occurs. Otherwise, return the index of -1 (which typically denotes "not found").\n\n' +
    'Please put your final answer (i.e., the index) in \\boxed{}.';
  return [{ role: 'user', content }];
}

/**
 * The index in the last `\boxed{...}` of a critique (reasoning models think at length first; only
 * the last box counts, as in ProcessBench's evaluation). undefined: no box, or not a whole number.
 */
export function readBoxedIndex(text: string): number | undefined {
  const boxes = [...text.matchAll(/\\boxed\{\s*(?:\\text\{\s*)?(-?\d+)\s*\}?\s*\}/g)];
  const last = boxes[boxes.length - 1]?.[1];
  if (last === undefined) return undefined;
  const n = Number(last);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The LeMa-layout request for the explanation and correction of a step the critic located (1-based `step`). */
export function explainMessages(question: string, steps: string[], step: number): ChatMessage[] {
  const lines = [LEMA_CORRECTION_INSTRUCTION, layout(question, steps), `The incorrect step is Step ${step}. Answer in exactly this layout:`];
  lines.push(`Incorrect Step: Step ${step}.`, 'Explanation: <why it is incorrect>', 'Correct Solution:', '{');
  if (step > 1) lines.push('...');
  lines.push(`Step ${step}: <the corrected step>`, '<further corrected steps>', 'Step m: The answer is <answer>.', '}');
  return [{ role: 'user', content: lines.join('\n') }];
}

/** Names the critic's fixed prompts (ProcessBench critique + LeMa-layout explanation); bump on any change to them. */
export const CRITIC_TEMPLATE_VERSION = 'processbench-critic-v1';
