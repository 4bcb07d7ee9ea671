// Batch output lines as the OpenAI Batch API, vLLM's run_batch and other runners write them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchAsker, DeferredRequest } from '../../../server/model/batch/batchAsker.ts';
import { customId, type BatchOutputLine } from '../../../server/model/batch/batchLines.ts';
import { EndpointError } from '../../../server/model/endpointClient.ts';
import type { ModelRequest } from '../../../server/model/modelRequest.ts';

const identity = { item: 'doc.md#1', contentKey: '0123456789abcdef0123', style: 'critic', templateVersion: 'processbench-critic-v1-abcd1234-n4', model: 'qwq', temperature: 0.7, maxTokens: 4096 };
const request: ModelRequest = { phase: 'locate', payload: { style: 'chat', messages: [{ role: 'user', content: 'q' }], stop: [], n: 4, maxTokens: 8192 } };
const id = customId(identity.item, identity.contentKey, identity.style, identity.templateVersion, 'locate');

function asker(line: Omit<BatchOutputLine, 'custom_id'>): BatchAsker {
  return new BatchAsker(identity, new Map([[id, { custom_id: id, ...line }]]));
}

describe('BatchAsker', () => {
  test('choices in any order come back by index, with usage', async () => {
    const body = {
      choices: [1, 0, 3, 2].map((index) => ({ index, message: { role: 'assistant', content: `\\boxed{${index}}` }, finish_reason: 'stop' })),
      usage: { prompt_tokens: 100, completion_tokens: 40 },
    };
    const reply = await asker({ response: { status_code: 200, body } }).ask(request);
    assert.deepEqual(reply.texts, ['\\boxed{0}', '\\boxed{1}', '\\boxed{2}', '\\boxed{3}']);
    assert.deepEqual(reply.usage, { promptTokens: 100, completionTokens: 40 });
    assert.equal(reply.truncated, false);
  });

  test('a body written as a JSON string is read too', async () => {
    const body = JSON.stringify({ choices: [{ index: 0, text: 'The answer is 18.', finish_reason: 'length' }] });
    const reply = await asker({ response: { status_code: 200, body } }).ask(request);
    assert.deepEqual(reply.texts, ['The answer is 18.']);
    assert.equal(reply.truncated, true, 'cut by max_tokens');
  });

  test('failures: an error object, a non-200 with vLLM\'s body, a body that is no completion', async () => {
    const cases: [Omit<BatchOutputLine, 'custom_id'>, RegExp][] = [
      [{ response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } }, /could not be executed/],
      [{ response: { status_code: 400, body: { error: { message: "This model's maximum context length is 4096 tokens.", type: 'BadRequestError', param: null, code: 400 } } } }, /status 400: This model's maximum context length is 4096 tokens/],
      [{ response: { status_code: 200, body: { object: 'list', data: [] } } }, /not a completion/],
    ];
    for (const [line, message] of cases) {
      const a = asker(line);
      await assert.rejects(a.ask(request), (error: unknown) => error instanceof EndpointError && message.test(error.message));
      assert.equal(a.failed.length, 1);
      assert.equal(a.failed[0]?.line.custom_id, id);
      assert.equal(a.failed[0]?.line.body.n, 4, 'the retry line is the request as written');
    }
  });

  test('no output line yet: the request line is kept for the next batch', async () => {
    const a = new BatchAsker(identity, new Map());
    await assert.rejects(a.ask(request), DeferredRequest);
    assert.deepEqual(a.pending.map((l) => [l.custom_id, l.url, l.body.max_tokens, l.body.temperature, l.body.model]), [[id, '/v1/chat/completions', 8192, 0.7, 'qwq']]);
    assert.ok(id.length <= 64);
  });
});
