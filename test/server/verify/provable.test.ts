// Issue 9 §2: what the verifier can prove, with fixtures that must be flagged and close variants
// that must not be.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import { makeProblem, type ProblemOptions } from './makeProblem.ts';

const engine = new EmbeddedEngine();

function wrongAt(steps: string[], stepIndex: number, options?: ProblemOptions): string {
  const v = engine.checkSync(makeProblem(steps, options));
  assert.equal(v.status, 'wrong', `not flagged: ${JSON.stringify(steps)}`);
  assert.equal(v.status === 'wrong' && v.stepIndex, stepIndex, v.status === 'wrong' ? v.explanation : '');
  return v.status === 'wrong' ? v.explanation : '';
}

function notWrong(steps: string[], options?: ProblemOptions): void {
  const v = engine.checkSync(makeProblem(steps, options));
  assert.notEqual(v.status, 'wrong', v.status === 'wrong' ? v.explanation : '');
}

describe('every link of a chain is a claim', () => {
  test('the first false link is flagged, at the part that differs', () => {
    assert.equal(wrongAt(['(7 + 3*8 - 2) = (7 + 21 - 2) = 26'], 0), '3*8 is 24, not 21.');
    assert.equal(wrongAt(['2 * (5 + 4) = 2 * 8 = 16'], 0), '5 + 4 is 9, not 8.');
    assert.equal(wrongAt(['So 10 + 6 * 3 = 10 + 17 = 27 points.'], 0), '6 * 3 is 18, not 17.');
  });
  test('a restatement that holds, and a running calculation, are not flagged', () => {
    assert.equal(engine.checkSync(makeProblem(['(7 + 3*8 - 2) = (7 + 24 - 2) = 29'])).status, 'correct');
    notWrong(['5 + 5 = 10 * 2 = 20 pens.']);
    notWrong(['3 * 4 = 12 + 2 = 14 apples.']);
  });
});

describe('units and words between operands', () => {
  test('units, rates and labels are read through', () => {
    wrongAt(['45 students * $12/student = $560'], 0);
    wrongAt(['3 boxes x 12 eggs = 30 eggs'], 0);
    wrongAt(['5 pies * 8 pieces/pie = 45 pieces.'], 0);
    wrongAt(['Return Time = 30 miles / 6 mph = 10 hours.'], 0);
    wrongAt(['That is 20 glasses (weekdays) + 6 glasses (weekend) = 28 glasses.'], 0);
    wrongAt(['Total = 2/5 * 3000 = 1300'], 0);
    wrongAt(['Occupied = 3/4 of the units = 3/4 * 120 units = 70 units.'], 0);
  });
  test('different units in a sum, scale words and conversions stay unknown', () => {
    notWrong(['2 hours + 30 minutes = 2.5 hours.']);
    notWrong(['2 dozen * 3 = 72 eggs']);
    notWrong(['2 * 3 hours = 360 minutes']);
    notWrong(['1 hour + 30 = 90 minutes']);
    notWrong(['2 pairs * 3 = 12 socks']);
    notWrong(['$1.3 per lemon * 7 lemons = $9.1']);
    notWrong(['3/4 of the yarn * 364 yards = 364 / 4 = 273 yards.']);
  });
});

describe('LaTeX', () => {
  test('fractions, roots, powers and implicit multiplication', () => {
    wrongAt(['\\(\\frac{3}{4} + \\frac{1}{8} = \\frac{5}{8}\\)'], 0);
    assert.equal(wrongAt(['\\(\\sqrt{16} = 5\\)'], 0), '\\sqrt{16} is 4, not 5.');
    wrongAt(['\\(2^{10} = 1000\\)'], 0);
    wrongAt(['20(15/2) = 140'], 0);
    wrongAt(['3(4 + 2) = 14'], 0);
    wrongAt(['\\(\\sqrt{\\frac{9}{4}} = \\frac{2}{3}\\)'], 0);
    assert.equal(wrongAt(['\\(\\boxed{3210} - \\boxed{1203} = 1997\\)'], 0), '3210 - 1203 is 2007, not 1997.');
  });
  test('what holds, and irrational roots, are not flagged', () => {
    assert.equal(engine.checkSync(makeProblem(['\\(\\sqrt{169} = 13\\)'])).status, 'correct');
    notWrong(['\\(\\sqrt{2} = 1.41\\)']);
    notWrong(['\\(\\sqrt{50} \\approx 7.07\\)']);
  });
});

describe('algebra without a cue word', () => {
  test('a bare wrong rewrite is flagged', () => {
    wrongAt(['(a+b)^2 = a^2 + b^2'], 0);
    wrongAt(['2(x + 3) = 2x + 3'], 0);
    wrongAt(['(x + 3)^2 = x^2 + 9'], 0);
    wrongAt(['3(a - b) = 3a - b'], 0);
  });
  test('right rewrites, conditions and equations to solve are not', () => {
    notWrong(['(a+b)^2 = a^2 + 2ab + b^2']);
    notWrong(['2(x + 3) = 2x + 6']);
    notWrong(['(a + b)^2 = 2ab + 5']);
    notWrong(['Solve (x + 1)^2 = x^2 + 4.']);
    notWrong(['\\(\\frac{m^2}{4} + 16 = (m - 1)^2\\)']);
  });
});

describe('a final answer that differs from the last computed value', () => {
  test('#### N inside the last step', () => {
    wrongAt(['He buys 3 * 4 = 12 apples.', 'Then 12 + 5 = 17 apples. #### 18'], 1);
  });
  test('\\boxed{} as the final answer', () => {
    wrongAt(['He buys 3 * 4 = 12 apples.', 'Then 12 + 5 = 17 apples.'], 1, { finalAnswer: '\\boxed{18}' });
  });
  test('an answer that matches is not flagged', () => {
    notWrong(['He buys 3 * 4 = 12 apples.', 'Then 12 + 5 = 17 apples. #### 17']);
  });
});

describe('computations stated in words', () => {
  test('multiply/divide/subtract ... equals', () => {
    assert.equal(wrongAt(['Multiplying 3 by $22.50 equals $72.50.'], 0), '3 × $22.50 is $67.50, not $72.50.');
    wrongAt(['Multiply 60 meters by 3 to find the distance. This equals 190 meters.'], 0);
    wrongAt(['Multiply the number sold (43) by the price ($3). This equals $126.'], 0);
    wrongAt(['Subtract 5 from 20, which gives 14.'], 0);
    wrongAt(['60 multiplied by 3 equals 170.'], 0);
  });
  test('right ones, and shapes with more in between, are not flagged', () => {
    assert.equal(engine.checkSync(makeProblem(['Divide 84 by 4, which gives 21.'])).status, 'correct');
    notWrong(['Multiply 5 by 3 and add 2, which gives 17.']);
    notWrong(['Multiply 60 by 3 to get the total. Then add 20 to it; this is 200.']);
    notWrong(['Subtracting 30 from both sides gives 2S = 80.']);
    notWrong(['Multiply both sides by 2, which gives x = 14.']);
  });
});

describe('multiplier words', () => {
  test('twice, half of', () => {
    assert.equal(wrongAt(['twice 14 is 26'], 0), 'twice 14 is 28, not 26.');
    assert.equal(wrongAt(['half of 50 = 20'], 0), 'half of 50 is 25, not 20.');
    wrongAt(['Her brother has double 12 = 25 cards.'], 0);
  });
  test('right ones and longer expressions are not flagged', () => {
    assert.equal(engine.checkSync(makeProblem(['Half of 50 is 25.'])).status, 'correct');
    notWrong(['double 3 is 6 + 2']);
    notWrong(['He has 2 half of 10 = 5']);
  });
});

describe('a total stated in the step after its computation', () => {
  test('the stated total is checked against the expression the step before ended with', () => {
    assert.equal(wrongAt(['Add the costs: $204 + $160 + $330.', 'The total cost is $664.'], 1), '$204 + $160 + $330 is $694, not $664.');
    wrongAt(['Together they read 12 + 15 + 9.', 'So the total is 35 pages.'], 1);
  });
  test('a right total, or a next step about something else, is not flagged', () => {
    assert.equal(engine.checkSync(makeProblem(['Add the costs: $204 + $160 + $330.', 'The total cost is $694.'])).status, 'correct');
    notWrong(['He buys 5 + 3 apples.', 'The price is $2.']);
    notWrong(['He pays 3 * 4.', 'The total tax is $2.']);
    notWrong(['So the total for the first week is 20 + 40 + 60.', 'Each of them is 20.']);
    notWrong(['He buys 5 + 3 apples.', 'The total weight is 2 kg, and 8 apples cost $4.']);
  });
});

describe('a right side that restates the left with another value', () => {
  test('the two values are named when no running value explains the link', () => {
    assert.equal(
      wrongAt(['343 * 128 + 127 * 343 - 127 = 343 * (128 + 127 - 1) = 87122'], 0),
      '343 * 128 + 127 * 343 - 127 is 87338, but 343 * (128 + 127 - 1) is 87122.',
    );
  });
  test('a running calculation with a slip in its leading number names that number', () => {
    assert.equal(wrongAt(['3 + 4 = 8 * 2 = 16'], 0), '3 + 4 is 7, not 8.');
  });
});
