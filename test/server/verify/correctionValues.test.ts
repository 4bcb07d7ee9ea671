// Corrections follow values, not text: a wrong value is replaced only where a later claim used
// it, each dependent result is recomputed, and an equal number with another origin is kept.
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

describe('corrections follow values', () => {
  test('an equal result computed elsewhere is kept (the issue example and two more)', () => {
    assert.deepEqual(wrong(['5 - 1 = 8 hours.', '2 * 4 = 8 cm.']).correction?.steps, ['5 - 1 = 4 hours.', '2 * 4 = 8 cm.']);
    assert.deepEqual(wrong(['She has 10 - 3 = 8 apples.', 'Her brother has 4 * 2 = 8 pears.']).correction?.steps, [
      'She has 10 - 3 = 7 apples.',
      'Her brother has 4 * 2 = 8 pears.',
    ]);
    assert.deepEqual(wrong(['A = 6 * 3 = <<6*3=24>>24', 'B = 12 * 2 = <<12*2=24>>24']).correction?.steps, [
      'A = 6 * 3 = <<6*3=18>>18',
      'B = 12 * 2 = <<12*2=24>>24',
    ]);
  });

  test('a use before the other origin follows the slip; the other origin stays', () => {
    const v = wrong(['3 + 4 = 8 days.', 'That is 8 * 24 = 192 hours.', 'Each box holds 2 * 4 = 8 cups.'], { finalAnswer: '8' });
    assert.deepEqual(v.correction?.steps, ['3 + 4 = 7 days.', 'That is 7 * 24 = 168 hours.', 'Each box holds 2 * 4 = 8 cups.']);
    assert.equal(v.correction?.finalAnswer, '8');
    assert.deepEqual(v.related?.map((r) => r.stepIndex), [1]);
  });

  test('a use that may mean either origin gets the explanation without a correction', () => {
    // After `2 * 4 = 8`, a later 8 may be the wrong 8 or the right one: no Apply.
    const a = wrong(['It takes 3 + 4 = 8 days.', 'Each box holds 2 * 4 = 8 cups.', 'So 8 * 2 = 16 cups in all.']);
    assert.equal(a.explanation, '3 + 4 is 7, not 8.');
    assert.equal(a.correction, undefined);
    // The wrong value is also a number of the question or of an earlier step.
    const b = wrong(['3 + 4 = 8', 'He has 8 * 2 = 16 marbles.'], { question: 'Tom has 8 marbles and 3 + 4 cards.' });
    assert.equal(b.correction, undefined);
    const c = wrong(['He buys 8 pens for 2 * 4 = $8.', 'Then 3 + 4 = 9 pencils.', 'So 9 * 2 = 18.']);
    assert.equal(c.stepIndex, 1);
    assert.deepEqual(c.correction?.steps, ['Then 3 + 4 = 7 pencils.', 'So 7 * 2 = 14.']);
    const d = wrong(['Then 3 + 4 = 8 pencils.', 'So 8 * 2 = 16.'], { question: 'He buys 8 pens.' });
    assert.equal(d.correction, undefined);
  });

  test('the annotation and the visible text both change, in the slip and in every later use', () => {
    const v = wrong(['Janet sells 16 - 3 - 4 = <<16-3-4=8>>8 eggs.', 'She makes 8 * 2 = $<<8*2=16>>16 every day.'], { finalAnswer: '16' });
    assert.deepEqual(v.correction, {
      fromStep: 0,
      steps: ['Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 eggs.', 'She makes 9 * 2 = $<<9*2=18>>18 every day.'],
      finalAnswer: '18',
    });
    // The text after an annotation that the verifier does not read as a claim (`6 dozen`) changes too.
    const w = wrong(['She eats 84 eggs, so that is 84/12 = <<84/12=6>>6 dozen eggs.', 'That is 6 * 2 = <<6*2=12>>12 boxes.'], { finalAnswer: '12' });
    assert.deepEqual(w.correction?.steps, ['She eats 84 eggs, so that is 84/12 = <<84/12=7>>7 dozen eggs.', 'That is 7 * 2 = <<7*2=14>>14 boxes.']);
    assert.equal(w.correction?.finalAnswer, '14');
    // A percentage after the annotation: `<<.24*100=25>>25%`.
    const p = wrong(['As a percentage: .24 * 100% = <<.24*100=25>>25%'], { finalAnswer: '25' });
    assert.deepEqual(p.correction, { fromStep: 0, steps: ['As a percentage: .24 * 100% = <<.24*100=24>>24%'], finalAnswer: '24' });
  });

  test('an annotation result does not change the visible operands written before it', () => {
    const v = wrong(
      ['She saved 8 * $4 = $<<8*4=12>>12.', 'She needs $60 - $12 = $<<60-12=48>>48 more.', 'It takes her $48 / $4 = <<48/4=12>>12 weeks.'],
      { finalAnswer: '12' },
    );
    assert.deepEqual(v.correction, {
      fromStep: 0,
      steps: ['She saved 8 * $4 = $<<8*4=32>>32.', 'She needs $60 - $32 = $<<60-32=28>>28 more.', 'It takes her $28 / $4 = <<28/4=7>>7 weeks.'],
      finalAnswer: '7',
    });
  });

  test('a restatement that computes nothing keeps its place: the number after it follows', () => {
    // `22 – 6`: an en dash is no minus sign to the verifier, so `6 = 16` is read, and is no computation.
    const v = wrong(['So L = 14/2 = <<14/2=6>>6 losses.', 'The team won 22 – 6 = <<22-6=16>>16 games.'], { finalAnswer: '16' });
    assert.deepEqual(v.correction, {
      fromStep: 0,
      steps: ['So L = 14/2 = <<14/2=7>>7 losses.', 'The team won 22 – 7 = <<22-7=15>>15 games.'],
      finalAnswer: '15',
    });
  });

  test('a percentage refers to a result worth as much, not to the number it is written with', () => {
    const a = wrong(['So 10 - 5 = 6 years.', 'She gets 6 * 5% = 30%.', 'That is 30% of $50,000 = $15,000.'], { finalAnswer: '15000' });
    assert.deepEqual(a.correction, {
      fromStep: 0,
      steps: ['So 10 - 5 = 5 years.', 'She gets 5 * 5% = 25%.', 'That is 25% of $50,000 = $12,500.'],
      finalAnswer: '12500',
    });
    assert.equal(a.related?.[1]?.message, 'Uses 30%, which follows from the wrong value 6 in step 1.');
    // A 25% is no use of a wrong 25.
    assert.deepEqual(wrong(['2 * 10 = 25 pens.', 'Then 25% of 80 = 20 pencils.']).correction?.steps, ['2 * 10 = 20 pens.', 'Then 25% of 80 = 20 pencils.']);
    const c = wrong(['30 - 20 = 50 years.', 'Then 50 * 5% = 250%.', 'So $50,000 * 250% = $125,000'], { finalAnswer: '125000' });
    assert.deepEqual(c.correction?.steps, ['30 - 20 = 10 years.', 'Then 10 * 5% = 50%.', 'So $50,000 * 50% = $25,000']);
  });

  test('negative final answers are carried with their sign', () => {
    const v = wrong(['3 + 4 = 8', '5 - 8 = -3'], { finalAnswer: '-3' });
    assert.deepEqual(v.correction, { fromStep: 0, steps: ['3 + 4 = 7', '5 - 7 = -2'], finalAnswer: '-2' });
    const w = wrong(['3 + 4 = 8', '10 - 8 = 2'], { finalAnswer: '2' });
    assert.deepEqual(w.correction, { fromStep: 0, steps: ['3 + 4 = 7', '10 - 7 = 3'], finalAnswer: '3' });
  });
});
