// The formats that teach the corrector (lema, trl-sft, openai-chat, alpaca) take the same records:
// one sample per record that has a corrector target (see correctorTarget), none for the others.
// They differ only in how the problem and the target are laid out in a sample.
import type { z } from 'zod';
import type { ExportFormat } from '../../protocol.ts';
import type { CorrectionRecord } from '../../store/record.ts';
import { correctorTarget } from '../solutionLayout.ts';
import type { ExportFormatModule } from './types.ts';

export function correctorFormat<Sample>(
  name: ExportFormat,
  schema: z.ZodType<Sample>,
  /** `target` is what follows `Incorrect Step:` (`Step k.\n...` or `None.\n...`). */
  sample: (record: CorrectionRecord, target: string) => Sample,
): ExportFormatModule<Sample> {
  return {
    name,
    schema,
    samples(record) {
      const target = correctorTarget(record);
      return target === undefined ? [] : [sample(record, target)];
    },
  };
}
