// An Asker for batch files: answers a request from the batch output lines read so far, or, when
// its line is not there yet, records the request line for the next batch and stops the item
// (a `lema` problem whose solve phase disagreed needs a second batch for its correction).
import { EndpointError } from '../endpointClient.ts';
import type { Asker, ModelReply, ModelRequest } from '../modelRequest.ts';
import { answerBodySchema, customId, requestLine, type BatchOutputLine, type BatchRequestLine } from './batchLines.ts';

/** Thrown when a request has no output line yet: the item waits for the next batch. */
export class DeferredRequest extends Error {
  constructor(readonly line: BatchRequestLine) {
    super(`waiting for the batch output of ${line.custom_id}`);
  }
}

export interface BatchIdentity {
  item: string;
  contentKey: string;
  style: string;
  templateVersion: string;
  model: string;
  temperature: number;
  maxTokens: number;
}

export class BatchAsker implements Asker {
  /** Request lines this item still needs (at most one: an item stops at its first missing answer). */
  readonly pending: BatchRequestLine[] = [];
  /** Request lines whose output line failed: listed for a retry. */
  readonly failed: { line: BatchRequestLine; reason: string }[] = [];

  constructor(
    private readonly identity: BatchIdentity,
    private readonly outputs: ReadonlyMap<string, BatchOutputLine>,
  ) {}

  async ask(request: ModelRequest): Promise<ModelReply> {
    const { item, contentKey, style, templateVersion, model, temperature, maxTokens } = this.identity;
    const line = requestLine(customId(item, contentKey, style, templateVersion, request.phase), request.payload, model, { temperature, maxTokens });
    const output = this.outputs.get(line.custom_id);
    if (!output) {
      this.pending.push(line);
      throw new DeferredRequest(line);
    }
    const fail = (reason: string): never => {
      this.failed.push({ line, reason });
      throw new EndpointError('request', `batch line ${line.custom_id} failed: ${reason}`);
    };
    if (output.error?.message || !output.response) return fail(output.error?.message ?? 'no response');
    if (output.response.status_code !== 200) {
      const message = (output.response.body as { error?: { message?: unknown }; message?: unknown } | undefined)?.error?.message ?? (output.response.body as { message?: unknown })?.message;
      return fail(`status ${output.response.status_code}${typeof message === 'string' ? `: ${message.slice(0, 300)}` : ''}`);
    }
    // Some batch runners write the body as a JSON string rather than an object.
    const raw = typeof output.response.body === 'string' ? safeJson(output.response.body) : output.response.body;
    const body = answerBodySchema.safeParse(raw);
    if (!body.success) return fail('the response body is not a completion');
    const choices = [...body.data.choices].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    const usage = body.data.usage;
    return {
      texts: choices.map((c) => c.text ?? c.message?.content ?? ''),
      truncated: choices[0]?.finish_reason !== 'stop',
      ...(usage ? { usage: { promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0 } } : {}),
    };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
