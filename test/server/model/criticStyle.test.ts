// The `critic` style against the real HTTP test server: ProcessBench's critique prompt byte for
// byte, the boxed index read after long reasoning, the LeMa-layout explanation request, votes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelEngine } from '../../../server/model/modelEngine.ts';
import { modelSettingsSchema, type ModelSettings } from '../../../server/settings.ts';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { muffins } from '../../support/makeProblem.ts';

let server: OpenAITestServer;
before(async () => {
  server = await OpenAITestServer.start();
});
after(() => server.close());

function engine(overrides: Partial<ModelSettings> = {}): ModelEngine {
  const settings = modelSettingsSchema.parse({ endpoint: server.url, name: 'critic-test', style: 'critic', timeoutMs: 2000, retries: 0, ...overrides });
  return new ModelEngine({ settings });
}

// ProcessBench's code/templates/critique_template.txt as the file reads (Python format: `{{}}` is a
// literal `{}`), filled the way its run_eval.py fills it.
const TEMPLATE_FILE =
  'The following is a math problem and a solution (split into paragraphs, enclosed with tags and indexed from 0):\n\n[Math Problem]\n\n{problem}\n\n[Solution]\n\n{tagged_response}\n\n' +
  'Your task is to review and critique the solution paragraph by paragraph. Once you identify an error in a paragraph, return the index of the paragraph where the earliest error occurs. Otherwise, return the index of -1 (which typically denotes "not found").\n\n' +
  'Please put your final answer (i.e., the index) in \\boxed{{}}.';
function processBenchPrompt(problem: string, steps: string[]): string {
  let tagged = '';
  steps.forEach((step, i) => (tagged += `<paragraph_${i}>\n${step}\n</paragraph_${i}>\n\n`));
  return TEMPLATE_FILE.replace('{problem}', problem).replace('{tagged_response}', tagged.trim()).replace('{{}}', '{}');
}

const EXPLAINED = 'Incorrect Step: Step 2.\nExplanation: Selling muffins takes them away, so 30 is subtracted.\nCorrect Solution:\n{\n...\nStep 2: After selling 30, 48 - 30 = 18 muffins are left.\nStep 3: The answer is 18.\n}';
const REASONING = 'Paragraph 0 multiplies 4 by 12, which is right: \\boxed{0} would be wrong to answer. '.repeat(40);

describe('critic style: ProcessBench critique, then the LeMa-layout explanation', { timeout: 30_000 }, () => {
  test('the critique prompt is ProcessBench\'s byte for byte; long reasoning, the last box counts', async () => {
    server.enqueue({ text: `${REASONING}\nParagraph 1 adds the muffins sold instead of subtracting them.\n\n\\boxed{1}` }, { text: EXPLAINED });
    const from = server.answerRequests.length;
    const steps: number[] = [];
    const verdict = await engine().checkStreaming(muffins(), { onStep: (i) => steps.push(i) });
    const [locate, explain] = server.answerRequests.slice(from);
    assert.equal(locate?.path, '/v1/chat/completions');
    const problem = muffins();
    const expected = processBenchPrompt(problem.question, [...problem.steps.map((s) => s.text), 'The answer is 78.']);
    assert.deepEqual(locate?.body?.messages, [{ role: 'user', content: expected }]);
    assert.ok((locate?.body?.max_tokens as number) >= 4096, 'room for reasoning before the box');
    assert.equal(explain?.path, '/v1/chat/completions');
    assert.match(explain?.prompt ?? '', /^For the following math problem, the original solution is incorrect\./);
    assert.match(explain?.prompt ?? '', /\nThe incorrect step is Step 2\./);
    assert.ok(verdict.status === 'wrong');
    assert.equal(verdict.stepIndex, 1);
    assert.match(verdict.explanation, /takes them away/);
    assert.deepEqual(verdict.correction, { fromStep: 1, steps: ['After selling 30, 48 - 30 = 18 muffins are left.'], finalAnswer: '18' });
    assert.equal(steps[steps.length - 1], 1, 'the early step ends on the last box');
  });

  test('an explanation of another step than the located one lends it nothing: the step stays, without a correction', async () => {
    const other = 'Incorrect Step: Step 1.\nExplanation: 4 × 12 is wrong.\nCorrect Solution:\n{\nStep 1: The baker makes 4 × 12 = 48 muffins.\nStep 2: After selling 30, 48 - 30 = 18 muffins are left.\nStep 3: The answer is 18.\n}';
    server.enqueue({ text: '\\boxed{1}' }, { text: other });
    const verdict = await engine().checkStreaming(muffins());
    assert.ok(verdict.status === 'wrong' && verdict.stepIndex === 1);
    assert.equal(verdict.correction, undefined);
    assert.equal(verdict.explanation, 'The model flagged step 2 without a usable explanation.');
  });

  test('\\boxed{-1}: correct, one request', async () => {
    server.enqueue({ text: 'Every paragraph is right. \\boxed{-1}' });
    const from = server.answerRequests.length;
    const verdict = await engine().checkStreaming(muffins());
    assert.equal(verdict.status, 'correct');
    assert.equal(server.answerRequests.length - from, 1);
  });

  test('no box, or an index out of range: unknown, no explanation asked', async () => {
    for (const text of ['I am not sure.', 'It is \\boxed{7}.', 'It is \\boxed{one}.']) {
      server.enqueue({ text });
      const from = server.answerRequests.length;
      const verdict = await engine().checkStreaming(muffins());
      assert.ok(verdict.status === 'unknown' && /boxed/.test(verdict.reason ?? ''), text);
      assert.equal(server.answerRequests.length - from, 1);
    }
  });

  test('8 samples vote on the paragraph; a weak majority is marked unsure', async () => {
    const box = (i: number) => `Reasoning... \\boxed{${i}}`;
    server.enqueue({ samples: [box(1), box(1), box(1), box(0), box(0), box(-1), box(-1), 'no box'] }, { text: EXPLAINED });
    const from = server.answerRequests.length;
    const detailed = await engine({ samples: 8 }).checkDetailed(muffins());
    const [locate, explain] = server.answerRequests.slice(from);
    assert.equal(locate?.body?.n, 8);
    assert.equal(locate?.body?.temperature, 0.7);
    assert.equal(explain?.body?.n, undefined, 'the explanation is asked once');
    const verdict = detailed.verdict;
    assert.ok(verdict.status === 'wrong' && verdict.stepIndex === 1);
    assert.match(verdict.unsure ?? '', /3 of 8 samples agree \(3 × step 2, 2 × step 1, 2 × no mistake, 1 unreadable\)/);
    assert.deepEqual(detailed.trace.votes[0]?.values, [2, 2, 2, 1, 1, -1, -1, null]);
  });
});
