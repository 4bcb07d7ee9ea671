import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markedStepItem, problemDescription } from '../../extension/problemLabels.ts';

test('problem descriptions are short and say whose decision a mark is', () => {
  assert.equal(problemDescription({ index: 0, title: 'Bakery', line: 2, status: 'wrong', stepIndex: 0, kind: 'arithmetic' }), 'step 1 wrong · arithmetic');
  assert.equal(problemDescription({ index: 0, title: 'Bakery', line: 2, status: 'marked', stepIndex: 1 }), 'step 2 marked correct');
  assert.equal(problemDescription({ index: 0, title: 'Bakery', line: 2, status: 'unknown' }), 'nothing proven');
  for (const status of ['wrong', 'marked', 'correct', 'unknown', 'pending'] as const) {
    assert.ok(problemDescription({ index: 0, title: 'x', line: 0, status, stepIndex: 11, kind: 'final-answer' }).length <= 28, status);
  }
});

test('a marked step is listed by step, problem and file', () => {
  const item = markedStepItem({ id: 'k#1', stepIndex: 1, title: 'Bakery', stepText: 'It made 19 × 3 = 57 dollars.', uri: 'file:///home/s/week%201.md', line: 7 });
  assert.deepEqual(item, {
    label: 'Step 2 · Bakery',
    description: 'It made 19 × 3 = 57 dollars.',
    tooltip: 'Step 2 of Bakery\nIt made 19 × 3 = 57 dollars.\nin week 1.md',
  });
});
