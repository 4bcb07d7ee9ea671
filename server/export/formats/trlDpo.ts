// `trl-dpo`: TRL's standard preference format {"prompt","chosen","rejected"} (strings), to teach a
// solver to prefer the right solution. The prompt is the question; the solutions are written as
// `Step i: ...` lines ending with `The answer is X.`.
//  - accepted: chosen = the corrected solution, rejected = the original one.
//  - rejected (the person said the flagged step is correct) with the engine's proposed correction:
//    chosen = the original solution, rejected = the proposed one. Without a proposal: skipped.
import { z } from 'zod';
import { correctedSolutionSteps, oneLine, originalSolutionSteps, solutionText } from '../solutionLayout.ts';
import type { ExportFormatModule } from './types.ts';

export const trlDpoSampleSchema = z
  .strictObject({
    prompt: z.string().regex(/^Question: [^\n]*\nSolution:\n$/),
    chosen: z.string().startsWith('Step 1: '),
    rejected: z.string().startsWith('Step 1: '),
  })
  .refine((sample) => sample.chosen !== sample.rejected, 'chosen and rejected differ');
export type TrlDpoSample = z.infer<typeof trlDpoSampleSchema>;

export const trlDpoFormat: ExportFormatModule<TrlDpoSample> = {
  name: 'trl-dpo',
  schema: trlDpoSampleSchema,
  samples(record) {
    const corrected = correctedSolutionSteps(record);
    if (!corrected) return [];
    const original = solutionText(originalSolutionSteps(record));
    const fixed = solutionText(corrected);
    if (original === fixed) return [];
    const prompt = `Question: ${oneLine(record.question)}\nSolution:\n`;
    return record.action === 'accepted'
      ? [{ prompt, chosen: fixed, rejected: original }]
      : [{ prompt, chosen: original, rejected: fixed }];
  },
};
