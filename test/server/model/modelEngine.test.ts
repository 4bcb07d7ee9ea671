import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModelEngine, ModelEngine } from '../../../server/model/modelEngine.ts';
import { TemplateError } from '../../../server/model/template.ts';
import { EndpointError, sleep } from '../../../server/model/endpointClient.ts';
import { modelSettingsSchema, type ModelSettings } from '../../../server/settings.ts';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { MUFFINS_ANSWER, muffins } from '../../support/makeProblem.ts';

let server: OpenAITestServer;
before(async () => {
  server = await OpenAITestServer.start();
});
after(() => server.close());

function settings(overrides: Partial<ModelSettings> = {}): ModelSettings {
  // A generous stall timer: a busy test machine must not read as a stalled endpoint.
  return modelSettingsSchema.parse({ endpoint: server.url, name: 'lema-test', timeoutMs: 10_000, retries: 2, ...overrides });
}

function engine(overrides: Partial<ModelSettings> = {}, logs: string[] = []): ModelEngine {
  return new ModelEngine({ settings: settings(overrides), retryBaseMs: 10, log: (line) => logs.push(line) });
}

describe('ModelEngine over a real socket', { timeout: 30_000 }, () => {
  test('completion style: LeMa prompt out, streamed correction in, early step before the verdict', async () => {
    server.enqueue({ text: MUFFINS_ANSWER, tokensPerSecond: 400 });
    const before = server.answerRequests.length;
    const events: string[] = [];
    const verdictPromise = engine().checkStreaming(muffins(), { onStep: (i) => events.push(`step ${i}`) });
    const verdict = await verdictPromise;
    events.push('verdict');
    assert.deepEqual(events, ['step 1', 'verdict']);
    const request = server.answerRequests[before];
    assert.equal(request?.path, '/v1/completions');
    assert.equal(request?.body?.stream, true);
    assert.equal(request?.body?.temperature, 0);
    assert.match(request?.prompt ?? '', /\nQuestion: A baker fills[^\n]*\nOriginal Solution:\n\{\nStep 1: The baker makes 4 × 12 = 48 muffins\.\nStep 2: After selling 30, 48 \+ 30 = 78 muffins are left\.\nStep 3: The answer is 78\.\n\}\nIncorrect Step:$/);
    assert.ok(Array.isArray(request?.body?.stop));
    assert.equal(verdict.status, 'wrong');
    if (verdict.status !== 'wrong') return;
    assert.equal(verdict.stepIndex, 1);
    assert.equal(verdict.kind, 'reasoning');
    assert.match(verdict.hint, /Step 2/);
    assert.doesNotMatch(verdict.hint, /18/, 'the hint does not give the answer away');
    // The final answer stood on its own line, so `The answer is 18.` becomes finalAnswer, not a step.
    assert.deepEqual(verdict.correction, { fromStep: 1, steps: ['After selling 30, 48 - 30 = 18 muffins are left.'], finalAnswer: '18' });
    assert.deepEqual(verdict.engine, { kind: 'model', model: 'lema-test', style: 'completion', templateVersion: verdict.engine.kind === 'model' ? verdict.engine.templateVersion : '', host: `127.0.0.1:${server.port}` });
    assert.match(verdict.engine.kind === 'model' ? verdict.engine.templateVersion : '', /^lema-v1-[0-9a-f]{8}$/);
  });

  test('chat style: few-shot pairs then the problem; the answer carries its own label', async () => {
    server.enqueue({ text: `Here is my check.\n\nIncorrect Step:${MUFFINS_ANSWER}` });
    const before = server.answerRequests.length;
    const verdict = await engine({ style: 'chat' }).checkStreaming(muffins());
    const request = server.answerRequests[before];
    assert.equal(request?.path, '/v1/chat/completions');
    const messages = request?.body?.messages as { role: string; content: string }[];
    assert.deepEqual(messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant', 'user']);
    assert.match(messages[1]?.content ?? '', /^Incorrect Step: Step 2\./);
    assert.ok(verdict.status === 'wrong' && verdict.stepIndex === 1);
  });

  test('settings headers and the API key are sent; a template file changes the prompt and the version', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'lema-template-')), 'template.json');
    await writeFile(file, JSON.stringify({ version: 'mine', instruction: 'Find the first wrong step.' }));
    const custom = await createModelEngine(settings({ headers: { 'x-team': 'maths' }, templateFile: file }), { apiKey: 'sk-1' });
    assert.match(custom.info.templateVersion, /^mine-[0-9a-f]{8}$/);
    server.enqueue({ text: ' None.' });
    const before = server.answerRequests.length;
    await custom.checkStreaming(muffins());
    const request = server.answerRequests[before];
    assert.equal(request?.headers['x-team'], 'maths');
    assert.equal(request?.headers.authorization, 'Bearer sk-1');
    assert.match(request?.prompt ?? '', /^Find the first wrong step\.\nQuestion:/);
    await writeFile(file, JSON.stringify({ instruction: 42 }));
    await assert.rejects(createModelEngine(settings({ templateFile: file })), (error: unknown) => error instanceof TemplateError && /instruction/.test(error.message));
    await writeFile(file, '{ not json');
    await assert.rejects(createModelEngine(settings({ templateFile: file })), /not valid JSON/);
  });

  test('"None" is a correct verdict; the stream is not read further', async () => {
    server.enqueue({ text: ' None.\nExplanation: all fine.' });
    const verdict = await engine().checkStreaming(muffins());
    assert.equal(verdict.status, 'correct');
  });

  test('flagging the added answer line maps to the last step as a final-answer mistake', async () => {
    server.enqueue({ text: ' Step 3.\nExplanation: 48 + 30 is 78, but the question asks what is left.\nCorrect Solution:\n{\n...\nStep 3: The answer is 18.\n}' });
    const verdict = await engine().checkStreaming(muffins());
    assert.ok(verdict.status === 'wrong');
    assert.equal(verdict.stepIndex, 1);
    assert.equal(verdict.kind, 'final-answer');
    assert.deepEqual(verdict.correction, { fromStep: 2, steps: [], finalAnswer: '18' });
  });

  test('garbage and out-of-range answers are unknown with a reason and a log line', async () => {
    const logs: string[] = [];
    server.enqueue({ text: 'lorem ipsum dolor sit amet' }, { text: ' Step 7.\nExplanation: x.' });
    const garbage = await engine({}, logs).checkStreaming(muffins());
    const outOfRange = await engine({}, logs).checkStreaming(muffins());
    assert.ok(garbage.status === 'unknown' && /cannot read the step number/.test(garbage.reason ?? ''));
    assert.ok(outOfRange.status === 'unknown' && /out of range/.test(outOfRange.reason ?? ''));
    assert.equal(logs.length, 2);
  });

  test('an answer that never ends is cut at maxChars and the stream closed', async () => {
    server.enqueue({ fault: { kind: 'endless' }, text: 'blah ' });
    const logs: string[] = [];
    // Chat style: no label in the prompt, so the parser keeps looking for one until the limit.
    const small = new ModelEngine({ settings: settings({ style: 'chat' }), maxChars: 2_000, log: (l) => logs.push(l) });
    const verdict = await small.checkStreaming(muffins());
    assert.ok(verdict.status === 'unknown' && /longer than 2000 characters/.test(verdict.reason ?? ''), JSON.stringify(verdict));
    assert.ok(logs.some((l) => /longer than 2000 characters/.test(l)));
  });

  test('an endless answer that names a step and explains it is still no verdict (it was cut)', async () => {
    // The step and an explanation arrive, then the explanation never ends: nothing after the cut is known.
    server.enqueue({ fault: { kind: 'endless' }, text: ' Step 1.\nExplanation: the count is off and ' });
    const small = new ModelEngine({ settings: settings(), maxChars: 2_000 });
    const steps: number[] = [];
    const verdict = await small.checkStreaming(muffins(), { onStep: (i) => steps.push(i) });
    assert.deepEqual(steps, [0], 'the step was seen early');
    assert.ok(verdict.status === 'unknown' && /longer than 2000 characters/.test(verdict.reason ?? ''), JSON.stringify(verdict));
  });

  test('an endless but valid answer stops at the closing brace', async () => {
    server.enqueue({ fault: { kind: 'endless' }, text: MUFFINS_ANSWER });
    const verdict = await engine().checkStreaming(muffins());
    assert.ok(verdict.status === 'wrong' && verdict.correction?.steps.length === 1);
  });
});

describe('faults: retried, or failed with a reason, never a crash', { timeout: 30_000 }, () => {
  test('500 then success: retried', async () => {
    server.enqueue({ fault: { kind: 'status', status: 500 } }, { text: MUFFINS_ANSWER });
    const before = server.answerRequests.length;
    const verdict = await engine().checkStreaming(muffins());
    assert.equal(verdict.status, 'wrong');
    assert.equal(server.answerRequests.length - before, 2);
  });

  test('429 honours Retry-After', async () => {
    server.enqueue({ fault: { kind: 'status', status: 429, retryAfter: '1' } }, { text: MUFFINS_ANSWER });
    const logs: string[] = [];
    const verdict = await engine({}, logs).checkStreaming(muffins());
    assert.equal(verdict.status, 'wrong');
    // The delay the client chose is the server's second (the sleep itself is `sleep`, tested below).
    assert.ok(logs.some((l) => /rate limiting.*retrying in 1000 ms/.test(l)), logs.join('\n'));
  });

  test('a stall past timeoutMs is aborted and retried', async () => {
    server.enqueue({ fault: { kind: 'stall' } }, { fault: { kind: 'stall', afterChars: 10 }, text: MUFFINS_ANSWER }, { text: MUFFINS_ANSWER });
    const before = server.answerRequests.length;
    // Short enough to keep the test quick; spare retries so that a slow answer on a busy machine
    // (read as one more stall) does not fail it.
    const verdict = await engine({ timeoutMs: 1_000, retries: 5 }).checkStreaming(muffins());
    assert.equal(verdict.status, 'wrong');
    assert.ok(server.answerRequests.length - before >= 3, 'both stalls were abandoned and retried');
  });

  test('a reset in the middle of a stream is retried from scratch (one early event)', async () => {
    server.enqueue({ fault: { kind: 'reset', afterChars: 20 }, text: MUFFINS_ANSWER }, { text: MUFFINS_ANSWER });
    const steps: number[] = [];
    const verdict = await engine().checkStreaming(muffins(), { onStep: (i) => steps.push(i) });
    assert.ok(verdict.status === 'wrong' && verdict.explanation.startsWith('Selling muffins'));
    assert.deepEqual(steps, [1]);
  });

  test('malformed SSE is a protocol error, retried', async () => {
    server.enqueue({ fault: { kind: 'malformed-sse', afterChars: 5 }, text: MUFFINS_ANSWER }, { text: MUFFINS_ANSWER });
    const verdict = await engine().checkStreaming(muffins());
    assert.equal(verdict.status, 'wrong');
  });

  test('retries exhausted: EndpointError with the reason; check() turns it into unknown', async () => {
    server.enqueue(...Array.from({ length: 6 }, () => ({ fault: { kind: 'status' as const, status: 503 } })));
    await assert.rejects(engine({ retries: 2 }).checkStreaming(muffins()), (error: unknown) => {
      assert.ok(error instanceof EndpointError);
      assert.equal(error.kind, 'server');
      assert.match(error.message, /503/);
      return true;
    });
    const verdict = await engine({ retries: 2 }).check(muffins());
    assert.ok(verdict.status === 'unknown' && /503/.test(verdict.reason ?? ''));
  });

  test('401 is not retried', async () => {
    server.enqueue({ fault: { kind: 'status', status: 401 } });
    const before = server.answerRequests.length;
    await assert.rejects(engine().checkStreaming(muffins()), (error: unknown) => error instanceof EndpointError && error.kind === 'auth');
    assert.equal(server.answerRequests.length - before, 1);
  });

  test('nothing listening: a connection error, not a crash', async () => {
    const closed = await OpenAITestServer.start();
    const url = closed.url;
    await closed.close();
    const offline = new ModelEngine({ settings: modelSettingsSchema.parse({ endpoint: url, name: 'x', retries: 0 }) });
    await assert.rejects(offline.checkStreaming(muffins()), (error: unknown) => error instanceof EndpointError && error.kind === 'connection' && /ECONNREFUSED/.test(error.message));
  });

  test('an abort from the caller rejects with kind aborted and stops the request', async () => {
    server.enqueue({ fault: { kind: 'stall' } });
    const controller = new AbortController();
    const waiting = server.waitForRequests(server.answerRequests.length + 1);
    const pending = engine({ timeoutMs: 60_000 }).checkStreaming(muffins(), { signal: controller.signal });
    await waiting;
    controller.abort();
    await assert.rejects(pending, (error: unknown) => error instanceof EndpointError && error.kind === 'aborted');
  });
});

describe('the retry wait', () => {
  test('sleep resolves when its timer runs out, not before, and rejects when aborted', async () => {
    // Node's mock timers: the wait is decided by the timer, never by how busy the machine is.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let done = false;
      const waiting = sleep(1000).then(() => (done = true));
      mock.timers.tick(999);
      await Promise.resolve();
      assert.equal(done, false, 'still waiting 1 ms before the Retry-After runs out');
      mock.timers.tick(1);
      await waiting;
      assert.equal(done, true);
      const controller = new AbortController();
      const aborted = sleep(1000, controller.signal);
      controller.abort();
      await assert.rejects(aborted, (error: unknown) => error instanceof EndpointError && error.kind === 'aborted');
    } finally {
      mock.timers.reset();
    }
  });
});
