import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import { readStep } from '../../../server/verify/readStep.ts';
import { evaluate } from '../../../server/verify/math/evaluate.ts';
import { makeProblem } from './makeProblem.ts';

const engine = new EmbeddedEngine();
const check = (...steps: string[]) => engine.checkSync(makeProblem(steps));

/** The value of the first side of the first chain in `text`, as a decimal string. */
function firstSideValue(text: string): string | undefined {
  const side = readStep(text).sources[0]?.chains[0]?.sides[0];
  const v = side?.expr && evaluate(side.expr);
  return v?.toString();
}

describe('reading numbers', () => {
  test('thousands separators are one number', () => {
    assert.equal(firstSideValue('37,500 + 2,500 = 40,000'), '40000');
    assert.equal(firstSideValue('$37,500 * 2 = 75,000'), '75000');
    assert.equal(check('37,500 + 2,500 = 40,000').status, 'correct');
    assert.equal(check('37,500 + 2,500 = 41,000').status, 'wrong');
  });

  test('comma lists are not thousands', () => {
    // Read as 123 this would be "wrong"; read as a list, `3 + 4` is not a whole left side.
    assert.equal(check('The numbers 1,2,3 + 4 = 7 were drawn.').status, 'correct');
    assert.equal(check('The numbers 1,2,3 + 4 = 127 were drawn.').status, 'unknown');
    assert.equal(check('The numbers 1,2,3 + 4 = 9 were drawn.').status, 'unknown');
  });

  test('currency signs, dollars and euros', () => {
    assert.equal(check('She makes 9 * $2 = $18 a day.').status, 'correct');
    assert.equal(check('It costs €5 + €7 = €12.').status, 'correct');
    const v = check('She makes 9 * $2 = $19 a day.');
    assert.equal(v.status, 'wrong');
  });

  test('decimals, including a leading point', () => {
    assert.equal(check('3.5 * 2 = 7').status, 'correct');
    assert.equal(check('3.5 * 2 = 7.00').status, 'correct');
    assert.equal(check('20 * .5 = 10').status, 'correct');
    assert.equal(check('0.1 + 0.2 = 0.3').status, 'correct', 'exact, not floating point');
  });

  test('percentages', () => {
    assert.equal(check('20% of 50 = 10').status, 'correct');
    assert.equal(check('0.2 * 50 = 10, and 10 / 50 = 20%').status, 'correct');
    assert.equal(check('20% of 50 = 12').status, 'wrong');
    assert.equal(check('0.25 × 100 = 25%').status, 'correct', 'percent sign on a value already times 100');
  });

  test('unicode operators and x as times between numbers', () => {
    assert.equal(check('9 × 2 = 18').status, 'correct');
    assert.equal(check('12 ÷ 4 = 3').status, 'correct');
    assert.equal(check('10 − 4 = 6').status, 'correct');
    assert.equal(check('3 x 4 = 12').status, 'correct');
    assert.equal(check('3 · 4 = 12').status, 'correct');
    assert.equal(check('3 x 4 = 13').status, 'wrong');
  });

  test('negative numbers and double minus', () => {
    assert.equal(check('12 - -3 = 15').status, 'correct');
    assert.equal(check('-4 + 10 = 6').status, 'correct');
    assert.equal(check('12 - -3 = 9').status, 'wrong');
  });

  test('powers and brackets', () => {
    assert.equal(check('2^10 = 1024').status, 'correct');
    assert.equal(check('(3 + 4) * 2 = 14').status, 'correct');
    assert.equal(check('3 + 4 * 2 = 11').status, 'correct');
    assert.equal(check('2^3^2 = 512').status, 'correct', 'powers are right-associative');
  });

  test('LaTeX: fractions, times, cdot, div, powers, left/right, \\$, thin-space and {,} thousands', () => {
    assert.equal(check('\\(\\frac{1}{3} \\times 18 = 6\\)').status, 'correct');
    assert.equal(check('\\[\\dfrac{45}{9} = 5\\]').status, 'correct');
    assert.equal(check('$4 \\cdot 5 = 20$').status, 'correct');
    assert.equal(check('$12 \\div 4 = 3$').status, 'correct');
    assert.equal(check('$2^{10} = 1024$').status, 'correct');
    assert.equal(check('\\(\\left(3 + 4\\right) \\times 2 = 14\\)').status, 'correct');
    assert.equal(check('\\(\\$12 + \\$3 = \\$15\\)').status, 'correct');
    assert.equal(check('$37\\,500 + 2\\,500 = 40\\,000$').status, 'correct');
    assert.equal(check('$37{,}500 + 2{,}500 = 40{,}000$').status, 'correct');
    assert.equal(check('\\(\\frac{1}{3} \\times 18 = 7\\)').status, 'wrong');
  });

  test('GSM8K calculator annotations are claims', () => {
    assert.equal(check('Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.').status, 'correct');
    const v = check('She has <<16-3-4=8>>8 eggs left.');
    assert.equal(v.status, 'wrong');
    assert.equal(v.status === 'wrong' && v.explanation, '16-3-4 is 9, not 8.');
  });

  test('inline math opened by `$` before a digit is math, not a price', () => {
    const v = check('$3 \\times 4 = 13$');
    assert.equal(v.status === 'wrong' && v.explanation, '3 \\times 4 is 12, not 13.');
  });

  test('markdown bold around a claim', () => {
    assert.equal(check('**Day 1:** 10 * 6 = 60 new cases.').status, 'correct');
    assert.equal(check('**Total: 10 + 5 = 16**').status, 'wrong');
  });

  test('"equals" states an equality', () => {
    assert.equal(check('$19.50 / 0.75 equals $25.').status, 'wrong');
    assert.equal(check('$19.50 / 0.75 equals $26.').status, 'correct');
  });
});
