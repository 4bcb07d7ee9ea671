// The prompt template: the instruction line and few-shot examples sent with every request.
// A JSON file can replace the built-in one; its version goes into every cache key and verdict,
// so changing the template never serves answers produced by the old one.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const fewShotExampleSchema = z.object({
  question: z.string().min(1),
  /** The original solution's steps, without `Step k:` labels. */
  steps: z.array(z.string().min(1)).min(1),
  /** What the model should answer, starting with the value after `Incorrect Step:` (e.g. `Step 2.\nExplanation: ...`). */
  answer: z.string().min(1),
});

export const templateFileSchema = z.object({
  /** A name for the template; the content hash is appended to it, so it need not change by hand. */
  version: z.string().min(1).max(64).optional(),
  instruction: z.string().min(1),
  /** Shown as user/assistant pairs before the problem in chat style (completion style sends none, as LeMa was trained). */
  examples: z.array(fewShotExampleSchema).default([]),
});

export type FewShotExample = z.infer<typeof fewShotExampleSchema>;
export type PromptTemplateSource = z.infer<typeof templateFileSchema>;

export interface PromptTemplate extends PromptTemplateSource {
  /** `name-hash8`: goes into cache keys and EngineInfo.templateVersion. */
  templateVersion: string;
}

export const builtinTemplateSource: PromptTemplateSource = {
  version: 'lema-v1',
  instruction:
    'Read the question and its step-by-step solution. Find the first incorrect step, explain what is wrong with it, ' +
    'and write the corrected solution from that step on (a "..." line stands for the unchanged earlier steps). ' +
    'If every step is correct, answer "Incorrect Step: None."',
  examples: [
    {
      question: 'A baker fills 4 trays with 12 muffins each and sells 30 muffins. How many muffins are left?',
      steps: ['The baker makes 4 × 12 = 48 muffins.', 'After selling 30, 48 + 30 = 78 muffins are left.', 'The answer is 78.'],
      answer:
        'Step 2.\nExplanation: Selling muffins takes them away, so the 30 muffins sold must be subtracted from 48, not added.\n' +
        'Correct Solution:\n{\n...\nStep 2: After selling 30, 48 - 30 = 18 muffins are left.\nStep 3: The answer is 18.\n}',
    },
    {
      question: 'Tom reads 15 pages a day for 6 days. How many pages does he read?',
      steps: ['Tom reads 15 × 6 = 90 pages.', 'The answer is 90.'],
      answer: 'None.\nExplanation: Every step is correct.',
    },
  ],
};

export function makeTemplate(source: PromptTemplateSource): PromptTemplate {
  const hash = createHash('sha256').update(JSON.stringify(source)).digest('hex').slice(0, 8);
  return { ...source, templateVersion: `${source.version ?? 'custom'}-${hash}` };
}

export const builtinTemplate: PromptTemplate = makeTemplate(builtinTemplateSource);

/** A template file that cannot be used; the message names the file and what is wrong. */
export class TemplateError extends Error {}

/** Reads and validates a template file; empty path: the built-in template. */
export async function loadTemplate(path: string): Promise<PromptTemplate> {
  if (!path) return builtinTemplate;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TemplateError(`cannot read template file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TemplateError(`template file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = templateFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the file';
    throw new TemplateError(`template file ${path}: ${where}: ${issue?.message ?? 'invalid'} (expected {"instruction": string, "examples"?: [{"question", "steps", "answer"}]})`);
  }
  return makeTemplate(parsed.data);
}
