import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeStats } from '../../../server/store/stats.ts';
import { makeRecord } from './fixtures/makeRecord.ts';

const model = { kind: 'model', model: 'lema-7b', style: 'chat', templateVersion: 't1', host: 'gpu:8000' } as const;

test('computeStats counts by action, engine, kind and UTC day, and keeps the newest records', async () => {
  const records = [
    makeRecord({ time: '2026-11-20T23:30:00-02:00', kind: 'arithmetic' }), // 2026-11-21 in UTC
    makeRecord({ time: '2026-11-21T08:00:00Z', action: 'rejected', engine: model }),
    makeRecord({ time: '2026-11-22T08:00:00Z', humanVerified: true, kind: 'arithmetic' }),
    makeRecord({ time: '2026-11-19T08:00:00Z', engine: model }),
  ];
  async function* stream() {
    yield* records;
  }
  const stats = await computeStats(stream(), 2);
  assert.equal(stats.total, 4);
  assert.equal(stats.accepted, 3);
  assert.equal(stats.rejected, 1);
  assert.equal(stats.humanVerified, 1);
  assert.deepEqual(stats.byEngine, { embedded: 2, 'model:lema-7b': 2 });
  assert.deepEqual(stats.byKind, { arithmetic: 2, reasoning: 2 });
  assert.deepEqual(stats.byDay, { '2026-11-21': 2, '2026-11-22': 1, '2026-11-19': 1 });
  assert.deepEqual(stats.recent.map((r) => r.time), ['2026-11-22T08:00:00Z', '2026-11-21T08:00:00Z']);
  assert.equal(stats.recent[0]!.step, 1);
  assert.equal(stats.recent[1]!.action, 'rejected');
});

test('computeStats of an empty log is all zeros', async () => {
  assert.deepEqual(await computeStats([]), { total: 0, accepted: 0, rejected: 0, humanVerified: 0, byEngine: {}, byKind: {}, byDay: {}, recent: [] });
});

test('computeStats counts what the person did: a saved correction and the one it supersedes are one', async () => {
  const applied = [makeRecord(), makeRecord(), makeRecord()];
  const saved = applied.map((record) => makeRecord({ humanVerified: true, supersedes: record.id, time: '2026-11-20T10:05:00.000Z' }));
  const rejected = makeRecord({ action: 'rejected' });
  for (const order of [[...applied, rejected, ...saved], [...saved, rejected, ...applied]]) {
    const stats = await computeStats(order);
    assert.equal(stats.total, 4, '3 applied and 1 rejected');
    assert.equal(stats.accepted, 3);
    assert.equal(stats.rejected, 1);
    assert.equal(stats.humanVerified, 3);
    assert.deepEqual(stats.byKind, { reasoning: 4 });
  }
});
