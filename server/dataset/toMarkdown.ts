// Writes dataset records as markdown workbook sections that `parseSolutionDocument` reads back:
// one `##` heading per problem, the question as the first paragraph, then the solution in the
// dataset's own layout (GSM8K lines + `#### X`, ProcessBench `Step k:` paragraphs, MathCheck as is).
import type { Gsm8kRecord, LemaCotRecord, MathCheckOutcomeRecord, MathCheckRecord, ProcessBenchRecord } from './schemas.ts';

export type DatasetName = 'gsm8k' | 'processbench' | 'mathcheck' | 'mathcheck-outcome' | 'lema-cot';

export function gsm8kSection(record: Gsm8kRecord, index: number): string {
  return section(`gsm8k ${index}`, record.question, `Solution:\n${normalise(record.answer)}`);
}

export function processBenchSection(record: ProcessBenchRecord): string {
  const steps = record.steps.map((step, i) => `Step ${i + 1}: ${normalise(step)}`);
  return section(`processbench ${record.id}`, record.problem, steps.join('\n\n'));
}

export function mathCheckSection(record: MathCheckRecord): string {
  return section(`mathcheck ${record.id}`, record.question, normalise(record.solution));
}

export function mathCheckOutcomeSection(record: MathCheckOutcomeRecord): string {
  return section(`mathcheck-outcome ${record.id}`, record.question, normalise(record.solution));
}

/**
 * A LeMa CoT record: the question is cut from the prompt; the completion's sentences become
 * `Step k:` lines and its closing `The answer is N.` the final answer line.
 */
export function lemaCotSection(record: LemaCotRecord, index: number): string {
  const question = /\nQuestion: ([\s\S]*?)\nAnswer:/.exec(record.prompt)?.[1] ?? record.prompt;
  const sentences = splitSentences(normalise(record.completion).replace(/\s+/g, ' '));
  const last = sentences[sentences.length - 1] ?? '';
  const answer = /^The answer is\b/i.test(last) ? sentences.pop() : undefined;
  const steps = sentences.map((s, i) => `Step ${i + 1}: ${s}`);
  return section(`lema-cot ${index}`, question, [...steps, ...(answer ? [answer] : [])].join('\n'));
}

/** Sentences end at `.`, `!` or `?` followed by a space and a capital, digit or `$` (not inside `2.5`). */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z$\d(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function workbookTitle(dataset: DatasetName, source: string): string {
  return `# ${dataset} workbook\n\nImported by \`lema-tutor import ${dataset}\` from \`${source}\`.\n\n`;
}

function section(title: string, question: string, solution: string): string {
  return `## ${oneLine(title)}\n\n${normalise(question)}\n\n${solution}\n\n`;
}

/** Line endings as `\n` and no trailing spaces (a trailing double space is a markdown hard break). */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
