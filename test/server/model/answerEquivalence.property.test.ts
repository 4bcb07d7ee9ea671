// Property test (fixed seed): one number written in any of the forms solutions use compares equal to
// itself in every other form, and never equal to a different number in any form.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sameAnswer } from '../../../server/model/solvedAnswer.ts';
import { prng as random } from '../../support/seededRandom.ts';


function withThousands(n: number): string {
  return n.toLocaleString('en-US');
}

/** Forms of a whole number n as answers write it. */
function wholeForms(n: number): string[] {
  return [String(n), `${n}.00`, `$${n}`, `\\$${n}`, withThousands(n), `$${withThousands(n)}`, `${n} dollars`, `\\boxed{${n}}`, `$${n}$`, `\\(${n}\\)`, `${n}.`];
}

/** Forms of p/q (q a power of 2 or 5 so the decimal is exact). */
function fractionForms(p: number, q: number): string[] {
  const decimal = String(p / q);
  return [`${p}/${q}`, `\\frac{${p}}{${q}}`, `$\\frac{${p}}{${q}}$`, decimal, `\\boxed{\\frac{${p}}{${q}}}`];
}

describe('sameAnswer over generated forms (seed 20261201)', () => {
  const next = random(20261201);
  const int = (max: number) => Math.floor(next() * max);

  test('every form of a whole number equals every other; a different number equals none', () => {
    for (let i = 0; i < 150; i++) {
      const n = int(100_000) + 1;
      const other = n + 1 + int(50);
      const forms = wholeForms(n);
      for (const a of forms) {
        for (const b of forms) assert.ok(sameAnswer(a, b), `${a} = ${b}`);
        for (const c of wholeForms(other)) assert.ok(!sameAnswer(a, c), `${a} ≠ ${c}`);
      }
    }
  });

  test('fractions, decimals and LaTeX fractions agree; a neighbour does not', () => {
    for (let i = 0; i < 150; i++) {
      const q = [2, 4, 5, 8, 10, 20, 25][int(7)]!;
      const p = int(200) + 1;
      const forms = fractionForms(p, q);
      for (const a of forms) {
        for (const b of forms) assert.ok(sameAnswer(a, b), `${a} = ${b}`);
        for (const c of fractionForms(p + 1, q)) assert.ok(!sameAnswer(a, c), `${a} ≠ ${c}`);
      }
    }
  });

  test('a percentage equals its number without the sign and its fraction of one', () => {
    for (let i = 0; i < 150; i++) {
      const n = int(400) + 1;
      assert.ok(sameAnswer(`${n}%`, String(n)));
      assert.ok(sameAnswer(`${n}%`, String(n / 100)));
      assert.ok(!sameAnswer(`${n}%`, String(n + 1)));
    }
  });
});
