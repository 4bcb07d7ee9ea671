// The two dev-set formats added for the verifier's benchmarks: MathCheck outcome judging and
// LeMa's free-form CoT records (sentences become steps). Fixtures written for the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';
import { lemaCotRecordSchema, mathCheckOutcomeRecordSchema } from '../../../server/dataset/schemas.ts';
import { lemaCotSection, mathCheckOutcomeSection, splitSentences } from '../../../server/dataset/toMarkdown.ts';

test('a LeMa CoT record: the question from the prompt, one step per sentence, the answer line apart', () => {
  const record = lemaCotRecordSchema.parse({
    prompt: "Please solve the following math problem.\nQuestion: Ann has 4 bags of 6 apples. How many?\nAnswer: Let's think step by step.\n",
    completion: 'Ann has 4 * 6 = 24 apples. She eats 2.5 of them, so 24 - 2.5 = 21.5 remain. The answer is 21.5.',
  });
  const problem = parseSolutionDocument(lemaCotSection(record, 3)).problems[0]!;
  assert.equal(problem.title, 'lema-cot 3');
  assert.equal(problem.question, 'Ann has 4 bags of 6 apples. How many?');
  assert.deepEqual(problem.steps.map((s) => s.text), ['Ann has 4 * 6 = 24 apples.', 'She eats 2.5 of them, so 24 - 2.5 = 21.5 remain.']);
  assert.equal(problem.finalAnswer?.value, '21.5');
});

test('sentences split at a stop and a capital or digit, never inside a decimal', () => {
  assert.deepEqual(splitSentences('It costs $2.50 each. 3 of them cost $7.50. So he pays more!'), [
    'It costs $2.50 each.',
    '3 of them cost $7.50.',
    'So he pays more!',
  ]);
});

test('a MathCheck outcome record: Correct or Incorrect, anything else is a clear error', () => {
  const line = { task_type: 'outcome_judging', question_type: 'seed_question', group_id: '0', id: '7', question: 'Q?', solution: 'Step 1: 2 + 2 = 4.\nThe answer is 4.', answer: 'Correct' };
  const problem = parseSolutionDocument(mathCheckOutcomeSection(mathCheckOutcomeRecordSchema.parse(line))).problems[0]!;
  assert.equal(problem.title, 'mathcheck-outcome 7');
  assert.deepEqual(problem.steps.map((s) => s.text), ['2 + 2 = 4.']);
  assert.equal(mathCheckOutcomeRecordSchema.safeParse({ ...line, answer: 'Step 2' }).success, false);
});
