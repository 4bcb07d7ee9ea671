// `lema`: {"prompt","completion"} exactly as LeMa's models were trained: no instruction line, no chat
// template, the question keeps its own line breaks, the prompt ends at `Incorrect Step:` and the
// completion starts with ` Step k.`.
import { z } from 'zod';
import { problemBlock } from '../solutionLayout.ts';
import { correctorFormat } from './correctorFormat.ts';

export const lemaSampleSchema = z.strictObject({
  prompt: z.string().regex(/^Question: [\s\S]*?\nOriginal Solution:\n\{\n(?:Step \d+: [^\n]*\n)+\}\nIncorrect Step:$/),
  completion: z.string().regex(/^ (?:Step \d+\.\nExplanation: [^\n]*\nCorrect Solution:\n\{\n(?:\.\.\.\n)?(?:Step \d+: [^\n]*\n)+\}|None\.\nExplanation: [^\n]*)$/),
});
export type LemaSample = z.infer<typeof lemaSampleSchema>;

export const lemaFormat = correctorFormat<LemaSample>('lema', lemaSampleSchema, (record, target) => ({
  prompt: `${problemBlock(record, { questionAsWritten: true })}\nIncorrect Step:`,
  completion: ` ${target}`,
}));
