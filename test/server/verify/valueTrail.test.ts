// The value trail: a number refers to the latest result with its value before it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { at, ValueTrail } from '../../../server/verify/valueTrail.ts';
import { exactInt, exactRatio } from '../../../server/verify/math/exact.ts';
import { formatFraction, fractionParts } from '../../../server/verify/fractionResult.ts';

const n = (v: number) => exactInt(v);

describe('ValueTrail', () => {
  test('a number follows its latest origin, and only origins before it', () => {
    const trail = new ValueTrail();
    trail.produce(at(0, 10), n(8), n(7)); // the slip: 8 should be 7
    assert.equal(trail.correctedValue(at(1, 0), n(8))?.toString(), '7');
    assert.equal(trail.correctedValue(at(0, 5), n(8)), undefined, 'before the slip');
    trail.produce(at(2, 4), n(8)); // `2 * 4 = 8`: an 8 of its own
    assert.equal(trail.correctedValue(at(3, 0), n(8)), undefined);
    assert.deepEqual(trail.lookup(at(3, 0), n(8)), { shadowed: true });
    assert.equal(trail.correctedValue(at(1, 0), n(8))?.toString(), '7', 'between the two');
  });

  test('fractions and numbers are separate origins', () => {
    const trail = new ValueTrail();
    trail.produce(at(0, 0), n(12), n(13));
    assert.equal(trail.correctedValue(at(1, 0), n(12), true), undefined, '48/4 is no use of 12');
    trail.produce(at(0, 20), exactRatio(1n, 3n)!, exactRatio(3n, 4n)!, true);
    assert.equal(trail.correctedValue(at(1, 0), exactRatio(1n, 3n)!, true)?.toFraction(), '3/4');
    assert.equal(trail.correctedValue(at(1, 0), exactRatio(1n, 3n)!), undefined);
  });
});

describe('fractions written back', () => {
  test('over the written denominator when the value fits it, else in lowest terms', () => {
    assert.deepEqual(fractionParts(exactRatio(1n, 3n)!, 6n), { numerator: '2', denominator: '6' });
    assert.deepEqual(fractionParts(exactRatio(3n, 4n)!, 6n), { numerator: '3', denominator: '4' });
    assert.deepEqual(fractionParts(exactRatio(-1n, 2n)!, 4n), { numerator: '-2', denominator: '4' });
    assert.equal(formatFraction(exactRatio(6n, 8n)!), '3/4');
    assert.equal(formatFraction(n(2)), '2');
  });
});
