// `alpaca`: {"instruction","input","output"} for LLaMA-Factory (and other Alpaca-style trainers).
// LLaMA-Factory also needs a `dataset_info.json` entry naming the file: see datasetInfo.ts.
import { z } from 'zod';
import { INSTRUCTION, problemBlock } from '../solutionLayout.ts';
import { correctorFormat } from './correctorFormat.ts';

export const alpacaSampleSchema = z.strictObject({
  instruction: z.string().min(1),
  input: z.string().startsWith('Question: '),
  output: z.string().startsWith('Incorrect Step: '),
});
export type AlpacaSample = z.infer<typeof alpacaSampleSchema>;

export const alpacaFormat = correctorFormat<AlpacaSample>('alpaca', alpacaSampleSchema, (record, target) => ({
  instruction: INSTRUCTION,
  input: problemBlock(record),
  output: `Incorrect Step: ${target}`,
}));
