// The typed contract between the VS Code client and the language server: custom requests,
// notifications and commands. Both sides import this file; it must not import `vscode`.
import { z } from 'zod';
import { engineInfoSchema, mistakeKindSchema } from './engine/engineSchemas.ts';

/** Engine/endpoint state, pushed by the server whenever it changes. */
export const engineStateSchema = z.object({
  state: z.enum(['embedded-only', 'ready', 'checking', 'unreachable']),
  /** Model name when a model is configured. */
  model: z.string().optional(),
  /** Why the endpoint is unreachable, in words a person can act on. */
  reason: z.string().optional(),
  /** Epoch ms of the next automatic probe while unreachable. */
  retryAt: z.number().optional(),
  /** Problems waiting for or in a model request. */
  pending: z.number().int().nonnegative().optional(),
});
export type EngineState = z.infer<typeof engineStateSchema>;

export const initializationOptionsSchema = z.object({
  /**
   * VS Code workspace trust. Untrusted: embedded verifier only, no endpoint requests, no logging.
   * Fails closed: only an explicit `true` is trust.
   */
  trusted: z.boolean().catch(false),
  /** The extension's global storage folder (cache, default log location). */
  storagePath: z.string().optional(),
  /** API key from SecretStorage, handed over in memory only. */
  apiKey: z.string().optional(),
});
export type InitializationOptions = z.infer<typeof initializationOptionsSchema>;

export const Notifications = {
  /** server → client */
  engineState: 'lemaTutor/engineState',
  /** client → server: { apiKey?: string } */
  setApiKey: 'lemaTutor/setApiKey',
  /** client → server: { trusted: boolean } */
  setTrust: 'lemaTutor/setTrust',
  /** client → server: CursorMovedParams, on every selection change in a markdown editor. */
  cursorMoved: 'lemaTutor/cursorMoved',
} as const;

export const Requests = {
  /** client → server: check one document now (model included whatever the trigger). */
  checkDocument: 'lemaTutor/checkDocument',
  /** client → server: the problems of a document with their verdicts (for the tree view). */
  documentProblems: 'lemaTutor/documentProblems',
  /** client → server: export the corrections log. */
  exportLog: 'lemaTutor/exportLog',
  /** client → server: statistics of the corrections log. */
  logStats: 'lemaTutor/logStats',
  /** client → server: where the log is; deleting it. */
  logLocation: 'lemaTutor/logLocation',
  deleteLog: 'lemaTutor/deleteLog',
  /** client → server: the steps the person marked correct (MarkedStep[]), for the LeMa Tutor view. */
  markedSteps: 'lemaTutor/markedSteps',
  /** client → server: UnmarkStepParams; undoes one "step is correct" ({ removed: boolean }). */
  unmarkStep: 'lemaTutor/unmarkStep',
  /** client → server: FileStatusParams; whether a document is checked, and why not (FileStatus). */
  fileStatus: 'lemaTutor/fileStatus',
  /** client → server: forgets every "step is correct" ({ forgotten: number }). */
  forgetMarkedSteps: 'lemaTutor/forgetMarkedSteps',
} as const;

/** Commands the server registers (workspace/executeCommand); code actions carry them. */
export const ServerCommands = {
  /** args: [RecordCommandArgs] — records that a correction was applied. */
  correctionApplied: 'lemaTutor.server.correctionApplied',
  /** args: [RecordCommandArgs] — "This step is correct": records a rejection, silences it. */
  markStepCorrect: 'lemaTutor.server.markStepCorrect',
  /** args: [CorrectionCommandArgs] — tutor mode: reveal the explanation of a mistake. */
  revealExplanation: 'lemaTutor.server.revealExplanation',
} as const;

/** Texts a command carries are bounded: the arguments cross a process, from a client we do not control. */
const commandText = z.string().max(200_000);
const commandSteps = 2000;

export const correctionCommandArgsSchema = z.object({
  uri: z.string().max(10_000),
  /** The document version the code action (and its verdict) was computed for. */
  version: z.number().int(),
  problemIndex: z.number().int().nonnegative(),
  contentKey: z.string().max(1000),
});
export type CorrectionCommandArgs = z.infer<typeof correctionCommandArgsSchema>;

/** The problem as it was when the code action was computed: what a record describes. */
export const commandProblemSchema = z.object({
  question: commandText,
  steps: z.array(z.object({ text: commandText })).min(1).max(commandSteps),
  finalAnswer: z.object({ value: commandText }).optional(),
});

/** The verdict the code action offered, with its correction. */
export const commandVerdictSchema = z.object({
  stepIndex: z.number().int().nonnegative(),
  kind: mistakeKindSchema,
  explanation: commandText,
  engine: engineInfoSchema,
  correction: z
    .object({
      fromStep: z.number().int().nonnegative(),
      steps: z.array(commandText).max(commandSteps),
      finalAnswer: commandText.optional(),
    })
    .optional(),
});

/**
 * Arguments of the commands that record something (correctionApplied, markStepCorrect). They carry
 * everything the record needs, so it is written whatever the server has re-checked in between
 * (the applied edit changes the text, and the re-check may run before the command arrives).
 */
export const recordCommandArgsSchema = correctionCommandArgsSchema
  .extend({ problem: commandProblemSchema, verdict: commandVerdictSchema })
  .refine((args) => args.verdict.stepIndex < args.problem.steps.length, { message: 'the flagged step is not one of the problem\'s steps', path: ['verdict', 'stepIndex'] });
export type RecordCommandArgs = z.infer<typeof recordCommandArgsSchema>;

export const checkDocumentParamsSchema = z.object({
  uri: z.string(),
  /** Text for a document the server has not opened (Check Workspace). */
  text: z.string().optional(),
});
export interface CheckDocumentResult {
  problems: number;
  mistakes: number;
}

export interface ProblemSummary {
  index: number;
  title: string;
  line: number;
  /** marked: an engine flagged a step the person marked correct. */
  status: 'wrong' | 'correct' | 'unknown' | 'pending' | 'marked';
  stepIndex?: number;
  kind?: string;
  engine?: string;
}

// ---- Params and results of the custom notifications and requests (added with the client). ----

/** Notifications.setApiKey params. `apiKey` absent or empty: the key was cleared. */
export const setApiKeyParamsSchema = z.object({ apiKey: z.string().optional() });
export type SetApiKeyParams = z.infer<typeof setApiKeyParamsSchema>;

/** Notifications.setTrust params. */
export const setTrustParamsSchema = z.object({ trusted: z.boolean() });
export type SetTrustParams = z.infer<typeof setTrustParamsSchema>;

/** Notifications.cursorMoved params: the line (0-based) of the primary cursor. */
export const cursorMovedParamsSchema = z.object({ uri: z.string(), line: z.number().int().nonnegative() });
export type CursorMovedParams = z.infer<typeof cursorMovedParamsSchema>;

/** Requests.documentProblems params; the result is ProblemSummary[] (empty for unknown documents). */
export const documentProblemsParamsSchema = z.object({ uri: z.string() });
export type DocumentProblemsParams = z.infer<typeof documentProblemsParamsSchema>;

/** Formats Requests.exportLog writes. */
export const exportFormats = ['lema', 'openai-chat', 'trl-sft', 'trl-dpo', 'alpaca', 'processbench'] as const;
export const exportFormatSchema = z.enum(exportFormats);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** Requests.exportLog params: write the log in `format` to the absolute file path `outPath`. */
export const exportLogParamsSchema = z.object({
  format: exportFormatSchema,
  outPath: z.string().min(1),
});
export type ExportLogParams = z.infer<typeof exportLogParamsSchema>;

/** Requests.exportLog result. `ok: false` carries a message a person can act on; nothing was written. */
export const exportLogResultSchema = z.union([
  z.object({
    ok: z.literal(true),
    path: z.string(),
    /** Records written. */
    written: z.number().int().nonnegative(),
    /** Log records the format cannot use (e.g. rejected corrections for an SFT format). */
    skipped: z.number().int().nonnegative(),
    /** Applied corrections written as the version the person saved (not left out: replaced). */
    superseded: z.number().int().nonnegative().optional(),
    /** Samples dropped as duplicates of one already written. */
    duplicates: z.number().int().nonnegative().optional(),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type ExportLogResult = z.infer<typeof exportLogResultSchema>;

/** One recent log record, as the Corrections view lists it. */
export const recentCorrectionSchema = z.object({
  /** ISO 8601 time of the record. */
  time: z.string(),
  question: z.string(),
  /** 0-based index of the step the correction is about. */
  step: z.number().int().nonnegative(),
  kind: z.string(),
  action: z.enum(['accepted', 'rejected']),
});
export type RecentCorrection = z.infer<typeof recentCorrectionSchema>;

/** Requests.logStats result (no params). Counts by engine kind, mistake kind and UTC day (YYYY-MM-DD). */
export const logStatsSchema = z.object({
  total: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  byEngine: z.record(z.string(), z.number()),
  byKind: z.record(z.string(), z.number()),
  byDay: z.record(z.string(), z.number()),
  /** Newest first, at most 20. */
  recent: z.array(recentCorrectionSchema),
});
export type LogStats = z.infer<typeof logStatsSchema>;

/** Requests.logLocation result (no params). `enabled: false` when logging is off or the workspace is untrusted. */
export const logLocationSchema = z.object({
  path: z.string(),
  exists: z.boolean(),
  enabled: z.boolean(),
});
export type LogLocation = z.infer<typeof logLocationSchema>;

/** Requests.deleteLog result (no params). */
export const deleteLogResultSchema = z.object({
  deleted: z.boolean(),
  path: z.string(),
});
export type DeleteLogResult = z.infer<typeof deleteLogResultSchema>;

/** What a "step is correct" mark shows in the LeMa Tutor view (no absolute path: the document's URI stays local). */
export const markLabelSchema = z.object({
  /** The problem's heading or the start of its question. */
  title: z.string(),
  /** The step's text when it was marked, shortened. */
  stepText: z.string().optional(),
  /** The document the step was in, and the step's line there, to go back to it. */
  uri: z.string().optional(),
  line: z.number().int().nonnegative().optional(),
});
export type MarkLabel = z.infer<typeof markLabelSchema>;

/** Requests.markedSteps result item. `stepIndex` is 0-based. */
export const markedStepSchema = markLabelSchema.extend({ id: z.string(), stepIndex: z.number().int().nonnegative() });
export type MarkedStep = z.infer<typeof markedStepSchema>;

/** Requests.fileStatus params and result. A document the server has not seen is `unknown`. */
export const fileStatusParamsSchema = z.object({ uri: z.string() });
export type FileStatusParams = z.infer<typeof fileStatusParamsSchema>;
export const fileStatusSchema = z.object({ status: z.enum(['checked', 'excluded', 'off-file', 'no-problems', 'unknown']) });
export type FileStatus = z.infer<typeof fileStatusSchema>;

/** Requests.unmarkStep params. */
export const unmarkStepParamsSchema = z.object({ id: z.string() });
export type UnmarkStepParams = z.infer<typeof unmarkStepParamsSchema>;
