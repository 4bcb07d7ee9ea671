// OpenAI Batch API lines, which the OpenAI Batch API, vLLM's run_batch and Ray Data read and write:
//   input:  {"custom_id", "method": "POST", "url": "/v1/completions" | "/v1/chat/completions", "body"}
//   output: {"id", "custom_id", "response": {"status_code", "request_id", "body"} | null, "error": {...} | null}
// Output lines arrive in any order; custom_id ties them to their request.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Payload } from '../endpointClient.ts';

const batchRequestLineSchema = z.object({
  custom_id: z.string().min(1),
  method: z.literal('POST'),
  url: z.enum(['/v1/completions', '/v1/chat/completions']),
  body: z.record(z.string(), z.unknown()),
});
export type BatchRequestLine = z.infer<typeof batchRequestLineSchema>;

export const batchOutputLineSchema = z.object({
  id: z.string().nullish(),
  custom_id: z.string().min(1),
  response: z
    .object({
      status_code: z.number().int(),
      request_id: z.string().nullish(),
      body: z.unknown(),
    })
    .nullish(),
  error: z.object({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() }).nullish(),
});
export type BatchOutputLine = z.infer<typeof batchOutputLineSchema>;

/** The body of a completion or chat completion as an answer (not streamed). */
export const answerBodySchema = z.object({
  choices: z
    .array(
      z.object({
        index: z.number().int().nonnegative().nullish(),
        text: z.string().nullish(),
        message: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() }).nullish(),
});

/** The request line for a payload: the same body a live request sends, minus streaming. */
export function requestLine(customId: string, payload: Payload, model: string, defaults: { temperature: number; maxTokens: number }): BatchRequestLine {
  const body: Record<string, unknown> = {
    model,
    ...(payload.style === 'completion' ? { prompt: payload.prompt } : { messages: payload.messages }),
    max_tokens: payload.maxTokens ?? defaults.maxTokens,
    temperature: payload.temperature ?? defaults.temperature,
    ...(payload.stop.length > 0 ? { stop: payload.stop } : {}),
    ...(payload.n !== undefined && payload.n > 1 ? { n: payload.n } : {}),
  };
  return { custom_id: customId, method: 'POST', url: payload.style === 'completion' ? '/v1/completions' : '/v1/chat/completions', body };
}

/**
 * A stable custom_id of at most 64 characters (some batch services cap it there): the item
 * (document or dataset id, shortened), the problem's content key, the style, a hash of the
 * template version (which names the samples too) and the phase.
 */
export function customId(item: string, contentKey: string, style: string, templateVersion: string, phase: string): string {
  const safe = item.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 20);
  const version = createHash('sha256').update(templateVersion).digest('hex').slice(0, 8);
  return [safe, contentKey.slice(0, 12), style, version, phase].join('~');
}

/**
 * vLLM's run_batch accepts /v1/chat/completions lines but not /v1/completions. A completion request
 * becomes a chat request whose chat template passes the prompt through unchanged (and the
 * tokenizer's special tokens added, as the completions API does), so the model reads the same bytes.
 */
export function asChatPassthrough(line: BatchRequestLine): BatchRequestLine {
  if (line.url !== '/v1/completions') return line;
  const { prompt, ...rest } = line.body;
  return {
    ...line,
    url: '/v1/chat/completions',
    body: { ...rest, messages: [{ role: 'user', content: prompt }], chat_template: PASSTHROUGH_TEMPLATE, add_generation_prompt: false, add_special_tokens: true },
  };
}

/** A Jinja chat template that renders the one message's text and nothing else. */
const PASSTHROUGH_TEMPLATE = "{{ messages[0]['content'] }}";
