// The record shapes of the datasets lema-tutor reads (see the formats in the project's data notes).
// Every JSONL line is checked against one of these before use.
import { z } from 'zod';

/** GSM8K: one step per line of `answer`, calculator annotations `<<48/2=24>>`, last line `#### X`. */
export const gsm8kRecordSchema = z.object({
  question: z.string().min(1),
  answer: z.string().min(1),
});
export type Gsm8kRecord = z.infer<typeof gsm8kRecordSchema>;

/** ProcessBench: `label` is the 0-based index of the earliest wrong step, -1 when all are correct. */
export const processBenchRecordSchema = z.object({
  id: z.string().min(1),
  generator: z.string(),
  problem: z.string().min(1),
  steps: z.array(z.string()).min(1),
  final_answer_correct: z.boolean(),
  label: z.number().int().min(-1),
});
export type ProcessBenchRecord = z.infer<typeof processBenchRecordSchema>;

/** MathCheck-GSM process judging: `answer` names the first wrong step, 1-based (`"Step 3"`). */
export const mathCheckRecordSchema = z.object({
  task_type: z.string(),
  question_type: z.string(),
  group_id: z.string(),
  id: z.string().min(1),
  question: z.string().min(1),
  solution: z.string().min(1),
  answer: z.string().regex(/^\s*Step\s+\d+\s*$/i, 'expected "Step k"'),
});
export type MathCheckRecord = z.infer<typeof mathCheckRecordSchema>;

/** The 0-based index of the first wrong step named by a MathCheck `answer` (`"Step 3"` is 2). */
export function mathCheckLabelIndex(record: Pick<MathCheckRecord, 'answer'>): number {
  return Number(/\d+/.exec(record.answer)![0]) - 1;
}

/** MathCheck-GSM outcome judging: the same fields, `answer` judges the whole solution. */
export const mathCheckOutcomeRecordSchema = mathCheckRecordSchema.extend({
  answer: z.enum(['Correct', 'Incorrect']),
});
export type MathCheckOutcomeRecord = z.infer<typeof mathCheckOutcomeRecordSchema>;

/** LeMa's CoT records: the prompt holds `Question: ...`; the completion is a free-form solution. */
export const lemaCotRecordSchema = z.object({
  prompt: z.string().regex(/\nQuestion: /, 'expected a prompt with "Question: ..."'),
  completion: z.string().min(1),
});
export type LemaCotRecord = z.infer<typeof lemaCotRecordSchema>;
