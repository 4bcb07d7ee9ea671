// Plausible LeMa answers for any prompt, for the demo endpoint and benchmarks: the first step with
// a wrong `a op b = c` is flagged and corrected (later results that depended on it are carried
// through); a solution without such a slip gets `None.` It stands in for a real model, no more.
import type { Answerer } from './openaiTestServer.ts';

interface Slip {
  step: number;
  explanation: string;
  corrected: string[];
}

const NUMBER = String.raw`\$?\d[\d,]*(?:\.\d+)?`;
const CLAIM = new RegExp(String.raw`(${NUMBER})\s*([+\-−×x*\/÷])\s*(${NUMBER})\s*=\s*(${NUMBER})`, 'g');

function value(text: string): number {
  return Number(text.replace(/[$,]/g, ''));
}

function format(n: number, like: string): string {
  const rounded = Math.round(n * 1e6) / 1e6;
  const body = like.includes(',') ? rounded.toLocaleString('en-US') : String(rounded);
  return like.startsWith('$') ? `$${body}` : body;
}

function compute(a: number, op: string, b: number): number | undefined {
  if (op === '+') return a + b;
  if (op === '-' || op === '−') return a - b;
  if (op === '×' || op === 'x' || op === '*') return a * b;
  if (b === 0) return undefined;
  return a / b;
}

/** The steps of the last `Original Solution: { ... }` block of a prompt. */
export function promptStepsOf(prompt: string): string[] {
  const start = prompt.lastIndexOf('Original Solution:');
  const rest = start >= 0 ? prompt.slice(start) : prompt;
  // The block ends at its closing brace (the critic's explanation request shows a layout after it).
  const end = rest.indexOf('\n}');
  const block = end >= 0 ? rest.slice(0, end) : rest;
  return [...block.matchAll(/^Step \d+: (.*)$/gm)].map((m) => m[1] ?? '');
}

/** Recomputes `a op b = c` claims in a step, replacing values that changed earlier. */
function fixStep(text: string, changed: Map<string, string>): { text: string; slip?: string } {
  let slip: string | undefined;
  let fixed = text;
  for (const [old, replacement] of changed) fixed = fixed.split(old).join(replacement);
  fixed = fixed.replace(CLAIM, (whole, a: string, op: string, b: string, c: string) => {
    const result = compute(value(a), op, value(b));
    if (result === undefined || Math.abs(result - value(c)) < 1e-6 * Math.max(1, Math.abs(result))) return whole;
    const right = format(result, c);
    slip ??= `${a} ${op} ${b} is ${right}, not ${c}.`;
    changed.set(c.replace(/^\$/, ''), right.replace(/^\$/, ''));
    return whole.slice(0, whole.length - c.length) + right;
  });
  return slip ? { text: fixed, slip } : { text: fixed };
}

export function findSlip(steps: string[]): Slip | undefined {
  const changed = new Map<string, string>();
  let slip: Slip | undefined;
  steps.forEach((text, i) => {
    if (slip) {
      slip.corrected.push(fixStep(text, changed).text);
      return;
    }
    const checked = fixStep(text, changed);
    if (checked.slip) slip = { step: i + 1, explanation: `The computation in this step is off: ${checked.slip}`, corrected: [checked.text] };
  });
  return slip;
}

/**
 * Reasoning mistakes in `examples/homework.md` that no arithmetic check can see, answered as a
 * LeMa-tuned model would: what the demo shows that the embedded verifier cannot.
 */
const scripted: { question: RegExp; step: RegExp; answer: string }[] = [
  {
    question: /A bus has 12 rows with 4 seats in each row/,
    // Keyed on the wrong step too: once the correction is applied, the solution is right and gets None.
    step: /^Step 1: .*12 \+ 4 = 16/m,
    answer: [
      ' Step 1.',
      'Explanation: The bus has 12 rows of 4 seats, so the number of seats is 12 × 4 = 48; adding the rows to the seats per row does not count the seats.',
      'Correct Solution:',
      '{',
      'Step 1: The bus has 12 × 4 = 48 seats.',
      'Step 2: There are 48 − 10 = 38 empty seats.',
      'Step 3: The answer is 38.',
      '}',
    ].join('\n'),
  },
];

/** The answer text in the LeMa layout, starting after `Incorrect Step:`. */
export function demoAnswer(prompt: string): string {
  const known = scripted.find((entry) => entry.question.test(prompt) && entry.step.test(prompt.slice(prompt.lastIndexOf('Original Solution:'))));
  if (known) return known.answer;
  const slip = findSlip(promptStepsOf(prompt));
  if (!slip) return ' None.\nExplanation: Every step follows from the question and the steps before it.';
  const lines = [` Step ${slip.step}.`, `Explanation: ${slip.explanation}`, 'Correct Solution:', '{'];
  if (slip.step > 1) lines.push('...');
  slip.corrected.forEach((text, i) => lines.push(`Step ${slip.step + i}: ${text}`));
  lines.push('}');
  return lines.join('\n');
}

/** An Answerer for OpenAITestServer: completion answers start after the label, chat ones carry it. */
export const demoAnswerer: Answerer = (prompt, request) => {
  const answer = demoAnswer(prompt);
  return request.path === '/v1/chat/completions' ? `Incorrect Step:${answer}` : answer;
};

/** What a scripted model knows beyond the prompt: how it solves a question itself (lema, phase 1). */
export interface StyleScript {
  /** The model's own chain-of-thought solution, ending `The answer is X.`; default: the answer the demo correction reaches. */
  solve?: (question: string) => string | undefined;
  /** The steps of a question's solution as the document has them (lets the default `solve` work it out). */
  stepsOf?: (question: string) => string[] | undefined;
}

const SOLVE_PREFIX = 'Please solve the following math problem.\nQuestion: ';
const CRITIC_PREFIX = 'The following is a math problem and a solution (split into paragraphs';

/** The paragraphs of a ProcessBench critique prompt. */
export function criticParagraphsOf(prompt: string): string[] {
  return [...prompt.matchAll(/<paragraph_(\d+)>\n([\s\S]*?)\n<\/paragraph_\1>/g)].map((m) => m[2] ?? '');
}

/** The last number a solution states, for the default solver. */
function statedAnswer(steps: string[]): string | undefined {
  const last = steps[steps.length - 1] ?? '';
  return /(-?\$?\d[\d,]*(?:\.\d+)?)(?!.*\d)/.exec(last)?.[1]?.replace(/^\$/, '');
}

/**
 * An Answerer for every request style: LeMa's solve prompt gets a chain of thought ending
 * `The answer is X.`; the correction prompts (ours, LeMa's Fig. 6, the critic's explanation
 * request) get the demo correction; ProcessBench's critique prompt gets reasoning and `\boxed{i}`.
 */
export function styleAnswerer(script: StyleScript = {}): Answerer {
  return (prompt, request) => {
    if (prompt.startsWith(SOLVE_PREFIX)) {
      const question = prompt.slice(SOLVE_PREFIX.length).split('\nAnswer: ')[0] ?? '';
      const own = script.solve?.(question);
      if (own !== undefined) return own;
      const known = scripted.find((entry) => entry.question.test(question));
      const knownAnswer = known && /The answer is ([^.\n]+)\./.exec(known.answer)?.[1];
      if (knownAnswer) return `Let me work through it step by step. The answer is ${knownAnswer}.`;
      const steps = script.stepsOf?.(question);
      if (!steps) return 'I cannot tell. The answer is unknown.';
      const slip = findSlip(steps);
      const answer = statedAnswer(slip ? [...steps.slice(0, slip.step - 1), ...slip.corrected] : steps);
      return `Let me work through it step by step. The answer is ${answer ?? 'unknown'}.`;
    }
    if (prompt.startsWith(CRITIC_PREFIX)) {
      const paragraphs = criticParagraphsOf(prompt);
      const known = scripted.find((entry) => entry.question.test(prompt));
      const knownStep = known && Number(/^ Step (\d+)\./.exec(known.answer)?.[1]);
      const slip = findSlip(paragraphs);
      const index = knownStep ? knownStep - 1 : slip ? slip.step - 1 : -1;
      return `Let me check each paragraph in turn.\n${paragraphs.map((_, i) => `Paragraph ${i}: ${i === index ? 'this is where it goes wrong.' : 'fine.'}`).join('\n')}\n\nThe earliest error is in paragraph ${index}.\n\n\\boxed{${index}}`;
    }
    return demoAnswerer(prompt, request);
  };
}
