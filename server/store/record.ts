// One line of the corrections log: a correction the person accepted (applied) or rejected
// ("this step is correct"), with everything an export needs and nothing that identifies the
// person: no absolute path, no user name, no API key, no endpoint URL with credentials.
// Validated with zod on write and on read, because the log crosses processes and versions.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { mistakeKindSchema } from '../engine/engineSchemas.ts';
import { MODEL_STYLES, type EngineInfo, type WrongVerdict } from '../engine/types.ts';

export const RECORD_SCHEMA_VERSION = 1;


/** `host[:port]` only: a scheme, path, query or `user:pass@` would carry more than the host. */
const hostSchema = z
  .string()
  .min(1)
  .refine((host) => !/[/@?#\s]/.test(host), 'an endpoint host without scheme, path or credentials');

export const recordEngineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded') }),
  z.object({
    kind: z.literal('model'),
    model: z.string().min(1),
    style: z.enum(MODEL_STYLES),
    templateVersion: z.string().min(1),
    host: hostSchema,
  }),
]);

/** A workspace-relative path with `/` separators: never absolute, never `~`, never `..`. */
export const relativePathSchema = z
  .string()
  .min(1)
  .refine(
    (path) => !/^(?:[/\\]|[A-Za-z]:|~(?:[/\\]|$))/.test(path) && !path.split(/[/\\]/).includes('..'),
    'a path relative to the workspace folder',
  );

export const correctionRecordSchema = z.object({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  id: z.uuid(),
  /** ISO 8601 time the record was made. */
  time: z.iso.datetime({ offset: true }),
  /** accepted: the correction was applied. rejected: the person said the flagged step is correct. */
  action: z.enum(['accepted', 'rejected']),
  /** True when the corrected steps are the ones the person saved (see humanVerifiedRecord). */
  humanVerified: z.boolean(),
  /** Id of the record this one replaces (a human-verified record supersedes the applied correction). */
  supersedes: z.uuid().optional(),
  question: z.string(),
  /** The original steps as written, without labels. */
  originalSteps: z.array(z.string()),
  originalAnswer: z.string().optional(),
  /** The flagged step, 1-based as LeMa counts. */
  incorrectStep: z.number().int().min(1),
  explanation: z.string(),
  /**
   * The corrected steps from `incorrectStep` on (steps 1..k-1 are the original ones), as in
   * Correction.steps. For a rejected record: the correction the engine proposed, when it had one.
   */
  correctedSteps: z.array(z.string()).optional(),
  correctedAnswer: z.string().optional(),
  kind: mistakeKindSchema,
  engine: recordEngineSchema,
  mode: z.enum(['tutor', 'reveal']),
  /** The document's path relative to its workspace folder, or just its file name. */
  documentPath: relativePathSchema,
  contentKey: z.string(),
  /**
   * Rejected records only: the person said every step of the original solution is correct
   * (not just the flagged one). Only then do exports label the original as mistake-free.
   */
  solutionCorrect: z.boolean().optional(),
});

export type CorrectionRecord = z.infer<typeof correctionRecordSchema>;
export type RecordEngine = z.infer<typeof recordEngineSchema>;
export type RecordAction = CorrectionRecord['action'];

/** Keeps only the fields a record may hold; strips `user:pass@` from a host, just in case. */
export function recordEngine(engine: EngineInfo): RecordEngine {
  if (engine.kind === 'embedded') return { kind: 'embedded' };
  const host = engine.host.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '').replace(/[/?#].*$/, '');
  return { kind: 'model', model: engine.model, style: engine.style, templateVersion: engine.templateVersion, host: host || 'unknown' };
}

/** What a record reads of a problem: a parsed Problem, or the one a code action's command carries. */
export interface RecordedProblem {
  question: string;
  steps: readonly { text: string }[];
  finalAnswer?: { value: string };
  contentKey: string;
}

/** What a record reads of a verdict. */
export type RecordedVerdict = Pick<WrongVerdict, 'stepIndex' | 'kind' | 'explanation' | 'engine' | 'correction'>;

export interface RecordFromVerdictInput {
  problem: RecordedProblem;
  verdict: RecordedVerdict;
  mode: 'tutor' | 'reveal';
  /** From relativeDocumentPath: never absolute. */
  relativePath: string;
  action: RecordAction;
  /** Rejected only: the person said the whole solution is correct. */
  solutionCorrect?: boolean;
  /** For tests and imports; defaults to now. */
  now?: Date;
}

/**
 * A path a record may hold: `path` when it is relative, else only its file name (an absolute path
 * handed in by mistake must not reach the log).
 */
export function safeRecordPath(path: string): string {
  if (relativePathSchema.safeParse(path).success) return path;
  const name = path.split(/[/\\]/).filter((part) => part.length > 0 && part !== '..' && part !== '~' && !/^[A-Za-z]:$/.test(part)).pop();
  return name ?? 'untitled';
}

/** The record of a correction the person applied (accepted) or dismissed (rejected). */
export function recordFromVerdict(input: RecordFromVerdictInput): CorrectionRecord {
  const { problem, verdict } = input;
  const correction = verdict.correction;
  // A correction normally starts at the flagged step; if an engine starts it elsewhere, the
  // stored steps are re-based so that they always start at `incorrectStep`.
  const corrected = correction ? rebaseCorrection(problem, verdict.stepIndex, correction.fromStep, correction.steps) : undefined;
  return correctionRecordSchema.parse({
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: randomUUID(),
    time: (input.now ?? new Date()).toISOString(),
    action: input.action,
    humanVerified: false,
    question: problem.question,
    originalSteps: problem.steps.map((step) => step.text),
    ...(problem.finalAnswer ? { originalAnswer: problem.finalAnswer.value } : {}),
    incorrectStep: verdict.stepIndex + 1,
    explanation: verdict.explanation,
    ...(corrected ? { correctedSteps: corrected } : {}),
    ...(correction?.finalAnswer !== undefined ? { correctedAnswer: correction.finalAnswer } : {}),
    kind: verdict.kind,
    engine: recordEngine(verdict.engine),
    mode: input.mode,
    documentPath: safeRecordPath(input.relativePath),
    contentKey: problem.contentKey,
    ...(input.action === 'rejected' && input.solutionCorrect ? { solutionCorrect: true } : {}),
  });
}

function rebaseCorrection(problem: RecordedProblem, stepIndex: number, fromStep: number, steps: string[]): string[] {
  if (fromStep === stepIndex) return [...steps];
  if (fromStep > stepIndex) {
    // Original steps between the flagged one and the correction's start are kept as they were.
    return [...problem.steps.slice(stepIndex, fromStep).map((step) => step.text), ...steps];
  }
  return steps.slice(stepIndex - fromStep);
}

/**
 * When the document is saved after a correction was applied, the steps as the person left them
 * become a new, human-verified record that supersedes `previous`. `editedSteps` is the whole
 * solution as saved. The incorrect step stays the flagged one unless the person also changed an
 * earlier step (then the first changed step is the incorrect one). Returns undefined when the
 * saved steps are the original ones (the person undid the correction: nothing was verified).
 */
export function humanVerifiedRecord(
  previous: CorrectionRecord,
  editedSteps: string[],
  editedAnswer: string | undefined,
  now: Date = new Date(),
): CorrectionRecord | undefined {
  const original = previous.originalSteps;
  const firstChange = firstDifference(original, editedSteps);
  const sameAnswer = (editedAnswer ?? undefined) === (previous.originalAnswer ?? undefined);
  if (firstChange === undefined && sameAnswer) return undefined;
  const changedAt = firstChange ?? Math.max(0, editedSteps.length - 1);
  const incorrectStep = Math.min(previous.incorrectStep, changedAt + 1, Math.max(1, editedSteps.length));
  // A verified record is an accepted correction: the previous one's answer and flags do not carry over.
  const kept: Partial<CorrectionRecord> = { ...previous };
  delete kept.supersedes;
  delete kept.correctedAnswer;
  delete kept.solutionCorrect;
  return correctionRecordSchema.parse({
    ...kept,
    id: randomUUID(),
    time: now.toISOString(),
    action: 'accepted',
    humanVerified: true,
    supersedes: previous.id,
    incorrectStep,
    correctedSteps: editedSteps.slice(incorrectStep - 1),
    ...(editedAnswer !== undefined ? { correctedAnswer: editedAnswer } : {}),
  });
}

function firstDifference(a: string[], b: string[]): number | undefined {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i]?.trim() !== b[i]?.trim()) return i;
  return undefined;
}
