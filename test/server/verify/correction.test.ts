// The LeMa correction: the wrong step fixed, the later steps that used the wrong value recomputed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import type { WrongVerdict } from '../../../server/engine/types.ts';
import { makeProblem, type ProblemOptions } from './makeProblem.ts';

const engine = new EmbeddedEngine();
function wrong(steps: string[], options?: ProblemOptions): WrongVerdict {
  const v = engine.checkSync(makeProblem(steps, options));
  assert.equal(v.status, 'wrong', JSON.stringify(v));
  return v as WrongVerdict;
}

describe('corrections', () => {
  test('a wrong rounding is corrected to the right rounding at the written precision, and carried on', () => {
    const v = wrong(['Each friend gets 10 / 3 ≈ 3.4 cookies.', 'Two friends get 3.4 × 2 = 6.8 cookies.'], { finalAnswer: '6.8' });
    assert.equal(v.kind, 'rounding');
    assert.match(v.explanation, /rounds to 3\.3, not 3\.4/);
    assert.deepEqual(v.correction?.steps, ['Each friend gets 10 / 3 ≈ 3.3 cookies.', 'Two friends get 3.3 × 2 = 6.6 cookies.']);
    assert.equal(v.correction?.finalAnswer, '6.6');
  });

  test('propagates through three later steps into the final answer', () => {
    const v = wrong(
      [
        'Janet has 16 - 3 - 4 = <<16-3-4=9>>9 eggs left.',
        'She makes 9 * 2 = $<<9*2=19>>19 a day.',
        'In a week she makes 19 * 7 = $133.',
        'Over two weeks that is $133 * 2 = $266.',
        'Her savings grow to $266 + $10 = $276.',
      ],
      { finalAnswer: '276' },
    );
    assert.equal(v.stepIndex, 1);
    assert.deepEqual(v.correction, {
      fromStep: 1,
      steps: [
        'She makes 9 * 2 = $<<9*2=18>>18 a day.',
        'In a week she makes 18 * 7 = $126.',
        'Over two weeks that is $126 * 2 = $252.',
        'Her savings grow to $252 + $10 = $262.',
      ],
      finalAnswer: '262',
    });
    assert.deepEqual(
      v.related?.map((r) => r.stepIndex),
      [2, 3, 4],
    );
    assert.equal(v.related?.[0]?.message, 'Uses the wrong value 19 from step 2.');
    assert.equal(v.related?.[1]?.message, 'Uses 133, which follows from the wrong value 19 in step 2.');
  });

  test('steps that do not use the wrong value are kept as written', () => {
    const v = wrong(['3 + 4 = 8 cats.', 'She also has 2 * 5 = 10 dogs.', 'Together 8 + 10 = 18 pets.'], { finalAnswer: '18' });
    assert.deepEqual(v.correction?.steps, ['3 + 4 = 7 cats.', 'She also has 2 * 5 = 10 dogs.', 'Together 7 + 10 = 17 pets.']);
    assert.equal(v.correction?.finalAnswer, '17');
    assert.deepEqual(v.related?.map((r) => r.stepIndex), [2]);
  });

  test('the answer inside the last step is updated too', () => {
    const v = wrong(['3 + 4 = 8 cats.', 'So she has 8 * 2 = 16 paws... no: 16 ears.', 'The answer is 16.'], {
      finalAnswer: '16',
      finalAnswerStep: 2,
    });
    assert.equal(v.correction?.steps.at(-1), 'The answer is 14.');
    assert.equal(v.correction?.finalAnswer, '14');
  });

  test('keeps the number style: thousands separators, currency, decimals, LaTeX', () => {
    const a = wrong(['The house cost $80,000 + $50,000 = $140,000.', 'The profit is $200,000 - $140,000 = $60,000.']);
    assert.deepEqual(a.correction?.steps, [
      'The house cost $80,000 + $50,000 = $130,000.',
      'The profit is $200,000 - $130,000 = $70,000.',
    ]);
    const b = wrong(['Each costs 2.50 * 3 = 7.00 dollars.', 'Two of them: 7.00 * 2 = 14.00 dollars.']);
    assert.deepEqual(b.correction?.steps, ['Each costs 2.50 * 3 = 7.50 dollars.', 'Two of them: 7.50 * 2 = 15.00 dollars.']);
    const c = wrong(['\\(\\frac{1}{3} \\times 18 = 7\\) flamingos', 'So \\(18 - 7 = 11\\) are left.']);
    assert.deepEqual(c.correction?.steps, ['\\(\\frac{1}{3} \\times 18 = 6\\) flamingos', 'So \\(18 - 6 = 12\\) are left.']);
  });

  test('a later slip of its own in a step that uses the corrected value is recomputed too', () => {
    const v = wrong(['3 + 4 = 8', 'Then 8 + 1 = 10']);
    assert.deepEqual(v.correction?.steps, ['3 + 4 = 7', 'Then 7 + 1 = 8']);
  });

  test('the final answer is kept when the slip does not reach it', () => {
    const v = wrong(['3 + 4 = 8 cats.', 'She has 5 * 2 = 10 dogs.'], { finalAnswer: '10' });
    assert.equal(v.correction?.finalAnswer, '10');
  });
});
