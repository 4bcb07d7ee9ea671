import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import { exactInt, pow, div, exactFromDecimal } from '../../../server/verify/math/exact.ts';
import { makeProblem } from './makeProblem.ts';

const engine = new EmbeddedEngine();

/**
 * Checks one step. No clock here: every bound is a count (digits, exponent, nesting, operands), which
 * the exact-module test below pins; a test that timed it would fail on a busy machine.
 */
function timed(step: string): { status: string } {
  return { status: engine.checkSync(makeProblem([step])).status };
}

describe('bounded evaluation', () => {
  const pathological: Array<[string, string]> = [
    ['power tower', '9^9^9^9 = 5'],
    ['LaTeX power tower', '$9^{9^{9^{9}}} = 5$'],
    ['10^10^10', '10^10^10 = 3'],
    ['huge exponent', '2^100000 = 1'],
    ['negative huge exponent', '2^-100000 = 1'],
    ['fractional exponent', '4^0.5 = 3'],
    ['division by zero', '1/0 = 5'],
    ['zero to a negative power', '0^-1 = 5'],
    ['10,000 nested brackets', `${'('.repeat(10_000)}1${')'.repeat(10_000)} = 2`],
    ['10,000 nested fractions', `$${'\\frac{1}{'.repeat(10_000)}2${'}'.repeat(10_000)} = 3$`],
    ['a thousand numbers', `${Array.from({ length: 1000 }, () => '1').join(' + ')} = 999`],
    ['a 5,000-digit number', `${'9'.repeat(5000)} + 1 = 5`],
    ['a product of big numbers', `${Array.from({ length: 60 }, () => '9'.repeat(60)).join(' * ')} = 1`],
    ['a very long step', `${'word '.repeat(20_000)} 2 + 2 = 5`],
  ];
  for (const [name, step] of pathological) {
    test(`${name}: unknown, no exception`, () => {
      assert.equal(timed(step).status, 'unknown');
    });
  }

  test('exact module refuses huge results instead of computing them', () => {
    assert.equal(pow(exactInt(10), exactInt(1000)), undefined);
    assert.equal(pow(exactInt(9), exactInt(387_420_489)), undefined);
    assert.equal(div(exactInt(1), exactInt(0)), undefined);
    assert.equal(pow(exactInt(2), exactInt(64))?.toString(), '18446744073709551616');
    assert.equal(exactFromDecimal('1'.repeat(300)), undefined);
  });

  test('moderate powers are still checked', () => {
    assert.equal(timed('2^64 = 18446744073709551616').status, 'correct');
    assert.equal(timed('2^64 = 18446744073709551615').status, 'wrong');
  });

  test('the async check gives the same verdict', async () => {
    const p = makeProblem(['9 * 2 = 19']);
    assert.deepEqual(await engine.check(p), engine.checkSync(p));
  });
});
