// GET {baseURL}/models with a bounded body: the circuit breaker and the CLI only need to know that
// the endpoint answers, and a proxy or a broken server may send megabytes (50 MB once cost 388 MB
// of RSS through the openai package, which reads the whole body). Past the limit the body is
// cancelled and the endpoint is not trusted as an OpenAI-compatible one.
import { z } from 'zod';

export const MAX_MODELS_BODY_BYTES = 1024 * 1024;

const modelListSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

export type ProbeFailure =
  | { kind: 'status'; status: number; detail: string; headers: Headers }
  | { kind: 'too-large' }
  | { kind: 'not-json' };

export type ProbeOutcome = { ok: true; models: string[] } | { ok: false; failure: ProbeFailure };

/** Fetches the model list; network errors and aborts reject (the caller maps them). */
export async function fetchModelList(baseURL: string, headers: Record<string, string>, signal: AbortSignal): Promise<ProbeOutcome> {
  const response = await fetch(`${baseURL.replace(/\/+$/, '')}/models`, { headers: { accept: 'application/json', ...headers }, signal });
  const body = await readBounded(response, MAX_MODELS_BODY_BYTES);
  if (body === undefined) return { ok: false, failure: { kind: 'too-large' } };
  if (!response.ok) return { ok: false, failure: { kind: 'status', status: response.status, detail: errorDetail(body), headers: response.headers } };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false, failure: { kind: 'not-json' } };
  }
  // Any JSON answer says the endpoint is there; the ids are a bonus some servers leave out.
  const list = modelListSchema.safeParse(raw);
  return { ok: true, models: list.success ? list.data.data.map((m) => m.id) : [] };
}

/** The body as text, or undefined (and the rest cancelled) when it is longer than `limit` bytes. */
async function readBounded(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function errorDetail(body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the text itself, shortened by the caller
  }
  return body.replace(/\s+/g, ' ').trim();
}
