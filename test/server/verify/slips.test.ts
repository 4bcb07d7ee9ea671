// True slips: flagged at the right step, with the right explanation, hint and span.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import type { Verdict, WrongVerdict } from '../../../server/engine/types.ts';
import { makeProblem, type ProblemOptions } from './makeProblem.ts';

const engine = new EmbeddedEngine();

function wrong(steps: string[], options?: ProblemOptions): WrongVerdict {
  const v: Verdict = engine.checkSync(makeProblem(steps, options));
  assert.equal(v.status, 'wrong', JSON.stringify(v));
  return v as WrongVerdict;
}

/** The text a span underlines. */
const under = (text: string, v: WrongVerdict): string => text.slice(v.span!.start, v.span!.end);

describe('arithmetic slips', () => {
  test('a wrong product in the third step', () => {
    const steps = ['She has 4 + 5 = 9 hens.', 'Each lays 2 eggs.', 'So 9 × 2 = 19 eggs a day.'];
    const v = wrong(steps);
    assert.equal(v.stepIndex, 2);
    assert.equal(v.kind, 'arithmetic');
    assert.equal(v.explanation, '9 × 2 is 18, not 19.');
    assert.equal(v.hint, 'Check the multiplication in step 3.');
    assert.ok(!v.hint.includes('18'), 'the hint does not give the answer');
    assert.equal(under(steps[2]!, v), '19');
    assert.equal(v.engine.kind, 'embedded');
  });

  test('the first wrong step is reported, not a later one', () => {
    const v = wrong(['10 - 4 = 5', '3 * 3 = 10']);
    assert.equal(v.stepIndex, 0);
    assert.equal(v.hint, 'Check the subtraction in step 1.');
  });

  test('addition, division, currency and thousands in the explanation', () => {
    const a = wrong(['Total: $1,200 + $350 = $1,650.']);
    assert.equal(a.explanation, '$1,200 + $350 is $1,550, not $1,650.');
    assert.equal(under('Total: $1,200 + $350 = $1,650.', a), '1,650');
    const d = wrong(['Each gets 48 / 4 = 13 apples.']);
    assert.equal(d.hint, 'Check the division in step 1.');
  });

  test('a LaTeX step: span inside the math', () => {
    const step = 'So \\(\\frac{1}{3} \\times 18 = 7\\) flamingos are taken back.';
    const v = wrong([step]);
    assert.equal(under(step, v), '7');
    assert.equal(v.explanation, '\\frac{1}{3} \\times 18 is 6, not 7.');
  });

  test('a slip in a chain is found at the wrong link', () => {
    const step = 'He pays 3 * 4 = 12 + 5 = 18 dollars.';
    const v = wrong([step]);
    assert.equal(v.explanation, '12 + 5 is 17, not 18.');
    assert.equal(under(step, v), '18');
  });

  test('a running calculation that starts from a wrong value', () => {
    const step = '5 + 6 = 10 * 2 = 20';
    const v = wrong([step]);
    assert.equal(v.explanation, '5 + 6 is 11, not 10.');
    assert.equal(under(step, v), '10');
  });

  test('a GSM8K annotation that disagrees with itself', () => {
    const step = 'She has <<16-3-4=8>>8 eggs left.';
    const v = wrong([step]);
    assert.equal(under(step, v), '8');
    assert.equal(v.explanation, '16-3-4 is 9, not 8.');
  });

  test('a negative result', () => {
    const v = wrong(['The change is 5 - 8 = 3 degrees.']);
    assert.equal(v.explanation, '5 - 8 is -3, not 3.');
  });

  test('a percentage of a number', () => {
    const v = wrong(['The tip is 20% of 50 = 15 dollars.']);
    assert.equal(v.explanation, '20% of 50 is 10, not 15.');
    assert.equal(v.hint, 'Check the multiplication in step 1.');
  });

  test('explanations write values as the step does: currency, separators, percentages', () => {
    assert.equal(wrong(['The total is \\$1,200 + \\$300 = \\$1,600.']).explanation, '\\$1,200 + \\$300 is \\$1,500, not \\$1,600.');
    assert.equal(wrong(['The cost is €1\\,200 + €300 = €1\\,600.']).explanation, '€1\\,200 + €300 is €1\\,500, not €1\\,600.');
    assert.equal(wrong(['So 1 / 8 = 15% of them.']).explanation, '1 / 8 is 12.5%, not 15%.');
  });
});

describe('slips in everyday wording', () => {
  const flagged: Array<[string, string]> = [
    ['20 miles + 15 miles = 36 miles', '20 miles + 15 miles is 35, not 36.'],
    ['She teaches 5 classes a day, so that\'s 5*5 = 26 classes', '5*5 is 25, not 26.'],
    ['There were 10 tires because 2 times 5 equals 11.', '2 times 5 is 10, not 11.'],
    ['Johnny invested a total of 20+10=31 dollars', '20+10 is 30, not 31.'],
    ['Ferdinand:6/2=4 trees', '6/2 is 3, not 4.'],
    ['The walls take 4 * 20 sheep = 81 sheep', '4 * 20 sheep is 80, not 81.'],
  ];
  for (const [step, explanation] of flagged) {
    test(step, () => assert.equal(wrong([step]).explanation, explanation));
  }
});

describe('final answer', () => {
  test('a final answer that disagrees with the last computed value', () => {
    const v = wrong(['She has 4 * 5 = 20 eggs.'], { finalAnswer: '18' });
    assert.equal(v.kind, 'final-answer');
    assert.equal(v.stepIndex, 0);
    assert.equal(v.explanation, 'Step 1 computes 20, but the final answer is 18.');
    assert.equal(v.correction?.finalAnswer, '20');
  });

  test('a final answer inside the last step is underlined and corrected there', () => {
    const steps = ['She has 4 * 5 = 20 eggs.', 'The answer is 18.'];
    const v = wrong(steps, { finalAnswer: '18', finalAnswerStep: 1 });
    assert.equal(v.stepIndex, 1);
    assert.equal(under(steps[1]!, v), '18');
    assert.deepEqual(v.correction?.steps, ['The answer is 20.']);
    assert.equal(v.correction?.finalAnswer, '20');
  });

  test('a matching final answer, in any of its written forms, is fine', () => {
    for (const finalAnswer of ['20', '20.00', '\\$20', '$20', '20 eggs']) {
      const v = engine.checkSync(makeProblem(['She has 4 * 5 = 20 eggs.'], { finalAnswer }));
      assert.equal(v.status, 'correct', finalAnswer);
    }
  });

  test('not flagged when something follows the last computation', () => {
    const v = engine.checkSync(makeProblem(['It takes 60 * 2 = 120 minutes, which is 2 hours.'], { finalAnswer: '2' }));
    assert.notEqual(v.status, 'wrong');
  });
});

describe('verdicts without a mistake', () => {
  test('correct when every claim checked out', () => {
    assert.equal(engine.checkSync(makeProblem(['4 + 5 = 9', '9 * 2 = 18'], { finalAnswer: '18' })).status, 'correct');
  });

  test('unknown when there is nothing to check', () => {
    const v = engine.checkSync(makeProblem(['She thinks about it.', 'The answer is clear.']));
    assert.equal(v.status, 'unknown');
  });
});
