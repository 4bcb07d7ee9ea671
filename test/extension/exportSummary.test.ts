import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportSummary } from '../../extension/exportSummary.ts';

test('3 applied and saved, 1 rejected: the saved ones are not called unusable', () => {
  assert.equal(
    exportSummary({ ok: true, path: '/x/out.jsonl', written: 3, skipped: 1, superseded: 3, duplicates: 0 }, 'out.jsonl'),
    'LeMa Tutor: exported 3 corrections to out.jsonl, 3 of them as you saved them; left out: 1 record this format cannot use.',
  );
});

test('nothing left out says nothing more', () => {
  assert.equal(exportSummary({ ok: true, path: '/o.jsonl', written: 1, skipped: 0 }, 'o.jsonl'), 'LeMa Tutor: exported 1 correction to o.jsonl.');
});

test('duplicates are named as such', () => {
  assert.equal(
    exportSummary({ ok: true, path: '/o.jsonl', written: 2, skipped: 0, superseded: 1, duplicates: 2 }, 'o.jsonl'),
    'LeMa Tutor: exported 2 corrections to o.jsonl, 1 of them as you saved it; left out: 2 duplicates.',
  );
});
