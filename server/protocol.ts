// The typed contract between the VS Code client and the language server: custom requests,
// notifications and commands. Both sides import this file; it must not import `vscode`.
import { z } from 'zod';

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
  /** VS Code workspace trust. Untrusted: embedded verifier only, no endpoint requests, no logging. */
  trusted: z.boolean().catch(true),
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
} as const;

/** Commands the server registers (workspace/executeCommand); code actions carry them. */
export const ServerCommands = {
  /** args: [CorrectionCommandArgs] — records that a correction was applied. */
  correctionApplied: 'lemaTutor.server.correctionApplied',
  /** args: [CorrectionCommandArgs] — "This step is correct": records a rejection, silences it. */
  markStepCorrect: 'lemaTutor.server.markStepCorrect',
  /** args: [CorrectionCommandArgs] — tutor mode: reveal the explanation of a mistake. */
  revealExplanation: 'lemaTutor.server.revealExplanation',
} as const;

export const correctionCommandArgsSchema = z.object({
  uri: z.string(),
  version: z.number().int(),
  problemIndex: z.number().int().nonnegative(),
  contentKey: z.string(),
});
export type CorrectionCommandArgs = z.infer<typeof correctionCommandArgsSchema>;

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
  status: 'wrong' | 'correct' | 'unknown' | 'pending';
  stepIndex?: number;
  kind?: string;
  engine?: string;
}
