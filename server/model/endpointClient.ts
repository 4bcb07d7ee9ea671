// Talks to an OpenAI-compatible endpoint through the `openai` package: one streamed request with a
// stall timer, retried on what retrying can fix (429 after Retry-After, 5xx, resets, stalls), all
// within one overall deadline so that an endpoint that keeps talking without finishing cannot hold a
// request forever. The client's own retries are off so every attempt restarts the answer parser.
import OpenAI from 'openai';
import { z } from 'zod';
import type { ChatMessage } from './buildPrompt.ts';
import { redactCredentials, splitCredentials } from './endpointCredentials.ts';
import { fetchModelList, MAX_MODELS_BODY_BYTES } from './probeModels.ts';

export interface EndpointConfig {
  /** Base URL, e.g. http://127.0.0.1:8000/v1. */
  baseURL: string;
  apiKey?: string;
  headers?: Record<string, string>;
  model: string;
  /** No chunk for this long (first byte included): the attempt is abandoned. */
  timeoutMs: number;
  /** The whole request, retries included, ends after this long (default: none). */
  deadlineMs?: number;
  /** Attempts after the first. */
  retries: number;
  temperature: number;
  maxTokens: number;
  /** First back-off delay when the server gave no Retry-After (doubles per attempt). */
  retryBaseMs?: number;
}

/** Per-request overrides of the configured sampling (a style may need more tokens, or n samples). */
export interface Sampling {
  /** Samples in one request (the API's `n`); sent only when above 1. */
  n?: number;
  maxTokens?: number;
  temperature?: number;
}

export type Payload =
  | ({ style: 'completion'; prompt: string; stop: string[] } & Sampling)
  | ({ style: 'chat'; messages: ChatMessage[]; stop: string[] } & Sampling);

export type EndpointErrorKind = 'rate-limit' | 'server' | 'connection' | 'timeout' | 'deadline' | 'protocol' | 'auth' | 'request' | 'config' | 'aborted';

/** A failed request, with a reason a person can act on. */
export class EndpointError extends Error {
  constructor(
    readonly kind: EndpointErrorKind,
    message: string,
    readonly options: { status?: number; retryAfterMs?: number } = {},
  ) {
    // Messages quote URLs and server text: never a password from `user:pass@`.
    super(redactCredentials(message));
  }

  /** Worth another attempt: the endpoint may answer next time. */
  get retryable(): boolean {
    return this.kind === 'rate-limit' || this.kind === 'server' || this.kind === 'connection' || this.kind === 'timeout' || this.kind === 'protocol';
  }

  /** Says the endpoint itself is unwell (feeds the circuit breaker); a bad request or an abort does not. */
  get endpointFault(): boolean {
    // 404: the model or route does not exist, so every request would fail the same way.
    // A deadline: the endpoint talks but never finishes (empty deltas, a token every few seconds).
    return this.retryable || this.kind === 'auth' || this.kind === 'deadline' || this.options.status === 404;
  }
}

export interface StreamHandlers {
  signal?: AbortSignal;
  /** A new attempt starts: whatever was read before is void. */
  onAttempt?: (attempt: number) => void;
  /** Text as it arrives (`choice`: which of the n samples); return true to stop reading (the answer is whole). */
  onText: (delta: string, choice: number) => boolean | void;
  /** An attempt failed and another follows after `delayMs`. */
  onRetry?: (error: EndpointError, attempt: number, delayMs: number) => void;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface StreamResult {
  /** Every sample's text, by choice index (one entry when n is 1). */
  texts: string[];
  /** From the stream's usage chunk, when the endpoint sends one. */
  usage?: TokenUsage;
  /** `stop`, `length`, ... ; null when the stream ended without saying (treated as cut). */
  finishReason: string | null;
  /** We stopped reading because the answer was whole. */
  stoppedEarly: boolean;
  attempts: number;
}

const usageSchema = z.object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() }).nullish();
const completionChunkSchema = z.object({
  choices: z.array(z.object({ index: z.number().int().nonnegative().nullish(), text: z.string().nullish(), finish_reason: z.string().nullish() })),
  usage: usageSchema,
});
const chatChunkSchema = z.object({
  choices: z.array(
    z.object({
      index: z.number().int().nonnegative().nullish(),
      delta: z.object({ content: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: usageSchema,
});
/** More samples than this in one request are not read (settings cap n at 16). */
const MAX_CHOICES = 64;

const MAX_RETRY_AFTER_MS = 60_000;

export class EndpointClient {
  private readonly client: OpenAI;
  private readonly baseURL: string;
  /** Sent with every request: Basic credentials from the URL (unless an API key is set), then the configured headers. */
  private readonly headers: Record<string, string>;
  readonly host: string;

  constructor(private readonly config: EndpointConfig) {
    let url: URL;
    try {
      url = new URL(config.baseURL);
    } catch {
      throw new EndpointError('config', `the endpoint "${config.baseURL}" is not a URL (expected e.g. http://127.0.0.1:8000/v1)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new EndpointError('config', `the endpoint "${config.baseURL}" must start with http:// or https://`);
    }
    this.host = url.host; // never holds `user:pass@`
    const { baseURL, basicAuth } = splitCredentials(url);
    this.baseURL = baseURL;
    this.headers = {
      ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : basicAuth ? { authorization: basicAuth } : {}),
      ...(config.headers ?? {}),
    };
    this.client = new OpenAI({
      baseURL,
      // The package would otherwise read OPENAI_API_KEY from the environment; a local server needs none.
      apiKey: config.apiKey || 'no-key',
      // Overrides the package's `Bearer no-key` when the URL carried credentials.
      defaultHeaders: this.headers,
      maxRetries: 0,
      timeout: config.timeoutMs,
      logLevel: 'off',
    });
  }

  /** One streamed request with retries, ended by the deadline; rejects with EndpointError. */
  async stream(payload: Payload, handlers: StreamHandlers): Promise<StreamResult> {
    const deadlineMs = this.config.deadlineMs;
    const deadline = new AbortController();
    const timer = deadlineMs ? setTimeout(() => deadline.abort(), deadlineMs) : undefined;
    timer?.unref(); // the request's own socket keeps the process alive while it lasts
    const signal = handlers.signal ? AbortSignal.any([handlers.signal, deadline.signal]) : deadline.signal;
    const overDeadline = () => deadline.signal.aborted && !handlers.signal?.aborted;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          handlers.onAttempt?.(attempt);
          const result = await this.streamOnce(payload, { ...handlers, signal });
          return { ...result, attempts: attempt + 1 };
        } catch (caught) {
          if (overDeadline()) throw deadlineError(deadlineMs ?? 0);
          const error = toEndpointError(caught, signal);
          if (!error.retryable || attempt >= this.config.retries) throw error;
          const delay = retryDelay(error, attempt, this.config.retryBaseMs ?? 500);
          handlers.onRetry?.(error, attempt, delay);
          await sleep(delay, signal).catch((slept: unknown) => {
            throw overDeadline() ? deadlineError(deadlineMs ?? 0) : slept;
          });
        }
      }
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private async streamOnce(payload: Payload, handlers: StreamHandlers): Promise<Omit<StreamResult, 'attempts'>> {
    const local = new AbortController();
    let stalled = false;
    const onOuterAbort = () => local.abort();
    handlers.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (handlers.signal?.aborted) local.abort();
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        local.abort();
      }, this.config.timeoutMs);
      timer.unref();
    };
    arm();
    const texts: string[] = [''];
    let finishReason: string | null = null;
    let usage: TokenUsage | undefined;
    let stoppedEarly = false;
    let chunks = 0;
    try {
      const common = {
        model: this.config.model,
        temperature: payload.temperature ?? this.config.temperature,
        max_tokens: payload.maxTokens ?? this.config.maxTokens,
        stop: payload.stop,
        ...(payload.n !== undefined && payload.n > 1 ? { n: payload.n } : {}),
        stream: true as const,
        // Token counts for `eval` (vLLM, OpenAI, llama.cpp and Ollama send a last chunk with them).
        stream_options: { include_usage: true },
      };
      const options = { signal: local.signal };
      const { data: stream, response } =
        payload.style === 'completion'
          ? await this.client.completions.create({ ...common, prompt: payload.prompt }, options).withResponse()
          : await this.client.chat.completions.create({ ...common, messages: payload.messages }, options).withResponse();
      // A proxy or captive portal answering 200 with a page: transport garbage, not an empty answer.
      // (No content type at all is left to the stream itself: no event in it is caught below.)
      const type = response.headers.get('content-type');
      if (type && !/text\/event-stream/i.test(type)) {
        local.abort();
        throw new EndpointError('protocol', `the endpoint answered with ${type.split(';')[0]}, not an event stream (a proxy or a sign-in page?)`);
      }
      for await (const raw of stream as AsyncIterable<unknown>) {
        arm();
        chunks++;
        const delta = readDelta(payload.style, raw);
        if (delta.usage) usage = delta.usage;
        if (delta.finishReason && delta.choice === 0) finishReason = delta.finishReason;
        if (delta.text && delta.choice < MAX_CHOICES) {
          while (texts.length <= delta.choice) texts.push('');
          texts[delta.choice] += delta.text;
          if (handlers.onText(delta.text, delta.choice) === true) {
            stoppedEarly = true;
            break; // leaving the loop aborts the request
          }
        }
      }
    } catch (error) {
      if (stalled) throw stallError(this.config.timeoutMs);
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
      handlers.signal?.removeEventListener('abort', onOuterAbort);
    }
    // The package ends the iteration quietly when the request is aborted; say why here.
    if (stalled) throw stallError(this.config.timeoutMs);
    if (handlers.signal?.aborted) throw new EndpointError('aborted', 'the request was cancelled');
    if (chunks === 0) throw new EndpointError('protocol', 'the endpoint closed the stream without sending an answer');
    return { texts, finishReason, stoppedEarly, ...(usage ? { usage } : {}) };
  }

  /** GET /v1/models (body read up to 1 MiB): resolves when the endpoint answers; rejects with EndpointError. */
  async probe(signal?: AbortSignal): Promise<string[]> {
    const timeout = AbortSignal.timeout(Math.min(this.config.timeoutMs, 10_000));
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let outcome;
    try {
      outcome = await fetchModelList(this.baseURL, this.headers, combined);
    } catch (error) {
      if (signal?.aborted) throw new EndpointError('aborted', 'the request was cancelled');
      if (timeout.aborted) throw new EndpointError('timeout', 'the endpoint did not answer in time');
      throw toEndpointError(error, signal);
    }
    if (outcome.ok) return outcome.models;
    const failure = outcome.failure;
    if (failure.kind === 'too-large') throw new EndpointError('protocol', `the endpoint's model list is larger than ${MAX_MODELS_BODY_BYTES / 1024 / 1024} MiB; not an OpenAI-compatible answer`);
    if (failure.kind === 'not-json') throw new EndpointError('protocol', `the endpoint's model list is not JSON (a proxy or a sign-in page?)`);
    throw statusError(failure.status, shorten(failure.detail), failure.headers);
  }
}

function stallError(timeoutMs: number): EndpointError {
  return new EndpointError('timeout', `the endpoint sent nothing for ${timeoutMs} ms`);
}

function deadlineError(deadlineMs: number): EndpointError {
  return new EndpointError('deadline', `the endpoint did not finish its answer within the ${deadlineMs} ms deadline`);
}

interface Delta {
  text: string;
  choice: number;
  finishReason?: string;
  usage?: TokenUsage;
}

function readUsage(usage: z.infer<typeof usageSchema>): { usage?: TokenUsage } {
  return usage ? { usage: { promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0 } } : {};
}

function readDelta(style: Payload['style'], raw: unknown): Delta {
  if (style === 'completion') {
    const chunk = completionChunkSchema.safeParse(raw);
    if (!chunk.success) throw new EndpointError('protocol', 'the endpoint sent a chunk that is not a completion');
    const choice = chunk.data.choices[0];
    return { text: choice?.text ?? '', choice: choice?.index ?? 0, ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}), ...readUsage(chunk.data.usage) };
  }
  const chunk = chatChunkSchema.safeParse(raw);
  if (!chunk.success) throw new EndpointError('protocol', 'the endpoint sent a chunk that is not a chat completion');
  const choice = chunk.data.choices[0];
  return { text: choice?.delta?.content ?? '', choice: choice?.index ?? 0, ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}), ...readUsage(chunk.data.usage) };
}

/** Maps whatever a request threw to an EndpointError with a reason a person can act on. */
export function toEndpointError(error: unknown, signal?: AbortSignal): EndpointError {
  if (error instanceof EndpointError) return error;
  if (signal?.aborted) return new EndpointError('aborted', 'the request was cancelled');
  if (error instanceof OpenAI.APIUserAbortError) return new EndpointError('aborted', 'the request was cancelled');
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new EndpointError('timeout', 'the endpoint did not answer in time');
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = describeCause(error.cause);
    return new EndpointError('connection', `cannot connect to the endpoint${cause ? ` (${cause})` : ''}`);
  }
  if (error instanceof OpenAI.APIError) {
    // A 400 carries the server's reason (vLLM: the context length and the tokens asked for): keep it whole enough to act on.
    const detail = shorten(error.message, error.status === 400 ? 600 : 160);
    // No status: an error event inside the stream.
    if (error.status === undefined) return new EndpointError('protocol', `the endpoint reported an error in the stream: ${detail}`);
    return statusError(error.status, detail, error.headers);
  }
  if (error instanceof SyntaxError) return new EndpointError('protocol', 'the endpoint sent malformed data in the stream');
  const cause = describeCause(error);
  return new EndpointError('connection', `the connection to the endpoint failed${cause ? ` (${cause})` : ''}`);
}

/** An HTTP error status as an EndpointError (requests and probes alike). */
function statusError(status: number, detail: string, headers: Headers | undefined): EndpointError {
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers);
    return new EndpointError('rate-limit', `the endpoint is rate limiting requests (429)`, { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (status === 401 || status === 403) return new EndpointError('auth', `the endpoint refused the API key (${status}); check the key`, { status });
  if (status === 404) return new EndpointError('request', `the endpoint has no such model or route (404): ${detail}`, { status });
  if (status >= 500) return new EndpointError('server', `the endpoint failed (${status}): ${detail}`, { status });
  if (status === 408 || status === 409) return new EndpointError('server', `the endpoint asked to retry (${status})`, { status });
  return new EndpointError('request', `the endpoint rejected the request (${status}): ${detail}`, { status });
}

/** The most specific reason in an error's cause chain: a system code (ECONNREFUSED) or the deepest message. */
function describeCause(error: unknown): string {
  let current: unknown = error;
  let deepest = '';
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+/.test(code)) return code;
    if (current instanceof Error && current.message) deepest = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return shorten(deepest);
}

function shorten(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** Retry-After in seconds or as an HTTP date; retry-after-ms in milliseconds. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return clampDelay(Number(ms));
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(value)) return clampDelay(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : clampDelay(date - now);
}

function clampDelay(ms: number): number {
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

export function retryDelay(error: EndpointError, attempt: number, baseMs: number): number {
  if (error.options.retryAfterMs !== undefined) return error.options.retryAfterMs;
  return Math.min(MAX_RETRY_AFTER_MS, baseMs * 2 ** attempt);
}

/** Resolves after `ms`, or rejects with an 'aborted' EndpointError when the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new EndpointError('aborted', 'the request was cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms); // not unref'd: a retry pending is work the process must wait for
    const onAbort = () => {
      clearTimeout(timer);
      reject(new EndpointError('aborted', 'the request was cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
