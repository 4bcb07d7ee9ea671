// Text that looks like a wrong computation but is not one: none of it may be flagged.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import { makeProblem } from './makeProblem.ts';

const engine = new EmbeddedEngine();

const traps: Array<[string, string[]]> = [
  ['a time of day', ['She leaves at 3:30 = 210 minutes after noon.']],
  ['a date written with a slash', ['The party is on 12/25 = Christmas, and 12/25 = 0.48 is a fraction.']],
  ['a ratio', ['The ratio of boys to girls is 3:4 = 12 boys for 16 girls.']],
  ['a range', ['It takes 5-10 = about a few minutes.', 'Reading 12-15 = 4 pages a day.']],
  ['a phone-like number', ['Call 555-1234 = the bakery.']],
  ['units with a slash', ['At 5 m/s * 3 s = 15 m in total.', 'He drives 60 km/h for 2 h = 120 km.']],
  ['x as a variable', ['Let x = 5 be the apples.', 'Then x + 3 = 8 apples.']],
  ['implicit multiplication with a variable', ['2x = 8 means x is 4.']],
  ['a unit or word after the result', ['She has 20 + 4 = 24 apples.']],
  ['a label before the left side', ['Total cost = 3 * $4 = $12.']],
  ['a restated middle', ['3/4 of the yarn * 364 yards = 364 / 4 = 273 yards.']],
  ['a running calculation', ['5 + 5 = 10 * 2 = 20 pens.']],
  ['minutes after a division', ['60/2 = 30 minutes.']],
  ['a percentage stated as a share', ['Half of them, 50% = 25 students, came.', '50% = 0.5 of the class.']],
  ['a percentage taken off', ['The sale price is 100 - 10% = 90 dollars.']],
  ['dollars as currency and as math', ['She paid $5 and $3, so $5 + $3 = $8 in all.', '$2 + 2 = 4$ is math.']],
  ['half an hour', ['1/2 hour = 30 minutes.']],
  ['a mixed number', ['He ran 2 1/2 = 2.5 miles.', 'She ate 1 1/2 = 1.5 pies.']],
  ['trailing zeros', ['3.5 * 2 = 7.00', '3.50 * 2 = 7']],
  ['a word binding the left side', ['3 times 4 + 2 = 14 marbles.', 'Half of 10 + 4 = 9.', '2 less than 3 * 4 = 10.']],
  ['a scale word after the result', ['2.5 * 2 = 5 million people.', '1.5 + 1.5 = 3 dozen eggs.']],
  ['an ordinal after the result', ['He came 2 + 1 = 3rd.']],
  ['a number run into a unit', ['5kg + 3kg = 8kg.', '10m * 3 = 30m.']],
  ['whole items from a division', ['100 / 3 = 33 people can ride.', '15 / 2 = 8 buses are needed.']],
  ['an en dash before the left side', ['Emma has 120 – 80 - 15 = 25 more points.']],
  ['a repeating decimal', ['10 / 3 = 3.333... cups.', '1/3 = 0.33 of the pie.', '2/3 = 0.66 of it.', '2/3 = 0.67 of it.']],
  ['a computation on rounded values', ['Each gets 100 / 3 = 33.33 dollars.', 'Together 33.33 * 3 = 100 dollars.']],
  ['algebra with two unknowns', ['b = 5s - 4 and s + b = 116.', 'So b = 96.']],
  ['an equation, not an identity', ['x^2 = 4x, so x = 4.']],
  ['variables named like units', ['Let L be the losses: 2L + 8 = 22.', 'So L = 7.']],
  ['a decimal comma', ['2,5 + 1 = 3,5 litres.']],
  ['clock arithmetic', ['2:30 + 1:15 = 3:45 in all.']],
  ['the result word on the left', ['24 apples = 20 + 4 apples.', 'Apples: 20 + 4 = 24 apples.']],
  ['scientific notation', ['1.5e6 = 1500000 people.']],
  ['a rounded solution of an equation', ['1.5x = 40', 'x = 26.67 meters']],
  ['different units on the two sides', ['2 hours + 30 minutes = 2.5 hours.', '1 hour + 30 minutes = 90 minutes.']],
  ['a unit inside a right side that goes on', ['2 babies / (2 babies + 2 babies) = 2 babies / 4 babies = .5 * 100% = 50%']],
  ['a quantity word before "of"', ['Half of 10 + 4 = 9 apples.', 'Then 1/4 of 20 + 4 = 9 pears.']],
  ['two solutions of a quadratic', ['x^2 = 16', 'x = 4', 'x = -4']],
  ['alternatives in one step', ['x - 4 = 0 or x + 4 = 0']],
  ['a variable reused for a second quantity', ['Let x = 12 be the apples.', 'Now let x = 5 be the pears.']],
  ['a footnote in brackets after the result', ['Total = $4.20 + $9.45 + $1.35 = $15.00 (rounded).']],
];

describe('precision traps are not flagged', () => {
  for (const [name, steps] of traps) {
    test(name, () => {
      const v = engine.checkSync(makeProblem(steps));
      assert.notEqual(v.status, 'wrong', v.status === 'wrong' ? v.explanation : '');
    });
  }

  test('an ignored step is never flagged', () => {
    const v = engine.checkSync(makeProblem(['9 * 2 = 19 eggs.'], { ignored: [0] }));
    assert.notEqual(v.status, 'wrong');
  });

  test('a final answer after more text, or written in words, is not contradicted', () => {
    const v = engine.checkSync(
      makeProblem(['16 feet * 2 = 32 feet. This is taller than the window, so it took three days.'], { finalAnswer: '3' }),
    );
    assert.notEqual(v.status, 'wrong');
  });

  test('a final answer written with a unit is not compared: the unit may differ from the step\'s', () => {
    const v = engine.checkSync(makeProblem(['It takes 60 * 3 = 180 minutes.'], { finalAnswer: '3 hours' }));
    assert.equal(v.status, 'correct');
  });

  test('a final answer that appears in the steps is not contradicted by a later check', () => {
    const v = engine.checkSync(
      makeProblem(['60 / 6 = 10 classes needed.', 'He can skip 4 classes because 10 - 4 = 6.'], { finalAnswer: '4' }),
    );
    assert.notEqual(v.status, 'wrong');
  });
});
