// `processbench`: {"problem","steps","label"} as ProcessBench labels solutions: `label` is the
// 0-based index of the earliest wrong step, -1 when every step is correct. Steps include the
// final `The answer is X.` step when the answer was written apart.
// Rule: accepted -> the original solution, label k-1. Rejected -> label -1 only when the record says
// the whole solution is correct (`solutionCorrect`); a plain rejection only clears the flagged step
// and says nothing certain about the others, so it is skipped.
import { z } from 'zod';
import { oneLine, originalSolutionSteps } from '../solutionLayout.ts';
import type { ExportFormatModule } from './types.ts';

export const processbenchSampleSchema = z
  .strictObject({
    problem: z.string(),
    steps: z.array(z.string()).min(1),
    label: z.number().int().min(-1),
  })
  .refine((sample) => sample.label < sample.steps.length, 'label is a step index or -1');
export type ProcessbenchSample = z.infer<typeof processbenchSampleSchema>;

export const processbenchFormat: ExportFormatModule<ProcessbenchSample> = {
  name: 'processbench',
  schema: processbenchSampleSchema,
  samples(record) {
    const steps = originalSolutionSteps(record);
    if (steps.length === 0) return [];
    const problem = oneLine(record.question);
    if (record.action === 'accepted') {
      if (record.incorrectStep > steps.length) return [];
      return [{ problem, steps, label: record.incorrectStep - 1 }];
    }
    return record.solutionCorrect ? [{ problem, steps, label: -1 }] : [];
  },
};
