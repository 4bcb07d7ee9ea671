// The test endpoint itself: if it lied, every model test above it would prove nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { demoAnswer, findSlip } from '../../support/demoAnswers.ts';

let server: OpenAITestServer;
let client: OpenAI;
before(async () => {
  server = await OpenAITestServer.start({ answer: (prompt) => `echo: ${prompt.length}\nQuestion: next one`, models: ['a', 'b'] });
  client = new OpenAI({ baseURL: server.url, apiKey: 'k', maxRetries: 0, logLevel: 'off' });
});
after(() => server.close());

describe('OpenAITestServer', { timeout: 20_000 }, () => {
  test('lists models and answers unknown routes with 404', async () => {
    const models = await client.models.list();
    assert.deepEqual(models.data.map((m) => m.id), ['a', 'b']);
    const response = await fetch(`${server.url}/nothing`);
    assert.equal(response.status, 404);
  });

  test('non-streamed completion and chat, honouring stop sequences', async () => {
    const completion = await client.completions.create({ model: 'a', prompt: 'hello', stop: ['\nQuestion:'] });
    assert.equal(completion.choices[0]?.text, 'echo: 5');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    const chat = await client.chat.completions.create({ model: 'a', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(chat.choices[0]?.message.content, 'echo: 2\nQuestion: next one');
  });

  test('max_tokens cuts the answer with finish_reason length', async () => {
    server.enqueue({ text: 'one two three four five' });
    const completion = await client.completions.create({ model: 'a', prompt: 'x', max_tokens: 2 });
    assert.equal(completion.choices[0]?.text, 'one two ');
    assert.equal(completion.choices[0]?.finish_reason, 'length');
  });

  test('streams at the configured pace: time to first token and tokens per second', async () => {
    server.enqueue({ text: 'a b c d e f g h i j ', ttftMs: 200, tokensPerSecond: 50 });
    const sent: { at: number }[] = [];
    let servingAt: number | undefined;
    const onToken = (at: number) => sent.push({ at });
    const onServing = (at: number) => (servingAt = at);
    server.on('token', onToken);
    server.on('serving', onServing);
    const stream = await client.completions.create({ model: 'a', prompt: 'x', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    server.off('token', onToken);
    server.off('serving', onServing);
    assert.equal(text, 'a b c d e f g h i j ');
    // Measured on the server's side: the first token leaves no earlier than the time to first token.
    assert.ok(servingAt !== undefined && sent[0]!.at - servingAt >= 190, `first token sent ${sent[0]!.at - (servingAt ?? 0)} ms after serving began`);
    // The pace is the server's: measured where tokens are sent (a busy client may read them in a burst).
    const sentAt = sent.map((t) => t.at);
    assert.equal(sentAt.length, 11, '10 tokens and the finish event');
    assert.ok(sentAt[9]! - sentAt[0]! >= 9 * 20 - 15, `10 tokens at 50/s span ${sentAt[9]! - sentAt[0]!} ms`);
  });

  test('records requests and counts concurrent ones', async () => {
    const before = server.answerRequests.length;
    await client.completions.create({ model: 'a', prompt: 'recorded prompt' });
    const last = server.answerRequests[before];
    assert.equal(last?.prompt, 'recorded prompt');
    assert.equal(last?.body?.model, 'a');
    assert.equal(last?.aborted, false);
    assert.equal(server.active, 0);
  });
});

describe('demo answers', () => {
  test('flags the first wrong a op b = c and carries the fix forward', () => {
    assert.deepEqual(findSlip(['The bakery sold 9 × 2 = 19 muffins.', 'It made 19 × $3 = $57.', 'The answer is $57.']), {
      step: 1,
      explanation: 'The computation in this step is off: 9 × 2 is 18, not 19.',
      corrected: ['The bakery sold 9 × 2 = 18 muffins.', 'It made 18 × $3 = $54.', 'The answer is $54.'],
    });
    assert.equal(findSlip(['60 + 45 = 105 km.', '105 / 2 = 52.5 km/h.']), undefined);
    assert.match(demoAnswer('Original Solution:\n{\nStep 1: 2 + 2 = 4.\n}\nIncorrect Step:'), /^ None\./);
  });
});
