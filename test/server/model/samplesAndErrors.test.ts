// Self-consistency in the completion/chat styles, and vLLM's real error shapes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointError } from '../../../server/model/endpointClient.ts';
import { ModelEngine } from '../../../server/model/modelEngine.ts';
import { readSolvedAnswer, sameAnswer } from '../../../server/model/solvedAnswer.ts';
import { modelSettingsSchema, type ModelSettings } from '../../../server/settings.ts';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { MUFFINS_ANSWER, muffins } from '../../support/makeProblem.ts';

let server: OpenAITestServer;
before(async () => {
  server = await OpenAITestServer.start({ models: ['lema-test', 'qwen-critic'] });
});
after(() => server.close());

function engine(overrides: Partial<ModelSettings> = {}): ModelEngine {
  return new ModelEngine({ settings: modelSettingsSchema.parse({ endpoint: server.url, name: 'lema-test', timeoutMs: 2000, retries: 1, ...overrides }), retryBaseMs: 5 });
}

const MUFFINS_EXPLAINED = `Incorrect Step:${MUFFINS_ANSWER}`;
const STEP1 = ' Step 1.\nExplanation: The trays hold 4 × 12 muffins, computed wrongly.\nCorrect Solution:\n{\nStep 1: The baker makes 4 × 12 = 48 muffins.\nStep 2: After selling 30, 48 - 30 = 18 muffins are left.\nStep 3: The answer is 18.\n}';

describe('samples: n in one request, the majority step published', { timeout: 30_000 }, () => {
  test('the first sample is shown early; the vote moves the step; the winner carries its own explanation', async () => {
    server.enqueue({ samples: [STEP1, MUFFINS_ANSWER, MUFFINS_ANSWER] });
    const from = server.answerRequests.length;
    const steps: number[] = [];
    const verdict = await engine({ samples: 3, temperature: 0.4 }).checkStreaming(muffins(), { onStep: (i) => steps.push(i) });
    const request = server.answerRequests[from];
    assert.equal(request?.body?.n, 3);
    assert.equal(request?.body?.temperature, 0.4, 'the temperature setting wins over the 0.7 default');
    assert.equal(steps[0], 0, 'the first sample named step 1');
    assert.ok(verdict.status === 'wrong' && verdict.stepIndex === 1);
    assert.match(verdict.explanation, /Selling muffins/);
    assert.equal(verdict.unsure, undefined);
  });

  test('a tie is a hint that the model is unsure; "None" votes count', async () => {
    server.enqueue({ samples: [' None.', MUFFINS_ANSWER, ' None.', MUFFINS_ANSWER] });
    const verdict = await engine({ samples: 4 }).checkStreaming(muffins());
    assert.ok(verdict.status === 'wrong' && verdict.stepIndex === 1, 'in a tie with "no mistake" the step is shown, as unsure');
    assert.equal(verdict.unsure, 'The model is unsure: 2 of 4 samples agree (2 × no mistake, 2 × step 2).');
  });

  test('a majority for "None" is correct', async () => {
    server.enqueue({ samples: [MUFFINS_ANSWER, ' None.', ' None.'] });
    assert.equal((await engine({ samples: 3 }).checkStreaming(muffins())).status, 'correct');
  });

  test('one sample: no n in the body, temperature as set', async () => {
    server.enqueue({ text: MUFFINS_ANSWER });
    const from = server.answerRequests.length;
    await engine().checkStreaming(muffins());
    assert.equal(server.answerRequests[from]?.body?.n, undefined);
    assert.equal(server.answerRequests[from]?.body?.temperature, 0);
  });
});

describe("vLLM's error shapes", { timeout: 30_000 }, () => {
  test('a prompt over the context length: a 400 with vLLM\'s message, not retried, not an endpoint fault', async () => {
    server.maxModelLen = 40;
    try {
      const from = server.answerRequests.length;
      const error = await engine().checkStreaming(muffins()).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof EndpointError);
      assert.equal(error.options.status, 400);
      assert.match(error.message, /This model's maximum context length is 40 tokens\. However, you requested \d+ tokens \(\d+ in the prompt, 1024 in the completion\)/);
      assert.equal(error.endpointFault, false, 'the breaker is not tripped by one long problem');
      assert.equal(server.answerRequests.length - from, 1);
      const detailed = await engine().checkDetailed(muffins());
      assert.ok(detailed.verdict.status === 'unknown' && /maximum context length is 40/.test(detailed.verdict.reason ?? ''));
    } finally {
      server.maxModelLen = undefined;
    }
  });

  test('a critic asking for more tokens than the context holds asks once more for what fits', async () => {
    server.maxModelLen = 1000;
    try {
      server.enqueue({ text: 'Paragraph 1 adds instead of subtracting. \\boxed{1}' }, { text: MUFFINS_EXPLAINED });
      const from = server.answerRequests.length;
      const logs: string[] = [];
      const critic = new ModelEngine({ settings: modelSettingsSchema.parse({ endpoint: server.url, name: 'lema-test', style: 'critic', retries: 0 }), log: (l) => logs.push(l) });
      const detailed = await critic.checkDetailed(muffins());
      assert.ok(detailed.verdict.status === 'wrong' && detailed.verdict.stepIndex === 1, JSON.stringify(detailed.verdict));
      const sent = server.answerRequests.slice(from).map((r) => r.body?.max_tokens as number);
      assert.equal(sent[0], 4096);
      assert.ok(sent[1]! < 1000 && sent[1]! >= 256, `refitted to ${sent[1]}`);
      assert.equal(detailed.trace.requests, sent.length);
      assert.ok(logs.some((l) => /maximum context length is 1000 tokens.*asking again with max_tokens \d+/.test(l)), logs.join('\n'));
    } finally {
      server.maxModelLen = undefined;
    }
  });

  test('an unknown model: a 404 that names the models /v1/models lists', async () => {
    server.strictModels = true;
    try {
      const error = await engine({ name: 'lema-7b' }).checkStreaming(muffins()).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof EndpointError);
      assert.equal(error.options.status, 404);
      assert.equal(error.message, "the endpoint does not serve the model 'lema-7b' (404); GET /v1/models lists: lema-test, qwen-critic");
    } finally {
      server.strictModels = false;
    }
  });
});

describe('solved answers: read as LeMa reads them, compared as numbers', () => {
  test('the last "The answer is" counts', () => {
    assert.equal(readSolvedAnswer('First the answer is 3. Then 4 + 1 = 5. The answer is 5.'), '5');
    assert.equal(readSolvedAnswer('The answer is: $1,200.'), '$1,200');
    assert.equal(readSolvedAnswer('No final line.'), undefined);
  });
  const same: [string, string][] = [
    ['18', '18.00'], ['$18', '18'], ['\\$18', '18 dollars'], ['3/4', '0.75'], ['\\frac{3}{4}', '0.75'], ['$\\frac{3}{4}$', '3/4'],
    ['25%', '25'], ['25%', '0.25'], ['1,200', '1200'], ['\\boxed{7}', '7'], ['-4', '-4.0'], ['Monday', 'monday'], ['x = 5', '5'], ['\\boxed{x = 5}', 'x=5'],
  ];
  for (const [a, b] of same) test(`${a} = ${b}`, () => assert.ok(sameAnswer(a, b) && sameAnswer(b, a)));
  const different: [string, string][] = [['18', '19'], ['3/4', '0.7'], ['25%', '2.5'], ['18', 'eighteen apples'], ['1,200', '120'], ['Monday', 'Tuesday']];
  for (const [a, b] of different) test(`${a} ≠ ${b}`, () => assert.ok(!sameAnswer(a, b) && !sameAnswer(b, a)));
});
