// zod schemas of what engines return, for everything that reads an engine's output back across a
// boundary: the verdict cache on disk and the code actions' command arguments. Bounded, since both
// are outside input.
import { z } from 'zod';
import { MISTAKE_KINDS, MODEL_STYLES } from './types.ts';

/** Which engine found a mistake (never a key or a URL with credentials: the host only). */
export const engineInfoSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded') }),
  z.object({
    kind: z.literal('model'),
    model: z.string().max(1000),
    style: z.enum(MODEL_STYLES),
    templateVersion: z.string().max(1000),
    host: z.string().max(1000),
  }),
]);

export const mistakeKindSchema = z.enum(MISTAKE_KINDS);
