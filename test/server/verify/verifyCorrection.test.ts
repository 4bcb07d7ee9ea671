// Every correction is re-verified before it is offered, whichever engine proposed it; algebra
// slips are corrected by solving the previous equation exactly.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import { correctedProblem, verifyCorrection } from '../../../server/verify/verifyCorrection.ts';
import { correctSolution } from '../../../server/verify/correctSolution.ts';
import { inspectProblem } from '../../../server/verify/findMistake.ts';
import type { WrongVerdict } from '../../../server/engine/types.ts';
import { makeProblem, type ProblemOptions } from './makeProblem.ts';

const engine = new EmbeddedEngine();
function wrong(steps: string[], options?: ProblemOptions): WrongVerdict {
  const v = engine.checkSync(makeProblem(steps, options));
  assert.equal(v.status, 'wrong', JSON.stringify(v));
  return v as WrongVerdict;
}

describe('verifyCorrection', () => {
  const problem = makeProblem(['9 * 2 = 19 muffins.', 'It made 19 * 3 = $57.'], { finalAnswer: '$57' });

  test('passes a correction whose steps hold and whose final answer they compute', () => {
    assert.deepEqual(verifyCorrection(problem, { fromStep: 0, steps: ['9 * 2 = 18 muffins.', 'It made 18 * 3 = $54.'], finalAnswer: '$54' }), { ok: true });
    // A model-style correction with another number of steps.
    assert.deepEqual(
      verifyCorrection(problem, { fromStep: 0, steps: ['9 * 2 = 18 muffins.', 'Each is $3.', 'It made 18 * 3 = $54.', 'The answer is $54.'], finalAnswer: '$54' }),
      { ok: true },
    );
  });

  test('fails a correction that keeps or adds a slip, naming the step', () => {
    const kept = verifyCorrection(problem, { fromStep: 0, steps: ['9 * 2 = 18 muffins.', 'It made 18 * 3 = $57.'], finalAnswer: '$57' });
    assert.deepEqual(kept, { ok: false, reason: 'the corrected solution still has a mistake in step 2: 18 * 3 is $54, not $57.' });
    const added = verifyCorrection(problem, { fromStep: 1, steps: ['It made 19 * 3 = $58.'], finalAnswer: '$58' });
    assert.equal(added.ok, false);
  });

  test('fails a correction that stops short of the final answer', () => {
    const short = verifyCorrection(problem, { fromStep: 0, steps: ['9 * 2 = 18 muffins.', 'It made 18 * 3 = $54.'], finalAnswer: '$57' });
    assert.equal(short.ok, false);
    assert.match((short as { reason: string }).reason, /54.*\$57/);
    // The original answer was the last result, so the corrected one must be the corrected last
    // result, also where the verifier's own final-answer check is silent (7 is a number of the steps).
    const p = makeProblem(['3 + 4 = 8 cats.', 'So 8 * 2 = 16 paws.'], { finalAnswer: '16' });
    assert.deepEqual(verifyCorrection(p, { fromStep: 0, steps: ['3 + 4 = 7 cats.', 'So 7 * 2 = 14 paws.'], finalAnswer: '7' }), {
      ok: false,
      reason: 'the corrected steps compute 14, but the corrected final answer is 7',
    });
    assert.equal(verifyCorrection(p, { fromStep: 0, steps: ['3 + 4 = 7 cats.', 'So 7 * 2 = 14 paws.'], finalAnswer: '14' }).ok, true);
  });

  test('fails an empty correction or one outside the steps', () => {
    assert.equal(verifyCorrection(problem, { fromStep: 5, steps: ['1 + 1 = 2'] }).ok, false);
    assert.equal(verifyCorrection(problem, { fromStep: 0, steps: [] }).ok, false);
  });

  test('the corrected problem replaces the steps from fromStep and the final answer', () => {
    const p = makeProblem(['a = 1', 'b = 2', 'The answer is 2.'], { finalAnswer: '2', finalAnswerStep: 2 });
    const c = correctedProblem(p, { fromStep: 1, steps: ['b = 3'], finalAnswer: '3' });
    assert.deepEqual(c.steps.map((s) => s.text), ['a = 1', 'b = 3']);
    assert.deepEqual([c.finalAnswer?.value, c.finalAnswer?.stepIndex], ['3', 1]);
    assert.notEqual(c.contentKey, p.contentKey);
  });
});

describe('corrections the engine offers', () => {
  test('a later slip of its own is fixed too, so the offered solution is whole', () => {
    // The equation in step 2 follows the corrected 7; `x = 2` no longer solves it and is fixed.
    const a = wrong(['3 + 4 = 8', 'x + 8 = 10', 'x = 2']);
    assert.deepEqual(a.correction?.steps, ['3 + 4 = 7', 'x + 7 = 10', 'x = 3']);
    // A slip that does not use the corrected value (`$42 * 3 = $104`) is fixed and followed as well.
    const b = wrong(['Shorts: $16.50 * 3 = $49.00', 'Shoes: $42 * 3 = $104', 'Pants: $243 - $49.00 - $104 = $90.00'], { finalAnswer: '$90.00' });
    assert.deepEqual(b.correction, {
      fromStep: 0,
      steps: ['Shorts: $16.50 * 3 = $49.50', 'Shoes: $42 * 3 = $126', 'Pants: $243 - $49.50 - $126 = $67.50'],
      finalAnswer: '$67.50',
    });
  });

  test('a correction that would still hold a slip it cannot fix is not offered; the explanation stays', () => {
    const v = wrong(['3 + 4 = 8', 'x + 8 = 10', 'x = 10 + 8']);
    assert.equal(v.explanation, '3 + 4 is 7, not 8.');
    assert.equal(v.correction, undefined);
    assert.deepEqual(v.related?.map((r) => r.stepIndex), [1, 2]);
  });

  test('says why a correction is withheld', () => {
    const withheld = (steps: string[], question?: string) => {
      const problem = makeProblem(steps, question ? { question } : {});
      const inspection = inspectProblem(problem);
      return correctSolution(problem, inspection.readings, inspection.finding!).withheld;
    };
    assert.equal(withheld(['3 + 4 = 8', 'x + 8 = 10', 'x = 10 + 8']), 'the corrected solution would still have a mistake in step 3');
    assert.equal(withheld(['3 + 4 = 8', 'He has 8 * 2 = 16 marbles.'], 'Tom has 8 marbles.'), 'a number it would change may also come from the question or from another step');
    assert.equal(withheld(['3 + 4 = 8', 'He has 8 * 2 = 16 marbles.']), undefined);
    // The verdict carries the reason, for the hover.
    const v = wrong(['3 + 4 = 8', 'He has 8 * 2 = 16 marbles.'], { question: 'Tom has 8 marbles.' });
    assert.equal(v.correctionWithheld, 'No corrected solution is offered: a number it would change may also come from the question or from another step.');
    assert.equal(wrong(['3 + 4 = 8', 'He has 8 * 2 = 16 marbles.']).correctionWithheld, undefined);
  });

  test('algebra: an assignment with the wrong solution gets the right one, and later uses follow', () => {
    const a = wrong(['2x + 3 = 11', 'x = 5', 'So 2 * 5 = 10'], { finalAnswer: '10' });
    assert.deepEqual(a.correction, { fromStep: 1, steps: ['x = 4', 'So 2 * 4 = 8'], finalAnswer: '8' });
    const b = wrong(['5y = 20 + 5', 'y = 6', 'Then 3 * 6 = 18 apples.']);
    assert.deepEqual(b.correction?.steps, ['y = 5', 'Then 3 * 5 = 15 apples.']);
  });

  test('algebra: a wrong equation step is solved exactly from the equation before it', () => {
    const a = wrong(['2x + 3 = 11', '2x = 10', 'x = 5']);
    assert.equal(a.kind, 'algebra');
    assert.deepEqual(a.correction?.steps, ['2x = 8', 'x = 4']);
    const b = wrong(['3x - 4 = 11', '3x = 18', 'x = 18/3 = 6']);
    assert.deepEqual(b.correction?.steps, ['3x = 15', 'x = 15/3 = 5']);
    const c = wrong(['4n + 2 = 30', '4n = 32', 'n = 8', 'So 8 * 3 = 24 pens.']);
    assert.deepEqual(c.correction?.steps, ['4n = 28', 'n = 7', 'So 7 * 3 = 21 pens.']);
  });
});
