// A real OpenAI-compatible HTTP server for tests, benchmarks and the demo endpoint.
// It speaks /v1/models, /v1/completions and /v1/chat/completions (streamed as SSE or not),
// answers from a script, paces tokens like a model would, and can misbehave on purpose
// (HTTP errors, stalls, resets, malformed SSE, answers that never end). Every request is
// recorded so a test can assert how many were made and what they carried. Like vLLM it serves
// `n` samples per request (scripted per sample), reports `usage`, answers a prompt over the
// context length with a 400 and an unknown model with a 404, in vLLM's error shapes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { serveHugeModelList, streamForever } from './testServerFaults.ts';

export type Fault =
  /** Answer with this HTTP status (and an OpenAI-shaped error body). */
  | { kind: 'status'; status: number; retryAfter?: string; message?: string }
  /** Accept the request and say nothing more (optionally after `afterChars` of the answer were streamed). */
  | { kind: 'stall'; afterChars?: number }
  /** Destroy the socket after `afterChars` characters of the answer were streamed. */
  | { kind: 'reset'; afterChars?: number }
  /** Send an SSE event whose data is not JSON, after `afterChars` characters. */
  | { kind: 'malformed-sse'; afterChars?: number }
  /** Repeat the answer text forever (until the client goes away). */
  | { kind: 'endless' }
  /** Stream chunks with an empty delta every `everyMs` forever: alive, but never an answer. */
  | { kind: 'empty-deltas'; everyMs?: number }
  /** One token of the answer every `everyMs`, repeated forever: never silent, never done. */
  | { kind: 'trickle'; everyMs: number }
  /** 200 with an HTML page (a proxy or captive portal answering in the endpoint's place). */
  | { kind: 'html' }
  /** 200 with a body that holds no event at all, and no content type. */
  | { kind: 'no-events' };

export interface Reply {
  /** The model's answer text (the completion, or the assistant message). */
  text?: string;
  /** With `n` > 1 in the request: sample i's text (cycled); `text` when absent. */
  samples?: string[];
  fault?: Fault;
  /** Milliseconds before the first token (or before the whole answer when not streaming). */
  ttftMs?: number;
  /** Pace of streamed tokens; 0 or undefined: as fast as possible. */
  tokensPerSecond?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  /** The prompt (completions) or the text of the last user message (chat). */
  prompt: string;
  headers: IncomingMessage['headers'];
  /** The client went away before the answer was complete (it aborted or timed out). */
  aborted: boolean;
}

export type Answerer = (prompt: string, request: RecordedRequest) => Reply | string;

export interface TestServerOptions {
  port?: number;
  host?: string;
  answer?: Answerer;
  ttftMs?: number;
  tokensPerSecond?: number;
  models?: string[];
  /** Like vLLM's --max-model-len: prompt tokens + max_tokens above it is a 400. */
  maxModelLen?: number;
  /** Requests for a model not in `models` get vLLM's 404 (off by default: most tests use any name). */
  strictModels?: boolean;
}

/** vLLM's error body (an OpenAI-shaped `error` object with its exception type and the status as `code`). */
export function vllmError(status: number, type: string, message: string): { error: { message: string; type: string; param: null; code: number } } {
  return { error: { message, type, param: null, code: status } };
}

/** Splits text the way the pacing counts tokens: a word with its trailing spaces, or a newline run. */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+[^\S\n]*|\n+|\s+/g) ?? [];
}

export class OpenAITestServer extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  /** Replies served in order before `answer` is consulted. */
  readonly queue: Reply[] = [];
  answer: Answerer;
  ttftMs: number;
  tokensPerSecond: number;
  models: string[];
  maxModelLen: number | undefined;
  strictModels: boolean;
  /** Send the usage chunk when a stream asks for it (some servers never do). */
  sendUsage = true;
  /** When set, every request (including /v1/models) gets this fault: the endpoint is "down". */
  down: Fault | undefined;
  /** When set, GET /v1/models answers 200 with a model list of about this many bytes. */
  modelsBodyBytes: number | undefined;
  /** Bytes of the last /v1/models body written before it ended or the client went away. */
  modelsBytesSent = 0;
  /** Answer requests open right now, and the most ever open at once. */
  active = 0;
  maxActive = 0;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  private constructor(
    private readonly server: Server,
    options: TestServerOptions,
  ) {
    super();
    this.answer = options.answer ?? (() => ' None.');
    this.ttftMs = options.ttftMs ?? 0;
    this.tokensPerSecond = options.tokensPerSecond ?? 0;
    this.models = options.models ?? ['lema-test'];
    this.maxModelLen = options.maxModelLen;
    this.strictModels = options.strictModels ?? false;
  }

  static async start(options: TestServerOptions = {}): Promise<OpenAITestServer> {
    const server = createServer();
    const instance = new OpenAITestServer(server, options);
    server.on('request', (req, res) => instance.handle(req, res));
    server.on('connection', (socket) => {
      instance.sockets.add(socket);
      socket.on('close', () => instance.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return instance;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Base URL as an OpenAI client wants it. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** Requests to the answer endpoints (not /v1/models). */
  get answerRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path !== '/v1/models');
  }

  enqueue(...replies: Reply[]): void {
    this.queue.push(...replies);
  }

  /** Resolves when `count` answer requests have been received in total. */
  async waitForRequests(count: number): Promise<void> {
    while (this.answerRequests.length < count) await new Promise((resolve) => this.once('request', resolve));
  }

  /** Resolves when the client abandons the request (closes the connection before the end). */
  waitForAbort(record: RecordedRequest): Promise<void> {
    if (record.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (aborted: RecordedRequest) => {
        if (aborted !== record) return;
        this.off('aborted', listener);
        resolve();
      };
      this.on('aborted', listener);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private later(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const raw = await readBody(req);
      let body: Record<string, unknown> | undefined;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      const path = (req.url ?? '').split('?')[0] ?? '';
      const record: RecordedRequest = { method: req.method ?? 'GET', path, body, prompt: promptOf(body), headers: req.headers, aborted: false };
      this.requests.push(record);
      if (path !== '/v1/models') {
        this.active++;
        this.maxActive = Math.max(this.maxActive, this.active);
        res.on('close', () => {
          this.active--;
          if (!res.writableFinished) {
            record.aborted = true;
            this.emit('aborted', record);
          }
        });
      }
      this.emit('request', record);

      if (this.down) {
        const usual = record.path === '/v1/models' ? '' : this.answer(record.prompt, record);
        return await this.serve(res, record, { fault: this.down, text: typeof usual === 'string' ? usual : (usual.text ?? '') });
      }
      if (path === '/v1/models' && req.method === 'GET') {
        if (this.modelsBodyBytes !== undefined) {
          this.modelsBytesSent = 0;
          return await serveHugeModelList(res, this.modelsBodyBytes, (n) => (this.modelsBytesSent += n), () => this.closed);
        }
        return json(res, 200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) });
      }
      if ((path === '/v1/completions' || path === '/v1/chat/completions') && req.method === 'POST') {
        if (!body) return json(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
        const refused = this.refuse(body);
        if (refused) return json(res, refused.error.code, refused);
        const next = this.queue.shift();
        const scripted = next ?? this.answer(record.prompt, record);
        const reply = typeof scripted === 'string' ? { text: scripted } : scripted;
        return await this.serve(res, record, reply);
      }
      json(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  }

  /** What vLLM refuses before generating: an unknown model, a prompt that does not fit the context. */
  private refuse(body: Record<string, unknown>): ReturnType<typeof vllmError> | undefined {
    const model = typeof body.model === 'string' ? body.model : '';
    if (this.strictModels && !this.models.includes(model)) return vllmError(404, 'NotFoundError', `The model \`${model}\` does not exist.`);
    if (this.maxModelLen === undefined) return undefined;
    const promptTokens = promptTokenCount(body);
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 16;
    if (promptTokens + maxTokens <= this.maxModelLen) return undefined;
    const chat = Array.isArray(body.messages);
    return vllmError(
      400,
      'BadRequestError',
      `This model's maximum context length is ${this.maxModelLen} tokens. However, you requested ${promptTokens + maxTokens} tokens ` +
        `(${promptTokens} in the ${chat ? 'messages' : 'prompt'}, ${maxTokens} in the completion). Please reduce the length of the ${chat ? 'messages' : 'prompt'} or completion.`,
    );
  }

  private async serve(res: ServerResponse, record: RecordedRequest, reply: Reply): Promise<void> {
    // When the answer starts being served: its pace is measured from here, on the server's side.
    this.emit('serving', performance.now());
    const fault = reply.fault;
    const ttft = reply.ttftMs ?? this.ttftMs;
    const tps = reply.tokensPerSecond ?? this.tokensPerSecond;
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      return json(res, fault.status, { error: { message: fault.message ?? `test fault ${fault.status}`, type: 'server_error' } }, headers);
    }
    if (fault?.kind === 'stall' && !fault.afterChars) return; // never answer; the client must give up
    if (fault?.kind === 'reset' && !fault.afterChars) {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'no-events') {
      res.writeHead(200);
      res.end('OK\n');
      return;
    }
    if (fault?.kind === 'html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><title>Sign in</title></head><body><p>Sign in to the network to continue.</p></body></html>');
      return;
    }

    const body = record.body ?? {};
    const chat = record.path === '/v1/chat/completions';
    const model = typeof body.model === 'string' ? body.model : (this.models[0] ?? 'model');
    const stop = stopSequences(body.stop);
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : Infinity;
    let { text, finish } = applyLimits(reply.text ?? '', stop, maxTokens);
    if (fault?.kind === 'endless') finish = 'length';
    const n = typeof body.n === 'number' && body.n > 1 ? Math.min(64, Math.floor(body.n)) : 1;
    // Samples after the first (n > 1): scripted texts, each cut by stop and max_tokens like the first.
    const others = Array.from({ length: n - 1 }, (_, i) => applyLimits(reply.samples?.[(i + 1) % reply.samples.length] ?? reply.text ?? '', stop, maxTokens));
    if (reply.samples?.[0] !== undefined && fault?.kind !== 'endless') ({ text, finish } = applyLimits(reply.samples[0], stop, maxTokens));
    const promptTokens = promptTokenCount(body);
    const usage = (completionTokens: number) => ({ prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens });
    const allTokens = splitTokens(text).length + others.reduce((sum, o) => sum + splitTokens(o.text).length, 0);

    if (ttft > 0) await this.later(ttft);
    if (res.destroyed) return;

    if (body.stream !== true) {
      if (fault) {
        // Non-streamed faults past the first byte: behave as the socket failing.
        res.socket?.destroy();
        return;
      }
      const choice = (index: number, t: string, f: string) =>
        chat
          ? { index, message: { role: 'assistant', content: t }, finish_reason: f, logprobs: null }
          : { index, text: t, finish_reason: f, logprobs: null };
      return json(res, 200, {
        id: 'test-1',
        object: chat ? 'chat.completion' : 'text_completion',
        created: 0,
        model,
        choices: [choice(0, text, finish), ...others.map((o, i) => choice(i + 1, o.text, o.finish))],
        usage: usage(allTokens),
      });
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const event = (delta: string, finishReason: string | null, index = 0) => {
      const choice = chat
        ? { index, delta: delta ? { content: delta } : {}, finish_reason: finishReason, logprobs: null }
        : { index, text: delta, finish_reason: finishReason, logprobs: null };
      const chunk = { id: 'test-1', object: chat ? 'chat.completion.chunk' : 'text_completion', created: 0, model, choices: [choice] };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    };
    if (chat) res.write(`data: ${JSON.stringify({ id: 'test-1', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`);

    if (fault?.kind === 'empty-deltas' || fault?.kind === 'trickle') {
      return await streamForever(res, fault, splitTokens(text), event, (ms) => this.later(ms), () => this.closed);
    }

    const tokens = splitTokens(text);
    const interval = tps > 0 ? 1000 / tps : 0;
    const started = Date.now();
    let sent = 0;
    let chars = 0;
    for (let i = 0; fault?.kind === 'endless' || i < tokens.length; i++) {
      if (res.destroyed || this.closed) return;
      const token = tokens.length === 0 ? 'more ' : (tokens[i % tokens.length] ?? '');
      if (fault && 'afterChars' in fault && fault.afterChars !== undefined && chars >= fault.afterChars) {
        if (fault.kind === 'stall') return; // headers and some tokens sent, then silence
        if (fault.kind === 'reset') {
          res.socket?.destroy();
          return;
        }
        if (fault.kind === 'malformed-sse') {
          res.write('data: {"choices": [ this is not json\n\n');
          res.end();
          return;
        }
      }
      event(token, null);
      this.emit('token', performance.now());
      // The other samples advance with the first, one token each, as a batched server sends them.
      others.forEach((o, c) => {
        const t = splitTokens(o.text)[i];
        if (t !== undefined) event(t, null, c + 1);
      });
      sent++;
      chars += token.length;
      if (interval > 0) {
        const due = started + sent * interval - Date.now();
        if (due > 0) await this.later(due);
      } else if (sent % 64 === 0) {
        await new Promise((resolve) => setImmediate(resolve)); // let the client breathe (and abort)
      }
    }
    // A fault due after more characters than the answer has happens at its end.
    if (fault?.kind === 'stall') return;
    if (fault?.kind === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'malformed-sse') {
      res.write('data: {"choices": [ this is not json\n\n');
      res.end();
      return;
    }
    // Samples longer than the first finish their text now.
    const firstLength = tokens.length;
    others.forEach((o, c) => {
      const rest = splitTokens(o.text).slice(firstLength).join('');
      if (rest) event(rest, null, c + 1);
    });
    event('', finish);
    this.emit('token', performance.now());
    others.forEach((o, c) => event('', o.finish, c + 1));
    const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
    if (streamOptions?.include_usage === true && this.sendUsage) {
      res.write(`data: ${JSON.stringify({ id: 'test-1', object: chat ? 'chat.completion.chunk' : 'text_completion', created: 0, model, choices: [], usage: usage(allTokens) })}\n\n`);
    }
    res.write('data: [DONE]\n\n');
    res.end();
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function promptOf(body: Record<string, unknown> | undefined): string {
  if (!body) return '';
  if (typeof body.prompt === 'string') return body.prompt;
  if (Array.isArray(body.messages)) {
    const users = body.messages.filter((m): m is { role: string; content: string } => typeof m === 'object' && m !== null && (m as { role?: unknown }).role === 'user');
    const last = users[users.length - 1];
    return typeof last?.content === 'string' ? last.content : '';
  }
  return '';
}

/** Tokens of everything the model reads: the prompt, or every message (few-shot pairs included). */
function promptTokenCount(body: Record<string, unknown>): number {
  if (typeof body.prompt === 'string') return splitTokens(body.prompt).length;
  if (!Array.isArray(body.messages)) return 0;
  return body.messages.reduce((sum: number, m: unknown) => sum + splitTokens(typeof (m as { content?: unknown })?.content === 'string' ? (m as { content: string }).content : '').length, 0);
}

function stopSequences(stop: unknown): string[] {
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop)) return stop.filter((s): s is string => typeof s === 'string' && s.length > 0);
  return [];
}

/** What a real server does with `stop` and `max_tokens`: cut the text, say why it finished. */
function applyLimits(text: string, stop: string[], maxTokens: number): { text: string; finish: 'stop' | 'length' } {
  let cut = text.length;
  for (const s of stop) {
    const at = text.indexOf(s);
    if (at >= 0 && at < cut) cut = at;
  }
  const result = text.slice(0, cut);
  const tokens = splitTokens(result);
  if (tokens.length > maxTokens) {
    return { text: tokens.slice(0, maxTokens).join(''), finish: 'length' };
  }
  return { text: result, finish: 'stop' };
}
