// `trl-sft`: TRL's standard prompt-completion format ({"prompt","completion"} strings; SFTTrainer
// trains on the completion only). Unlike `lema`, the prompt starts with the instruction line,
// exactly as the model engine's completion-style request sends it, so a model tuned on this
// export answers the prompts this extension sends.
import { z } from 'zod';
import { INSTRUCTION, problemBlock } from '../solutionLayout.ts';
import { correctorFormat } from './correctorFormat.ts';

export const trlSftSampleSchema = z.strictObject({
  prompt: z.string().min(1).endsWith('\nIncorrect Step:'),
  completion: z.string().regex(/^ (?:Step \d+\.|None\.)\nExplanation: /),
});
export type TrlSftSample = z.infer<typeof trlSftSampleSchema>;

export const trlSftFormat = correctorFormat<TrlSftSample>('trl-sft', trlSftSampleSchema, (record, target) => ({
  prompt: `${INSTRUCTION}\n${problemBlock(record)}\nIncorrect Step:`,
  completion: ` ${target}`,
}));
