// The demo endpoint's scripted answer is keyed on the steps, not only the question: after the
// correction is applied, the demo does not flag its own correction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoAnswer } from '../../support/demoAnswers.ts';

const prompt = (steps: string[]) =>
  [
    'Question: A bus has 12 rows with 4 seats in each row. 10 people get on. How many seats are still empty?',
    'Original Solution:',
    '{',
    ...steps.map((step, i) => `Step ${i + 1}: ${step}`),
    '}',
    'Incorrect Step:',
  ].join('\n');

test('the scripted reasoning mistake is flagged on the wrong steps only', () => {
  assert.match(demoAnswer(prompt(['The bus has 12 + 4 = 16 seats.', 'There are 16 − 10 = 6 empty seats.', 'The answer is 6.'])), /^ Step 1\./);
  assert.match(demoAnswer(prompt(['The bus has 12 × 4 = 48 seats.', 'There are 48 − 10 = 38 empty seats.', 'The answer is 38.'])), /^ None\./);
});
