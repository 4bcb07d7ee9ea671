// Settings the server reads (workspace/configuration section `lemaTutor`, or CLI flags).
// Validated with zod because they cross a process boundary; anything invalid falls back to the
// default for that field instead of failing the whole configuration.
//
// Numbers that cost the endpoint or decide what is recorded (timeouts, retries, tokens,
// concurrency, pauses) are machine-scoped in package.json, so a folder's settings cannot raise
// them; and a value out of range is clamped to the nearest bound here (a hand-edited 1000 means
// "as many as allowed"), so no client can send more than the bounds either.
import { z } from 'zod';
import { MODEL_STYLES } from './engine/types.ts';

function clampNumber(input: unknown, min: number, max: number, fallback: number, integer: boolean): number {
  if (typeof input !== 'number' || Number.isNaN(input)) return fallback;
  const value = integer ? Math.round(input) : input;
  return Math.min(max, Math.max(min, value));
}

/**
 * A number in [min, max]; outside it, the nearest bound; not a number, the default. (zod calls the
 * catch with no context when it writes the JSON schema: that is the default the manifest shows.)
 */
function bounded(min: number, max: number, fallback: number, integer = true) {
  const base = integer ? z.number().int() : z.number();
  return base
    .min(min)
    .max(max)
    .catch((ctx?: { input: unknown }) => clampNumber(ctx?.input, min, max, fallback, integer));
}

const severity = z.enum(['error', 'warning', 'information', 'hint']);

/** Markdown that is documentation, not homework: a repository's own files and installed packages. */
export const defaultExcludes = [
  '**/node_modules/**',
  '**/{README,CHANGELOG,CHANGES,HISTORY,CONTRIBUTING,CODE_OF_CONDUCT,SECURITY,SUPPORT,LICENSE,AUTHORS}{,.*}.{md,markdown}',
] as const;

export const modelSettingsSchema = z.object({
  /** Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000/v1. Empty: model engine off. */
  endpoint: z.string().catch(''),
  /** Model name as the endpoint serves it. */
  name: z.string().catch(''),
  style: z.enum(MODEL_STYLES).catch('completion'),
  timeoutMs: bounded(100, 600_000, 60_000),
  /** The whole answer (retries included) ends after this long, even if the endpoint keeps streaming. */
  deadlineMs: bounded(100, 3_600_000, 120_000),
  retries: bounded(0, 10, 2),
  headers: z.record(z.string(), z.string()).catch({}),
  temperature: bounded(0, 2, 0, false),
  maxTokens: bounded(16, 32_768, 1024),
  /** Samples per request (the API's `n`) voted on; above 1 the temperature is 0.7 unless `temperature` says otherwise. */
  samples: bounded(1, 16, 1),
  /** Share of the samples that must name the winning step; below it (or on a tie) the flag is a hint that the model is unsure. */
  minAgreement: bounded(0, 1, 0.6, false),
  /** Path to a JSON file with the instruction line and few-shot examples; empty: built-in template. */
  templateFile: z.string().catch(''),
  /** When the model is asked: on open and save, after a pause in typing, or only on command. */
  trigger: z.enum(['openAndSave', 'pause', 'command']).catch('openAndSave'),
  pauseMs: bounded(100, 60_000, 1500),
  concurrency: bounded(1, 64, 4),
});

export const settingsSchema = z.object({
  /** Which engines run. `both`: the embedded verifier always, the model when an endpoint is set. */
  engine: z.enum(['embedded', 'model', 'both']).catch('both'),
  severity: severity.catch('warning'),
  /** tutor: say which step is wrong and hint; reveal: explanation and correction at once. */
  mode: z.enum(['tutor', 'reveal']).catch('tutor'),
  debounceMs: bounded(0, 10_000, 200),
  /** Hold back a diagnostic on the line being typed until the cursor leaves it (as cSpell does). */
  hideIssuesWhileTyping: z.boolean().catch(true),
  /** ...or until this long without typing; longer than a thinking pause, so a half-typed step is not judged. */
  revealIssuesAfterDelayMs: bounded(0, 60_000, 4000),
  model: modelSettingsSchema.catch(() => modelSettingsSchema.parse({})),
  /** Which markdown files are solutions (globs on the workspace-relative path); see server/lsp/fileFilter.ts. */
  files: z
    .object({
      include: z.array(z.string()).catch(['**/*.{md,markdown}']),
      exclude: z.array(z.string()).catch([...defaultExcludes]),
    })
    .catch(() => ({ include: ['**/*.{md,markdown}'], exclude: [...defaultExcludes] })),
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
