// What one export format provides: the samples a record becomes, and the zod schema of a sample.
import type { z } from 'zod';
import type { ExportFormat } from '../../protocol.ts';
import type { CorrectionRecord } from '../../store/record.ts';

export interface ExportFormatModule<Sample = unknown> {
  name: ExportFormat;
  /** The samples of one record; empty when the format cannot represent it (counted as skipped). */
  samples(record: CorrectionRecord): Sample[];
  /** The shape of one output line. */
  schema: z.ZodType<Sample>;
}
