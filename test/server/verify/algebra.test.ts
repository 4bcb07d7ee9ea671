import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import type { WrongVerdict } from '../../../server/engine/types.ts';
import { makeProblem } from './makeProblem.ts';

const engine = new EmbeddedEngine();
const check = (...steps: string[]) => engine.checkSync(makeProblem(steps));

describe('equation steps', () => {
  test('a correct solution of a linear equation', () => {
    assert.equal(check('2x + 3 = 11', '2x = 8', 'x = 4').status, 'correct');
    assert.equal(check('$\\frac{x}{2} + 1 = 4$', '$x = 6$').status, 'correct');
    assert.equal(check('3(x - 2) = 12', 'x - 2 = 4', 'x = 6').status, 'correct');
  });

  test('a wrong solution is flagged where it goes wrong', () => {
    const steps = ['2x + 3 = 11', 'So 2x = 8', 'x = 5'];
    const v = check(...steps) as WrongVerdict;
    assert.equal(v.status, 'wrong');
    assert.equal(v.kind, 'algebra');
    assert.equal(v.stepIndex, 2);
    assert.equal(v.explanation, 'From 2x = 8, x = 4, not 5.');
    assert.equal(v.hint, 'Check how step 3 solves for x.');
    assert.equal(steps[2]!.slice(v.span!.start, v.span!.end), '5');
    assert.deepEqual(v.correction?.steps, ['x = 4']);
  });

  test('a wrong rewrite of the equation', () => {
    const v = check('2x + 3 = 11', '2x = 14') as WrongVerdict;
    assert.equal(v.status, 'wrong');
    assert.equal(v.stepIndex, 1);
    assert.equal(v.explanation, '2x = 14 gives x = 7, but 2x + 3 = 11 gives x = 4.');
  });

  test('a different variable is a different equation', () => {
    assert.equal(check('2x + 3 = 11', 'y = 5').status, 'unknown');
  });
});

describe('identities', () => {
  test('a true expansion holds', () => {
    assert.notEqual(check('Expanding, (a+b)^2 = a^2 + 2ab + b^2').status, 'wrong');
    assert.notEqual(check('Factoring, x^2 - 9 = (x - 3)(x + 3)').status, 'wrong');
  });

  test('a false expansion is disproved by a counterexample', () => {
    const step = 'Expanding, (a+b)^2 = a^2 + b^2';
    const v = check(step) as WrongVerdict;
    assert.equal(v.status, 'wrong');
    assert.equal(v.kind, 'algebra');
    assert.match(v.explanation, /does not hold: with a = \d+, b = \d+ the left side is \d+ and the right side is \d+\./);
    assert.equal(step.slice(v.span!.start, v.span!.end), 'a^2 + b^2');
  });

  test('without an identity cue an equation is not treated as an identity', () => {
    assert.notEqual(check('x^2 + y^2 = 25').status, 'wrong');
  });
});
