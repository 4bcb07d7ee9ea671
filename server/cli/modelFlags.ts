// The model flags shared by CLI commands (`eval`, `check`): spread `modelFlagOptions` into a
// node:util parseArgs options object, then turn the parsed values into ModelSettings.
// The API key never travels as a flag (it would land in shell history): it is read from an
// environment variable, LEMA_TUTOR_API_KEY unless --api-key-env names another.
import { resolve } from 'node:path';
import { MODEL_STYLES, type ModelStyle } from '../engine/types.ts';
import { redactCredentials } from '../model/endpointCredentials.ts';
import { modelSettingsSchema, type ModelSettings } from '../settings.ts';
import { UsageError } from './io.ts';

export const modelFlagOptions = {
  endpoint: { type: 'string' },
  model: { type: 'string' },
  style: { type: 'string' },
  'api-key-env': { type: 'string' },
  'timeout-ms': { type: 'string' },
  'deadline-ms': { type: 'string' },
  retries: { type: 'string' },
  'max-tokens': { type: 'string' },
  template: { type: 'string' },
  samples: { type: 'string' },
  temperature: { type: 'string' },
} as const;

export const modelFlagsHelp = `Model options:
  --endpoint URL          OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1
  --model NAME            model name as the endpoint serves it (required with --endpoint)
  --style STYLE           completion|chat (our template), lema (LeMa checkpoints: solve,
                          then correct), critic (instruct/reasoning models: ProcessBench
                          critique, then the explanation)                      [completion]
  --samples N             samples per request, voted on (the API's n)             [1]
  --temperature T         sampling temperature                [0; 0.7 when --samples > 1]
  --api-key-env VAR       environment variable holding the API key       [LEMA_TUTOR_API_KEY]
  --timeout-ms N          give up on a request silent for this long               [60000]
  --deadline-ms N         give up on a request not finished after this long      [120000]
  --retries N             attempts after the first on 429/5xx/resets/stalls       [2]
  --max-tokens N          longest answer asked for                                [1024]
  --template FILE         JSON file with the instruction and few-shot examples`;

export interface ModelFlagValues {
  endpoint?: string | undefined;
  model?: string | undefined;
  style?: string | undefined;
  'api-key-env'?: string | undefined;
  'timeout-ms'?: string | undefined;
  'deadline-ms'?: string | undefined;
  retries?: string | undefined;
  'max-tokens'?: string | undefined;
  template?: string | undefined;
  samples?: string | undefined;
  temperature?: string | undefined;
}

/** A whole-number flag within [min, max]; undefined when absent. Throws UsageError. */
export function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got '${value}')`);
  return n;
}

/** ModelSettings from the flags; `endpoint` stays empty (model engine off) when --endpoint is absent. Throws UsageError. */
export function parseModelFlags(values: ModelFlagValues, cwd?: string): ModelSettings {
  const endpoint = values.endpoint?.trim() ?? '';
  if (endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new UsageError(`--endpoint '${redactCredentials(endpoint)}' is not a URL (expected e.g. http://127.0.0.1:8000/v1)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must start with http:// or https:// (got '${redactCredentials(endpoint)}')`);
    if (!values.model) throw new UsageError('--model is required with --endpoint (the name the endpoint serves, see GET /v1/models)');
  }
  const style = values.style ?? 'completion';
  if (!(MODEL_STYLES as readonly string[]).includes(style)) throw new UsageError(`--style must be completion, chat, lema or critic (got '${style}')`);
  const samples = integerFlag('samples', values.samples, 1, 16);
  const temperature = values.temperature === undefined ? undefined : Number(values.temperature);
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0 && temperature <= 2)) {
    throw new UsageError(`--temperature must be a number from 0 to 2 (got '${values.temperature}')`);
  }
  const timeoutMs = integerFlag('timeout-ms', values['timeout-ms'], 100, 600_000);
  const deadlineMs = integerFlag('deadline-ms', values['deadline-ms'], 100, 3_600_000);
  const retries = integerFlag('retries', values.retries, 0, 10);
  const maxTokens = integerFlag('max-tokens', values['max-tokens'], 16, 32_768);
  return modelSettingsSchema.parse({
    endpoint,
    name: values.model ?? '',
    style: style as ModelStyle,
    ...(samples !== undefined ? { samples } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    ...(retries !== undefined ? { retries } : {}),
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    // Relative to where the command runs, not to the process that happens to read it.
    templateFile: values.template ? (cwd ? resolve(cwd, values.template) : values.template) : '',
  });
}

/** The API key from the environment variable the flags name (LEMA_TUTOR_API_KEY by default). */
export function modelApiKey(values: ModelFlagValues, env: NodeJS.ProcessEnv): string | undefined {
  const name = values['api-key-env'] ?? 'LEMA_TUTOR_API_KEY';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--api-key-env must be an environment variable name (got '${name}')`);
  const key = env[name];
  if (values['api-key-env'] && !key) throw new UsageError(`the environment variable ${name} (from --api-key-env) is not set`);
  return key || undefined;
}
