// zod schema of a Verdict, for verdicts read back from disk (a file is outside input: never trusted).
import { z } from 'zod';
import { engineInfoSchema, mistakeKindSchema } from '../engine/engineSchemas.ts';
import type { Verdict } from '../engine/types.ts';

const correctionSchema = z.object({
  fromStep: z.number().int().nonnegative(),
  steps: z.array(z.string()),
  finalAnswer: z.string().optional(),
});

export const verdictSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('wrong'),
    engine: engineInfoSchema,
    stepIndex: z.number().int().nonnegative(),
    kind: mistakeKindSchema,
    explanation: z.string(),
    hint: z.string(),
    span: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
    correction: correctionSchema.optional(),
    related: z.array(z.object({ stepIndex: z.number().int().nonnegative(), message: z.string() })).optional(),
    correctionWithheld: z.string().optional(),
    unsure: z.string().optional(),
  }),
  z.object({ status: z.literal('correct'), engine: engineInfoSchema }),
  z.object({ status: z.literal('unknown'), engine: engineInfoSchema, reason: z.string().optional() }),
]);

// Compile-time check that the schema and the Verdict type agree.
type Parsed = z.infer<typeof verdictSchema>;
const _sameShape: (v: Parsed) => Verdict = (v) => v;
void _sameShape;
