// The `lema` style against the real HTTP test server: LeMa's prompts byte for byte (as recorded by
// the server), the solve gate, LeMa's acceptance rule and the verifier's check of the correction.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelEngine } from '../../../server/model/modelEngine.ts';
import { modelSettingsSchema, type ModelSettings } from '../../../server/settings.ts';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { makeProblem, MUFFINS_ANSWER, muffins } from '../../support/makeProblem.ts';

let server: OpenAITestServer;
before(async () => {
  server = await OpenAITestServer.start();
});
after(() => server.close());

function engine(overrides: Partial<ModelSettings> = {}, logs: string[] = []): ModelEngine {
  const settings = modelSettingsSchema.parse({ endpoint: server.url, name: 'lema-test', style: 'lema', timeoutMs: 2000, retries: 0, ...overrides });
  return new ModelEngine({ settings, log: (line) => logs.push(line) });
}

const QUESTION = 'A baker fills 4 trays with 12 muffins each and sells 30 muffins. How many muffins are left?';
const SOLVE_PROMPT = `Please solve the following math problem.\nQuestion: ${QUESTION}\nAnswer: Let's think step by step.\n`;
const CORRECTION_PROMPT =
  'For the following math problem, the original solution is incorrect. Please identify the incorrect step, explain why it is incorrect, and correct the original solution starting from the incorrect step.\n' +
  `Question: ${QUESTION}\nOriginal Solution:\n{\nStep 1: The baker makes 4 × 12 = 48 muffins.\nStep 2: After selling 30, 48 + 30 = 78 muffins are left.\nStep 3: The answer is 78.\n}\nIncorrect Step:`;
const SOLVED_18 = 'The baker makes 4 * 12 = 48 muffins. After selling 30 there are 48 - 30 = 18 left. The answer is 18.';

function newRequests(from: number) {
  return server.answerRequests.slice(from);
}

describe('lema style: solve, then correct', { timeout: 30_000 }, () => {
  test('the two prompts go out byte for byte, on the completion API; the correction is kept', async () => {
    server.enqueue({ text: SOLVED_18 }, { text: MUFFINS_ANSWER });
    const from = server.answerRequests.length;
    const steps: number[] = [];
    const verdict = await engine().checkStreaming(muffins(), { onStep: (i) => steps.push(i) });
    const [solve, correct] = newRequests(from);
    assert.equal(solve?.path, '/v1/completions');
    assert.equal(solve?.body?.prompt, SOLVE_PROMPT);
    assert.equal(correct?.path, '/v1/completions');
    assert.equal(correct?.body?.prompt, CORRECTION_PROMPT);
    assert.equal(newRequests(from).length, 2);
    assert.deepEqual(steps, [1], 'the step is reported while the correction streams');
    assert.ok(verdict.status === 'wrong');
    assert.equal(verdict.stepIndex, 1);
    assert.deepEqual(verdict.correction, { fromStep: 1, steps: ['After selling 30, 48 - 30 = 18 muffins are left.'], finalAnswer: '18' });
    assert.equal(verdict.correctionWithheld, undefined);
    assert.equal(verdict.engine.kind === 'model' && verdict.engine.style, 'lema');
  });

  test('an equivalent solved answer means no flag and no second request', async () => {
    for (const [documentAnswer, solved] of [['78', 'The answer is $78.00.'], ['$78', 'So 78 muffins. The answer is 78'], ['0.75', 'The answer is \\frac{3}{4}.'], ['75%', 'The answer is 75.'], ['1,200', 'The answer is: 1200.']] as const) {
      const problem = makeProblem({ question: QUESTION, steps: ['It is 4 × 12 = 48.', 'So 48 + 30 = 78.'], answer: documentAnswer });
      server.enqueue({ text: `Some reasoning first. ${solved}` });
      const from = server.answerRequests.length;
      const verdict = await engine().checkStreaming(problem);
      assert.equal(verdict.status, 'correct', `${documentAnswer} vs ${solved}`);
      assert.equal(newRequests(from).length, 1);
    }
  });

  test("LeMa's acceptance rule: a correction whose answer is not the model's own is shown without Apply", async () => {
    const other = ' Step 2.\nExplanation: The muffins sold must be subtracted.\nCorrect Solution:\n{\n...\nStep 2: After selling 28, 48 - 28 = 20 muffins are left.\nStep 3: The answer is 20.\n}';
    server.enqueue({ text: SOLVED_18 }, { text: other });
    const verdict = await engine().checkStreaming(muffins());
    assert.ok(verdict.status === 'wrong' && verdict.stepIndex === 1);
    assert.equal(verdict.correction, undefined);
    assert.match(verdict.correctionWithheld ?? '', /its answer \(20\) differs from the model's own solution \(18\)/);
    assert.match(verdict.explanation, /subtracted/);
  });

  test('a slip in the correction that the verifier can recompute is repaired, then accepted', async () => {
    const slipped = ' Step 2.\nExplanation: Selling takes muffins away.\nCorrect Solution:\n{\n...\nStep 2: After selling 30, 48 - 30 = 19 muffins are left.\nStep 3: The answer is 19.\n}';
    server.enqueue({ text: SOLVED_18 }, { text: slipped });
    const logs: string[] = [];
    const verdict = await engine({}, logs).checkStreaming(muffins());
    assert.ok(verdict.status === 'wrong');
    assert.deepEqual(verdict.correction, { fromStep: 1, steps: ['After selling 30, 48 - 30 = 18 muffins are left.'], finalAnswer: '18' });
    assert.ok(logs.some((l) => /repaired a slip in step 2 of the corrected solution/.test(l)), logs.join('\n'));
  });

  test('no final answer in the document: said so, nothing asked', async () => {
    const problem = makeProblem({ question: QUESTION, steps: ['It is 4 × 12 = 48.', 'So 48 + 30 = 78 are left.'] });
    const from = server.answerRequests.length;
    const logs: string[] = [];
    const verdict = await engine({}, logs).checkStreaming(problem);
    assert.ok(verdict.status === 'unknown' && /states no final answer/.test(verdict.reason ?? ''));
    assert.equal(newRequests(from).length, 0);
    assert.ok(logs.some((l) => /problem 1 not asked: the solution states no final answer/.test(l)), 'the output channel says so');
  });

  test('a solution without "The answer is" gives unknown, and no correction is asked', async () => {
    server.enqueue({ text: 'I think there are some muffins.' });
    const from = server.answerRequests.length;
    const verdict = await engine().checkStreaming(muffins());
    assert.ok(verdict.status === 'unknown' && /without "The answer is/.test(verdict.reason ?? ''));
    assert.equal(newRequests(from).length, 1);
  });

  test('samples: the solved answer is voted on first, then the step; one request per phase with n', async () => {
    server.enqueue(
      { samples: [SOLVED_18, 'The answer is 18.', 'The answer is 78.', 'no answer', 'The answer is $18.00.'] },
      { samples: [MUFFINS_ANSWER, ' Step 1.\nExplanation: 4 × 12 is wrong.', MUFFINS_ANSWER, MUFFINS_ANSWER, MUFFINS_ANSWER] },
    );
    const from = server.answerRequests.length;
    const detailed = await engine({ samples: 5 }).checkDetailed(muffins());
    const [solve, correct] = newRequests(from);
    assert.equal(solve?.body?.n, 5);
    assert.equal(correct?.body?.n, 5);
    assert.equal(solve?.body?.temperature, 0.7);
    const verdict = detailed.verdict;
    assert.ok(verdict.status === 'wrong' && verdict.stepIndex === 1 && verdict.correction);
    assert.equal(verdict.unsure, undefined, '4 of 5 agree on 18, 4 of 5 on step 2');
    assert.equal(detailed.trace.solvedAnswer, '18');
    assert.equal(detailed.trace.requests, 2);
    assert.ok(detailed.trace.promptTokens > 0 && detailed.trace.completionTokens > 0, 'usage is read from the stream');
    assert.match(verdict.engine.kind === 'model' ? verdict.engine.templateVersion : '', /^lema-solve-correct-[0-9a-f]{8}-n5$/);
  });
});
