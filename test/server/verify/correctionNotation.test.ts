// Corrections keep the writer's notation: fractions stay fractions (and are explained as
// fractions), money stays money, places written as a notation stay, others are what the value needs.
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

describe('fractions as results', () => {
  test('are proven wrong with an explanation in fractions', () => {
    assert.equal(wrong(['1/2 + 1/4 = 2/6']).explanation, '1/2 + 1/4 is 3/4, not 2/6.');
    assert.equal(wrong(['2/3 - 1/6 = 1/3']).explanation, '2/3 - 1/6 is 1/2, not 1/3.');
    assert.equal(wrong(['So 3 * 1/4 = 1/2.']).explanation, '3 * 1/4 is 3/4, not 1/2.');
    assert.equal(wrong(['1/3 + 1/3 = 1/2']).explanation, '1/3 + 1/3 is 2/3, not 1/2.');
    const latex = wrong(['$\\frac{1}{2} + \\frac{1}{4} = \\frac{2}{6}$']);
    assert.equal(latex.explanation, '\\frac{1}{2} + \\frac{1}{4} is \\frac{3}{4}, not \\frac{2}{6}.');
    assert.deepEqual(latex.span, { start: 29, end: 40 });
  });

  test('right fractions and fractions that read as a running calculation are not flagged', () => {
    for (const steps of [['1/2 + 1/4 = 3/4'], ['1/6 + 1/6 = 2/6'], ['He works 2 * 3 = 6/7 days a week.'], ['5 + 5 = 10 / 2 = 5']]) {
      const v = engine.checkSync(makeProblem(steps));
      assert.notEqual(v.status, 'wrong', `${steps[0]}: ${JSON.stringify(v)}`);
    }
  });

  test('are corrected as fractions, over the written denominator when it fits, and followed on', () => {
    assert.deepEqual(wrong(['1/2 + 1/4 = 2/6']).correction?.steps, ['1/2 + 1/4 = 3/4']);
    assert.deepEqual(wrong(['1/6 + 1/6 = 3/6']).correction?.steps, ['1/6 + 1/6 = 2/6']);
    const v = wrong(['She ate 1/2 + 1/4 = 2/6 in all.', 'So 1 - 2/6 = 4/6 is left.']);
    assert.deepEqual(v.correction?.steps, ['She ate 1/2 + 1/4 = 3/4 in all.', 'So 1 - 3/4 = 1/4 is left.']);
    assert.equal(v.related?.[0]?.message, 'Uses the wrong value 2/6 from step 1.');
    const latex = wrong(['She ate $\\frac{1}{2} + \\frac{1}{4} = \\frac{2}{6}$ in all.', 'So $1 - \\frac{2}{6} = \\frac{4}{6}$ is left.']);
    assert.deepEqual(latex.correction?.steps, ['She ate $\\frac{1}{2} + \\frac{1}{4} = \\frac{3}{4}$ in all.', 'So $1 - \\frac{3}{4} = \\frac{1}{4}$ is left.']);
  });

  test('a whole-number division is no fraction of the same value', () => {
    // `48/4` equals the wrong 12 but is a computation from 48: it follows 48, not 12.
    const v = wrong(['He saves 3 * 4 = 11.', 'So 48/4 = 12 and 12 + 11 = 23.']);
    assert.deepEqual(v.correction?.steps, ['He saves 3 * 4 = 12.', 'So 48/4 = 12 and 12 + 12 = 24.']);
  });
});

describe('numbers keep their notation', () => {
  test('money stays money: the sign, and cents where the writer wrote cents', () => {
    const a = wrong(['Each costs $2.50 * 3 = $7.00.', 'Two of them cost $7.00 * 2 = $14.00.']);
    assert.deepEqual(a.correction?.steps, ['Each costs $2.50 * 3 = $7.50.', 'Two of them cost $7.50 * 2 = $15.00.']);
    const b = wrong(['The ticket is $3 * 1.5 = $4.60.', 'With a $1 tip: $4.60 + $1 = $5.60.']);
    assert.deepEqual(b.correction?.steps, ['The ticket is $3 * 1.5 = $4.50.', 'With a $1 tip: $4.50 + $1 = $5.50.']);
    const c = wrong(['The house cost $80,000 + $50,000 = $140,000.']);
    assert.deepEqual(c.correction?.steps, ['The house cost $80,000 + $50,000 = $130,000.']);
  });

  test('the explanation writes money and fixed places the way the step does', () => {
    assert.equal(wrong(['Shorts: $16.50 * 3 = $49.00']).explanation, '$16.50 * 3 is $49.50, not $49.00.');
    assert.equal(wrong(['She has \\$20 - \\$13.00 = \\$6.00 left.']).explanation, '\\$20 - \\$13.00 is \\$7.00, not \\$6.00.');
    assert.equal(wrong(['Each costs 2.50 * 3 = 7.00 dollars.']).explanation, '2.50 * 3 is 7.50, not 7.00.');
    // Places that do not fit the value are not forced on it.
    assert.equal(wrong(['10 / 3 = 3.50']).explanation, '10 / 3 is 3.333…, not 3.50.');
  });

  test('places that only the wrong value needed are dropped', () => {
    const a = wrong(['The groomer gave a 100*.3=$<<100*.3=100.3>>100.3 discount', 'So the grooming cost 100-100.3=$<<100-100.3=-0.3>>-0.3']);
    assert.deepEqual(a.correction?.steps, ['The groomer gave a 100*.3=$<<100*.3=30>>30 discount', 'So the grooming cost 100-30=$<<100-30=70>>70']);
    const b = wrong(['The winner got 3/4*80 = <<3/4*80=80.75>>80.75 votes.']);
    assert.deepEqual(b.correction?.steps, ['The winner got 3/4*80 = <<3/4*80=60>>60 votes.']);
    const c = wrong(['A pack costs 6 x $0.10 = $<<6*0.1=6.1>>6.1.']);
    assert.deepEqual(c.correction?.steps, ['A pack costs 6 x $0.10 = $<<6*0.1=0.6>>0.6.']);
  });

  test('a recomputed value that does not terminate gets the places the writer used', () => {
    assert.deepEqual(wrong(['3 + 4 = 8 people.', 'Each gets 100 / 8 ≈ 12.5 slices.']).correction?.steps, ['3 + 4 = 7 people.', 'Each gets 100 / 7 ≈ 14.3 slices.']);
    assert.deepEqual(wrong(['3 + 4 = 8 people.', 'Each pays 10 / 8 = 1.25 dollars.']).correction?.steps, ['3 + 4 = 7 people.', 'Each pays 10 / 7 = 1.43 dollars.']);
    assert.deepEqual(wrong(['3 + 4 = 8 people.', 'Each gets 16 / 8 = 2 cakes.']).correction?.steps, ['3 + 4 = 7 people.', 'Each gets 16 / 7 = 2.29 cakes.']);
  });

  test('a whole-item result written rounded stays a whole number when recomputed', () => {
    const v = wrong(['3 + 4 = 8 friends.', 'Each gets 100 / 8 = 13 sweets.']);
    assert.deepEqual(v.correction?.steps, ['3 + 4 = 7 friends.', 'Each gets 100 / 7 = 14 sweets.']);
  });
});
