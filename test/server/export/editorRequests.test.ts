import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { exportLogForEditor, logStatsForEditor } from '../../../server/export/editorRequests.ts';
import { exportLogResultSchema, logStatsSchema } from '../../../server/protocol.ts';
import { CorrectionStore } from '../../../server/store/correctionStore.ts';
import { makeRecord } from '../store/fixtures/makeRecord.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-editor-requests-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('exportLog and logStats answers fit the protocol', async () => {
  const log = join(dir, 'corrections.jsonl');
  await new CorrectionStore(log).appendMany([makeRecord(), makeRecord({ action: 'rejected', correctedSteps: undefined })]);
  const out = join(dir, 'out.jsonl');
  const result = exportLogResultSchema.parse(await exportLogForEditor(log, { format: 'lema', outPath: out }));
  assert.deepEqual(result, { ok: true, path: out, written: 1, skipped: 1, superseded: 0, duplicates: 0 });
  assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 1);

  const stats = logStatsSchema.parse(await logStatsForEditor(log));
  assert.equal(stats.total, 2);
  assert.equal(stats.recent.length, 2);
  assert.deepEqual(logStatsSchema.parse(await logStatsForEditor(join(dir, 'missing.jsonl'))).total, 0);
});

test('an applied correction replaced by the saved version is reported as replaced, not as unusable', async () => {
  const log = join(dir, 'saved.jsonl');
  const applied = makeRecord();
  const saved = makeRecord({ humanVerified: true, supersedes: applied.id });
  await new CorrectionStore(log).appendMany([applied, saved, makeRecord({ action: 'rejected', correctedSteps: undefined })]);
  const out = join(dir, 'saved-out.jsonl');
  const result = exportLogResultSchema.parse(await exportLogForEditor(log, { format: 'lema', outPath: out }));
  assert.deepEqual(result, { ok: true, path: out, written: 1, skipped: 1, superseded: 1, duplicates: 0 });
  assert.equal(logStatsSchema.parse(await logStatsForEditor(log)).total, 2, 'one applied and saved, one rejected');
});

test('an export that cannot be written is { ok: false } with a message, not a throw', async () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  const result = await exportLogForEditor(join(dir, 'corrections.jsonl'), { format: 'lema', outPath: join(file, 'out.jsonl') });
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.message, /^cannot write the export .*: a part of the path is a file, not a folder$/);
});

test('the editor cannot export over the log itself: { ok: false }, and the log is untouched', async () => {
  const log = join(dir, 'own.jsonl');
  await new CorrectionStore(log).append(makeRecord());
  const before = readFileSync(log, 'utf8');
  const result = await exportLogForEditor(log, { format: 'lema', outPath: log });
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.message, /would replace the corrections log itself/);
  assert.equal(readFileSync(log, 'utf8'), before);
});
