import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import { judge } from '../../../server/verify/rounding.ts';
import { exactFromDecimal, exactRatio, type Exact } from '../../../server/verify/math/exact.ts';
import { makeProblem } from './makeProblem.ts';

const engine = new EmbeddedEngine();
const status = (step: string) => engine.checkSync(makeProblem([step])).status;
const dec = (s: string): Exact => exactFromDecimal(s)!;
const written = (s: string, percent = false) => ({
  value: percent ? dec(s).div(100) : dec(s),
  decimals: s.includes('.') ? s.split('.')[1]!.length : 0,
  percent,
  repeating: false,
});

describe('the rounding rule', () => {
  const tenThirds = exactRatio(10n, 3n)!;
  const twoThirds = exactRatio(2n, 3n)!;

  test('accepts rounding half away from zero, half to even and truncation', () => {
    assert.equal(judge(tenThirds, written('3.33'), false, false), 'rounded');
    assert.equal(judge(tenThirds, written('3.3'), false, false), 'rounded');
    assert.equal(judge(twoThirds, written('0.67'), false, false), 'rounded');
    assert.equal(judge(twoThirds, written('0.66'), false, false), 'rounded', 'truncation');
    assert.equal(judge(dec('2.5'), written('2'), true, false), 'rounded', 'half to even');
    assert.equal(judge(dec('2.5'), written('3'), true, false), 'rounded', 'half away from zero');
    assert.equal(judge(dec('0.125'), written('0.12'), false, false), 'rounded');
  });

  test('a wrong rounding is kind rounding; a value far off is arithmetic', () => {
    assert.equal(judge(tenThirds, written('3.34'), false, false), 'wrong-rounding');
    assert.equal(judge(tenThirds, written('3.4'), false, false), 'wrong-rounding');
    assert.equal(judge(tenThirds, written('3.5'), false, false), 'wrong');
  });

  test('whole numbers: within 1 without a cue; rounded with one', () => {
    assert.equal(judge(exactRatio(100n, 3n)!, written('33'), false, false), 'rounded');
    assert.equal(judge(exactRatio(15n, 2n)!, written('8'), false, false), 'rounded');
    assert.equal(judge(exactRatio(100n, 3n)!, written('35'), false, false), 'wrong');
    assert.equal(judge(tenThirds, written('4'), true, false), 'wrong-rounding', '≈ always means rounded');
    assert.equal(judge(dec('33333.3'), written('33000'), true, false), 'rounded', 'to thousands with ≈');
    assert.equal(judge(dec('33333.3'), written('33000'), false, false), 'wrong');
  });

  test('percentages round on the percent number', () => {
    assert.equal(judge(exactRatio(1n, 3n)!, written('33.3', true), false, false), 'rounded');
    assert.equal(judge(exactRatio(1n, 3n)!, written('33.4', true), false, false), 'wrong-rounding');
  });

  test('values built on rounded operands get 1% leeway', () => {
    assert.equal(judge(dec('99.99'), written('100'), false, true), 'rounded');
    assert.equal(judge(dec('99.99'), written('102'), false, true), 'wrong');
  });

  test('in steps', () => {
    assert.equal(status('10 / 3 = 3.33 cups'), 'correct');
    assert.equal(status('10 / 3 = 3.333... cups'), 'correct');
    assert.equal(status('10 / 3 ≈ 3.3 cups'), 'correct');
    assert.equal(status('100 / 3 is about 33, so 100 / 3 ≈ 33'), 'correct');
    assert.equal(status('$10 / 3 \\approx 3.33$'), 'correct');
    assert.equal(status('1 / 3 = 33.3%'), 'correct');
    assert.equal(status('3.50 * 2 = 7'), 'correct');
    const v = engine.checkSync(makeProblem(['Each pays 10 / 3 = 3.34 dollars.']));
    assert.equal(v.status === 'wrong' && v.kind, 'rounding');
    assert.equal(v.status === 'wrong' && v.explanation, '10 / 3 is 3.333…, which rounds to 3.33, not 3.34.');
    assert.equal(v.status === 'wrong' && v.hint, 'Check the rounding in step 1.');
    const w = engine.checkSync(makeProblem(['Each pays 10 / 3 = 3.5 dollars.']));
    assert.equal(w.status === 'wrong' && w.kind, 'arithmetic');
  });
});
