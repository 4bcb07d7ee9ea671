import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';
import { r, textAt } from './rangeText.ts';

const only = (text: string) => {
  const doc = parseSolutionDocument(text);
  assert.equal(doc.problems.length, 1, JSON.stringify(doc, null, 1));
  return doc.problems[0]!;
};

describe('step styles', () => {
  test('ordered list under a heading, the answer inside the last step', () => {
    const text = '## Apples\n\nTom has 3 apples and buys 2. How many?\n\n1. 3 + 2 = 5\n2. The answer is 5.\n';
    const p = only(text);
    assert.equal(p.title, 'Apples');
    assert.equal(p.question, 'Tom has 3 apples and buys 2. How many?');
    assert.deepEqual(p.questionRange, r(2, 0, 2, 38));
    assert.equal(p.style, 'ordered-list');
    assert.deepEqual(p.steps.map((s) => s.text), ['3 + 2 = 5', 'The answer is 5.']);
    assert.deepEqual(p.steps[0]!.range, r(4, 3, 4, 12));
    assert.deepEqual(p.steps[0]!.fullRange, r(4, 0, 4, 12));
    assert.deepEqual(p.finalAnswer, { value: '5', range: r(5, 17, 5, 18), form: 'the-answer-is', stepIndex: 1 });
    assert.deepEqual(p.range, r(0, 0, 5, 19));
  });

  test('bullet list with a standalone bold answer after it', () => {
    const text = 'What is 6 × 7?\n\n- 6 × 7 = 42\n- check: 42 / 7 = 6\n\n**Answer:** 42\n';
    const p = only(text);
    assert.equal(p.style, 'bullet-list');
    assert.deepEqual(p.steps.map((s) => s.text), ['6 × 7 = 42', 'check: 42 / 7 = 6']);
    assert.deepEqual(p.finalAnswer, { value: '42', range: r(5, 12, 5, 14), form: 'answer-label' });
  });

  test('labelled steps run over several lines until the next label (MathCheck style)', () => {
    const text = [
      'Question: Janet sells 16 - 3 eggs at $2. How much?',
      'Step 1: She has 16 - 3 = 13 eggs.',
      'Step 2: She sells them',
      'at $2 each: 13 * 2 = 26.',
      'The answer is $26.',
    ].join('\n');
    const p = only(text);
    assert.equal(p.style, 'labelled');
    assert.equal(p.question, 'Janet sells 16 - 3 eggs at $2. How much?');
    assert.deepEqual(p.steps.map((s) => s.text), ['She has 16 - 3 = 13 eggs.', 'She sells them\nat $2 each: 13 * 2 = 26.']);
    assert.deepEqual(p.steps[1]!.range, r(2, 8, 3, 24));
    assert.deepEqual(p.steps[1]!.fullRange, r(2, 0, 3, 24));
    assert.deepEqual(p.finalAnswer, { value: '$26', range: r(4, 14, 4, 17), form: 'the-answer-is' });
  });

  test('bold step labels as separate paragraphs keep LaTeX escapes as written', () => {
    const text = '## P\n\nFind x.\n\n**Step 1:** \\(2x = 8\\) so\n\\[x = 4\\]\n\n**Step 2:** The answer is \\(\\boxed{4}\\).\n';
    const p = only(text);
    assert.deepEqual(p.steps.map((s) => s.text), ['\\(2x = 8\\) so\n\\[x = 4\\]', 'The answer is \\(\\boxed{4}\\).']);
    assert.deepEqual(p.finalAnswer, { value: '4', range: r(7, 35, 7, 36), form: 'boxed', stepIndex: 1 });
    for (const step of p.steps) assert.equal(textAt(text, step.range), step.text);
  });

  test('GSM8K lines under a Solution label with a #### answer (a level-4 heading to markdown)', () => {
    const text = '## gsm8k 1\n\nJanet has 16 eggs.\n\nSolution:\nShe sells 16 - 3 = <<16-3=13>>13.\nShe makes 13 * 2 = $<<13*2=26>>26.\n#### 26\n';
    const p = only(text);
    assert.equal(p.style, 'lines');
    assert.deepEqual(p.steps.map((s) => s.text), ['She sells 16 - 3 = <<16-3=13>>13.', 'She makes 13 * 2 = $<<13*2=26>>26.']);
    assert.deepEqual(p.finalAnswer, { value: '26', range: r(7, 5, 7, 7), form: 'gsm8k' });
  });

  test('lines under a Solution heading, one paragraph per step', () => {
    const text = '# Work\n\n## Problem\n\nA train goes 60 km in 2 h. Speed?\n\n### Solution\n\n60 / 2 = 30\n\nSo 30 km/h.\n';
    const doc = parseSolutionDocument(text);
    assert.equal(doc.skipped.length, 0, 'the title heading is not a skipped problem');
    const p = doc.problems[0]!;
    assert.equal(doc.problems.length, 1);
    assert.equal(p.title, 'Problem');
    assert.deepEqual(p.steps.map((s) => s.text), ['60 / 2 = 30', 'So 30 km/h.']);
  });

  test('a heading with a question paragraph and step paragraphs but no labels', () => {
    const p = only('## Sum\n\nWhat is 2 + 3?\n\n2 + 3 = 5\nThe answer is 5.\n');
    assert.equal(p.style, 'lines');
    assert.deepEqual(p.steps.map((s) => s.text), ['2 + 3 = 5']);
    assert.equal(p.finalAnswer?.value, '5');
    assert.equal(p.finalAnswer?.stepIndex, undefined);
  });
});

describe('problem boundaries', () => {
  test('documents without headings split at Question: labels and thematic breaks', () => {
    const text = 'Some intro text.\n\nQuestion: 1 + 1?\n1. 1 + 1 = 2\n\nProblem: 2 + 2?\n1. 2 + 2 = 4\n\n---\n\nAnd 3 + 3?\n\n1. 3 + 3 = 6\n';
    const doc = parseSolutionDocument(text);
    assert.deepEqual(doc.problems.map((p) => p.question), ['1 + 1?', '2 + 2?', 'And 3 + 3?']);
    assert.deepEqual(doc.problems.map((p) => p.index), [0, 1, 2]);
    assert.deepEqual(doc.skipped, [], 'the intro paragraph is not noise');
  });

  test('a heading with a question but no steps is skipped with a reason', () => {
    const text = '## One\n\nWhat is 1 + 1?\n\n## Two\n\nQ?\n\n1. 2 = 2\n';
    const doc = parseSolutionDocument(text);
    assert.equal(doc.problems.length, 1);
    assert.equal(doc.problems[0]!.title, 'Two');
    assert.deepEqual(doc.skipped, [{ range: r(0, 0, 0, 6), reason: 'no steps found under this heading' }]);
  });

  test('a same-level numbered heading after steps starts the next problem, it is not an answer', () => {
    const doc = parseSolutionDocument('## A\n\nQ?\n\n1. 1 + 1 = 2\n\n## 2\n\nQ2?\n\n1. 2 + 2 = 4\n');
    assert.deepEqual(doc.problems.map((p) => p.title), ['A', '2']);
    assert.equal(doc.problems[0]!.finalAnswer, undefined);
  });
});

describe('directives', () => {
  test('off/on regions produce nothing; ignore-next-step marks one step', () => {
    const text = [
      'Question: 2 + 2?',
      '<!-- lema-tutor: ignore-next-step -->',
      'Step 1: 2 + 2 = 5',
      'Step 2: The answer is 5.',
      '',
      '<!-- lema-tutor: off -->',
      'Question: hidden',
      '1. 1 = 2',
      '<!-- lema-tutor: on -->',
      '',
      'Question: visible',
      '1. 3 = 3',
    ].join('\n');
    const doc = parseSolutionDocument(text);
    assert.deepEqual(doc.problems.map((p) => p.question), ['2 + 2?', 'visible']);
    assert.deepEqual(doc.problems[0]!.steps.map((s) => s.ignored), [true, false]);
    assert.deepEqual(doc.problems[1]!.steps.map((s) => s.ignored), [false]);
  });
});

describe('positions', () => {
  test('UTF-16 characters and CRLF line endings', () => {
    const text = '## 🙂 Emoji\r\n\r\nWhat is 9 × 2 − 1?\r\n\r\n1. 🍎 9 × 2 = 18\r\n2. 18 − 1 = 17\r\n\r\n**Answer:** 17\r\n';
    const p = only(text);
    assert.equal(p.title, '🙂 Emoji');
    assert.deepEqual(p.steps[0]!.range, r(4, 3, 4, 16));
    assert.deepEqual(p.steps[1]!.range, r(5, 3, 5, 14));
    assert.deepEqual(p.finalAnswer?.range, r(7, 12, 7, 14));
    for (const step of p.steps) assert.equal(textAt(text, step.range), step.text);
    assert.equal(p.steps[0]!.text, '🍎 9 × 2 = 18');
  });

  test('lone CR line endings and a multi-line step across CRLF', () => {
    const text = 'Question: x?\r\nStep 1: a\r\nb\r\nStep 2: c';
    const p = only(text);
    assert.equal(p.steps[0]!.text, 'a\r\nb');
    assert.deepEqual(p.steps[0]!.range, r(1, 8, 2, 1));
    assert.deepEqual(p.steps[1]!.range, r(3, 8, 3, 9));
    const cr = only('Question: x?\rStep 1: a\rStep 2: b');
    assert.deepEqual(cr.steps[1]!.range, r(2, 8, 2, 9));
  });
});

describe('contentKey', () => {
  test('does not depend on positions or on other problems', () => {
    const one = '## A\n\nQ?\n\n1. 1 + 1 = 2\n';
    const two = '## B\n\nQ2?\n\n1. 2 + 2 = 4\n';
    const base = parseSolutionDocument(`${one}\n${two}`);
    const moved = parseSolutionDocument(`Intro.\n\n\n${one}\n${two.replace('4', '5')}`);
    assert.equal(moved.problems[0]!.contentKey, base.problems[0]!.contentKey);
    assert.notEqual(moved.problems[1]!.contentKey, base.problems[1]!.contentKey);
    assert.match(base.problems[0]!.contentKey, /^[0-9a-f]{16}$/);
  });
});

describe('hostile input', () => {
  test('deep nesting, brackets, binary garbage and huge documents return without throwing', () => {
    const inputs = [
      '- '.repeat(10_000) + 'x',
      '>'.repeat(10_000) + ' x',
      '['.repeat(10_000) + ']'.repeat(10_000),
      'Question: q\nStep 1: \\boxed{' + '{'.repeat(10_000),
      Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
      '\u0000\uFFFD\uD800 # \r\r\n',
    ];
    // How long they take is measured in bench/parser.ts, not asserted here.
    for (const input of inputs) assert.ok(Array.isArray(parseSolutionDocument(input).problems));
    const huge = parseSolutionDocument('a'.repeat(10_000_000));
    assert.equal(huge.problems.length, 0);
    assert.match(huge.skipped[0]!.reason, /too large/);
    assert.deepEqual(huge.skipped[0]!.range, r(0, 0, 0, 0));
  });
});

describe('more forms people write', () => {
  test('step headings, a Question heading and a setext title', () => {
    const text = 'Homework\n========\n\n## Problem 1\n\n### Question\n\nWhat is 2+2?\n\n### Step 1\n\n2 + 2 = 4\n\n### Step 2: The answer is 4.\n';
    const doc = parseSolutionDocument(text);
    assert.deepEqual(doc.skipped, []);
    const p = doc.problems[0]!;
    assert.equal(doc.problems.length, 1);
    assert.equal(p.question, 'What is 2+2?');
    assert.deepEqual(p.steps.map((s) => s.text), ['2 + 2 = 4', 'The answer is 4.']);
    assert.deepEqual(p.steps[0]!.fullRange, r(9, 0, 11, 9));
    assert.deepEqual(p.finalAnswer, { value: '4', range: r(13, 26, 13, 27), form: 'the-answer-is', stepIndex: 1 });
  });

  test('label variants; a line that merely starts with "Step 10" continues the step', () => {
    const p = only('## P\n\nQ?\n\nStep 1. a\nStep 2) b\n**Step 3**: c\n*Step 4:* d\nStep 10 minutes later e\n');
    assert.deepEqual(p.steps.map((s) => s.text), ['a', 'b', 'c', 'd\nStep 10 minutes later e']);
  });

  test('a directive between or under list items marks the next item and is not step text', () => {
    const between = only('## P\n\nQ?\n\n1. a = 1\n<!-- lema-tutor: ignore-next-step -->\n2. b = 2\n3. c = 3\n');
    assert.deepEqual(between.steps.map((s) => [s.index, s.text, s.ignored]), [[0, 'a = 1', false], [1, 'b = 2', true], [2, 'c = 3', false]]);
    const under = only('## P\n\nQ?\n\n1. a = 1\n   <!-- lema-tutor: ignore-next-step -->\n2. b = 2\n');
    assert.deepEqual(under.steps.map((s) => [s.text, s.ignored]), [['a = 1', false], ['b = 2', true]]);
  });

  test('Problem k: label, Solution: on the same line as the first step, Final answer label', () => {
    const p = only('Problem 3: What is 5 - 2?\n\nSolution: 5 - 2 = 3\nFinal answer: 3\n');
    assert.equal(p.question, 'What is 5 - 2?');
    assert.deepEqual(p.steps.map((s) => [s.text, s.range]), [['5 - 2 = 3', r(2, 10, 2, 19)]]);
    assert.deepEqual(p.finalAnswer, { value: '3', range: r(3, 14, 3, 15), form: 'answer-label' });
  });

  test('a display math block belongs to the labelled step above it; boxed answers keep nested braces', () => {
    const p = only('Question: Q?\n\nStep 1: x\n$$\ny = 2\n$$\nStep 2: \\boxed{\\frac{1}{2}}\n');
    assert.deepEqual(p.steps.map((s) => s.text), ['x\n$$\ny = 2\n$$', '\\boxed{\\frac{1}{2}}']);
    assert.deepEqual(p.finalAnswer, { value: '\\frac{1}{2}', range: r(6, 15, 6, 26), form: 'boxed', stepIndex: 1 });
  });

  test('GSM8K without a Solution label: question paragraph, step lines, #### answers with commas and signs', () => {
    const doc = parseSolutionDocument('## gsm8k 1\n\nQ?\n\nline one\nline two\n#### 1,234\n\n## gsm8k 2\n\nQ2?\n\nSolution:\nl\n#### -5\n');
    assert.deepEqual(doc.problems.map((p) => [p.steps.length, p.finalAnswer?.value, p.finalAnswer?.form]), [[2, '1,234', 'gsm8k'], [1, '-5', 'gsm8k']]);
  });

  test('an unclosed off region hides the rest; skipped notes inside it are not reported', () => {
    const doc = parseSolutionDocument('## A\n\nQ?\n\n1. 1 = 1\n\n<!-- lema-tutor: off -->\n\n## B\n\nno steps\n\n## C\n\nQ?\n\n1. 2 = 2\n');
    assert.deepEqual(doc.problems.map((p) => p.title), ['A']);
    assert.deepEqual(doc.skipped, []);
  });
});

test('an answer sentence on its own line inside a labelled step, with steps after it, stays in that step', () => {
  const p = only('Question: Q?\nStep 1: 2 + 2 = 4\nTherefore, the answer is 4.\nStep 2: Check: 4 - 2 = 2\nThe answer is 4.\n');
  assert.deepEqual(p.steps.map((s) => s.text), ['2 + 2 = 4\nTherefore, the answer is 4.', 'Check: 4 - 2 = 2']);
  assert.deepEqual([p.finalAnswer?.value, p.finalAnswer?.stepIndex, p.finalAnswer?.range], ['4', undefined, r(4, 14, 4, 15)]);
});

test('long products and sums at a line start are text, not nesting markers', () => {
  const long = '2 * 3 * 4 * 5 * 6 * 7 * 8 * 9 * 10 * 11 = 39916800';
  const sum = '1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 = 78';
  const p = only(`## P\n\nQ?\n\nSolution:\n${long}\n${sum}\n#### 78\n`);
  assert.deepEqual(p.steps.map((s) => s.text), [long, sum]);
});
