// The live asker over a real socket: n samples read until each is whole, a short grace for the
// usage chunk, and the text after a whole answer left out of it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointClient } from '../../../server/model/endpointClient.ts';
import { LiveAsker } from '../../../server/model/liveAsker.ts';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';

let server: OpenAITestServer;
before(async () => {
  server = await OpenAITestServer.start();
});
after(() => server.close());

const client = () => new EndpointClient({ baseURL: server.url, model: 'lema-test', timeoutMs: 5000, retries: 0, temperature: 0, maxTokens: 512 });
/** A tap that calls a sample whole once it has seen `}`. */
const braceTap = () => {
  const seen: string[] = [];
  return {
    onText: (delta: string, choice: number) => (seen[choice] = (seen[choice] ?? '') + delta).includes('}'),
    onRestart: () => void (seen.length = 0),
  };
};

describe('LiveAsker', { timeout: 30_000 }, () => {
  test('each sample ends where it became whole; the usage chunk still arrives', async () => {
    server.enqueue({ samples: ['Step 2. { a } and then the model rambles on', 'Step 1. { b } more rambling here'] });
    const reply = await new LiveAsker(client()).ask({ phase: 'check', payload: { style: 'completion', prompt: 'p', stop: [], n: 2 } }, braceTap());
    assert.deepEqual(reply.texts, ['Step 2. { a } ', 'Step 1. { b } ']);
    assert.equal(reply.truncated, false);
    assert.ok(reply.usage && reply.usage.completionTokens > 0, 'the stream was read to its usage chunk');
  });

  test('without a tap the whole answer is read', async () => {
    server.enqueue({ text: 'The answer is 18. Done.' });
    const reply = await new LiveAsker(client()).ask({ phase: 'solve', payload: { style: 'completion', prompt: 'p', stop: [] } });
    assert.deepEqual(reply.texts, ['The answer is 18. Done.']);
  });
});
