// Endpoints that keep talking without finishing, answer with something that is not an OpenAI
// stream, send a huge model list, or sit behind `user:pass@`: every call ends, with a reason.
// No assertion here is about elapsed time: a small deadline against an endpoint that never
// finishes must end in a deadline error, however busy the machine is.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelEngine } from '../../../server/model/modelEngine.ts';
import { EndpointClient, EndpointError } from '../../../server/model/endpointClient.ts';
import { redactCredentials } from '../../../server/model/endpointCredentials.ts';
import { modelSettingsSchema, type ModelSettings } from '../../../server/settings.ts';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { MUFFINS_ANSWER, muffins } from '../../support/makeProblem.ts';

let server: OpenAITestServer;
before(async () => {
  server = await OpenAITestServer.start({ answer: () => MUFFINS_ANSWER });
});
after(() => server.close());

function engine(overrides: Partial<ModelSettings> = {}, apiKey?: string): ModelEngine {
  const settings = modelSettingsSchema.parse({ endpoint: server.url, name: 'lema-test', timeoutMs: 60_000, retries: 0, ...overrides });
  return new ModelEngine({ settings, retryBaseMs: 5, ...(apiKey ? { apiKey } : {}) });
}

const isKind = (kind: string) => (error: unknown) => error instanceof EndpointError && error.kind === kind;

describe('a deadline per request', { timeout: 60_000 }, () => {
  test('a stream of empty deltas that never ends: a deadline error, and the request is closed', async () => {
    server.enqueue({ fault: { kind: 'empty-deltas', everyMs: 5 } });
    const arrived = server.waitForRequests(server.answerRequests.length + 1);
    const pending = engine({ deadlineMs: 300 }).checkStreaming(muffins());
    await arrived;
    const request = server.answerRequests.at(-1)!;
    await assert.rejects(pending, (error: unknown) => isKind('deadline')(error) && /300 ms deadline/.test((error as Error).message));
    await server.waitForAbort(request);
  });

  test('one token at a time, forever: a deadline error even though the stall timer never fires', async () => {
    server.enqueue({ fault: { kind: 'trickle', everyMs: 20 }, text: MUFFINS_ANSWER.replace('\n}\n', '') });
    await assert.rejects(engine({ deadlineMs: 300 }).checkStreaming(muffins()), isKind('deadline'));
  });

  test('the deadline covers the retries too, and is not retried itself', async () => {
    const count = server.answerRequests.length;
    server.enqueue(...Array.from({ length: 3 }, () => ({ fault: { kind: 'empty-deltas' as const, everyMs: 5 } })));
    await assert.rejects(engine({ deadlineMs: 300, retries: 2 }).checkStreaming(muffins()), isKind('deadline'));
    assert.equal(server.answerRequests.length - count, 1, 'one request: a deadline is final');
    server.queue.length = 0;
  });

  test('a deadline is an endpoint fault (it feeds the circuit breaker), not a bad request', () => {
    const error = new EndpointError('deadline', 'x');
    assert.equal(error.endpointFault, true);
    assert.equal(error.retryable, false);
  });

  test('check() turns the deadline into an unknown verdict with the reason', async () => {
    server.enqueue({ fault: { kind: 'empty-deltas', everyMs: 5 } });
    const verdict = await engine({ deadlineMs: 300 }).check(muffins());
    assert.ok(verdict.status === 'unknown' && /deadline/.test(verdict.reason ?? ''), JSON.stringify(verdict));
  });
});

describe('answers that are not an OpenAI stream', { timeout: 30_000 }, () => {
  test('an HTML page served with 200 (a proxy, a captive portal) is a protocol error, not an empty answer', async () => {
    server.enqueue({ fault: { kind: 'html' } });
    await assert.rejects(engine().checkStreaming(muffins()), (error: unknown) => isKind('protocol')(error) && /text\/html/.test((error as Error).message));
  });

  test('a 200 without a content type and without a single event is a protocol error too', async () => {
    server.enqueue({ fault: { kind: 'no-events' } });
    await assert.rejects(engine().checkStreaming(muffins()), (error: unknown) => isKind('protocol')(error) && /without sending an answer/.test((error as Error).message));
  });

  test('an HTML page is retried like any protocol error', async () => {
    server.enqueue({ fault: { kind: 'html' } }, { text: MUFFINS_ANSWER });
    const verdict = await engine({ retries: 1 }).checkStreaming(muffins());
    assert.equal(verdict.status, 'wrong');
  });
});

describe('GET /v1/models is read bounded', { timeout: 60_000 }, () => {
  test('a 50 MB model list is cancelled after 1 MiB: a protocol error, most of it never sent', async () => {
    server.modelsBodyBytes = 50 * 1024 * 1024;
    try {
      await assert.rejects(engine().probe(), (error: unknown) => isKind('protocol')(error) && /larger than 1 MiB/.test((error as Error).message));
      // Socket buffers hold a few MiB at most; reading the whole body would have sent all 50.
      assert.ok(server.modelsBytesSent < 16 * 1024 * 1024, `${server.modelsBytesSent} bytes sent`);
    } finally {
      server.modelsBodyBytes = undefined;
    }
  });

  test('a small model list still answers with the ids', async () => {
    assert.deepEqual(await engine().probe(), ['lema-test']);
  });

  test('a sign-in page instead of the model list: the endpoint is not reachable, and says why', async () => {
    server.down = { kind: 'html' };
    try {
      await assert.rejects(engine().probe(), (error: unknown) => isKind('protocol')(error) && /not JSON/.test((error as Error).message));
    } finally {
      server.down = undefined;
    }
  });

  test('a probe answered with an error status says which', async () => {
    server.down = { kind: 'status', status: 503, message: 'overloaded' };
    try {
      await assert.rejects(engine().probe(), (error: unknown) => isKind('server')(error) && /503.*overloaded/.test((error as Error).message));
    } finally {
      server.down = undefined;
    }
  });
});

describe('credentials in the endpoint URL', { timeout: 30_000 }, () => {
  const withCredentials = () => server.url.replace('http://', 'http://student:p%40ss-w0rd@');
  const basic = `Basic ${Buffer.from('student:p@ss-w0rd').toString('base64')}`;

  test('are sent as an Authorization: Basic header, on requests and probes, and the URL works', async () => {
    const client = engine({ endpoint: withCredentials() });
    const count = server.requests.length;
    const verdict = await client.checkStreaming(muffins());
    assert.equal(verdict.status, 'wrong');
    assert.deepEqual(await client.probe(), ['lema-test']);
    const sent = server.requests.slice(count);
    assert.equal(sent.length, 2);
    for (const request of sent) assert.equal(request.headers.authorization, basic);
    assert.equal(client.info.host, `127.0.0.1:${server.port}`, 'the host (a cache key, shown to people) has no credentials');
  });

  test('an API key wins over the URL credentials', async () => {
    const count = server.requests.length;
    await engine({ endpoint: withCredentials() }, 'sk-test').checkStreaming(muffins());
    assert.equal(server.requests[count]!.headers.authorization, 'Bearer sk-test');
  });

  test('never appear in an error message', async () => {
    const closed = await OpenAITestServer.start();
    const url = closed.url.replace('http://', 'http://student:hunter2@');
    await closed.close();
    await assert.rejects(engine({ endpoint: url }).checkStreaming(muffins()), (error: unknown) => {
      assert.ok(error instanceof EndpointError && error.kind === 'connection', String(error));
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    });
    await assert.rejects(engine({ endpoint: url }).probe(), (error: unknown) => error instanceof EndpointError && !/hunter2/.test(error.message));
    assert.throws(
      () => new EndpointClient({ baseURL: 'ftp://student:hunter2@host/v1', model: 'm', timeoutMs: 1000, retries: 0, temperature: 0, maxTokens: 16 }),
      (error: unknown) => error instanceof EndpointError && error.kind === 'config' && !/hunter2/.test(error.message) && /\*\*\*@host/.test(error.message),
    );
  });

  test('redaction covers every URL in a text and leaves other text alone', () => {
    assert.equal(
      redactCredentials('fetch http://a:b@x/v1 and https://user@y:8000/v1, not mail@example.com'),
      'fetch http://***@x/v1 and https://***@y:8000/v1, not mail@example.com',
    );
  });
});
