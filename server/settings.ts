// Settings the server reads (workspace/configuration section `lemaTutor`, or CLI flags).
// Validated with zod because they cross a process boundary; anything invalid falls back to the
// default for that field instead of failing the whole configuration.
import { z } from 'zod';
import { MODEL_STYLES } from './engine/types.ts';

const severity = z.enum(['error', 'warning', 'information', 'hint']);

export const modelSettingsSchema = z.object({
  /** Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1. Empty: model engine off. */
  endpoint: z.string().catch(''),
  /** Model name as the endpoint serves it. */
  name: z.string().catch(''),
  style: z.enum(MODEL_STYLES).catch('completion'),
  timeoutMs: z.number().int().min(100).max(600_000).catch(60_000),
  retries: z.number().int().min(0).max(10).catch(2),
  headers: z.record(z.string(), z.string()).catch({}),
  temperature: z.number().min(0).max(2).catch(0),
  maxTokens: z.number().int().min(16).max(32_768).catch(1024),
  /** Samples per request (the API's `n`) voted on; above 1 the temperature is 0.7 unless `temperature` says otherwise. */
  samples: z.number().int().min(1).max(16).catch(1),
  /** Share of the samples that must name the winning step; below it (or on a tie) the flag is a hint that the model is unsure. */
  minAgreement: z.number().min(0).max(1).catch(0.6),
  /** Path to a JSON file with the instruction line and few-shot examples; empty: built-in template. */
  templateFile: z.string().catch(''),
  /** When the model is asked: on open and save, after a pause in typing, or only on command. */
  trigger: z.enum(['openAndSave', 'pause', 'command']).catch('openAndSave'),
  pauseMs: z.number().int().min(100).max(60_000).catch(1500),
  concurrency: z.number().int().min(1).max(64).catch(4),
});

export const settingsSchema = z.object({
  /** Which engines run. `both`: the embedded verifier always, the model when an endpoint is set. */
  engine: z.enum(['embedded', 'model', 'both']).catch('both'),
  severity: severity.catch('warning'),
  /** tutor: say which step is wrong and hint; reveal: explanation and correction at once. */
  mode: z.enum(['tutor', 'reveal']).catch('tutor'),
  debounceMs: z.number().int().min(0).max(10_000).catch(200),
  model: modelSettingsSchema.catch(() => modelSettingsSchema.parse({})),
  log: z
    .object({
      /** Record accepted and rejected corrections as training data. */
      enabled: z.boolean().catch(true),
      /** Where the log lives: the extension's global storage, or `.lema-tutor/` in the workspace folder. */
      location: z.enum(['global', 'workspace']).catch('global'),
      /** An explicit file path; overrides `location` when set. */
      path: z.string().catch(''),
    })
    .catch(() => ({ enabled: true, location: 'global' as const, path: '' })),
});

export type Settings = z.infer<typeof settingsSchema>;
export type ModelSettings = z.infer<typeof modelSettingsSchema>;
export type Severity = z.infer<typeof severity>;

export const defaultSettings: Settings = settingsSchema.parse({});

/** Parses whatever the client sent; never throws. */
export function parseSettings(raw: unknown): Settings {
  const result = settingsSchema.safeParse(raw ?? {});
  return result.success ? result.data : defaultSettings;
}
