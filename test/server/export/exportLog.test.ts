import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { arraySource, ExportError, exportLines, storeSource, exportToFile, exportToWriter, type ExportOptions } from '../../../server/export/exportLog.ts';
import { parseDateOption } from '../../../server/export/filters.ts';
import { exportFormat } from '../../../server/export/formats/index.ts';
import { splitPaths } from '../../../server/export/split.ts';
import { exportFormats } from '../../../server/protocol.ts';
import { CorrectionStore } from '../../../server/store/correctionStore.ts';
import type { CorrectionRecord } from '../../../server/store/record.ts';
import { humanVerifiedRecord } from '../../../server/store/record.ts';
import { StoreError } from '../../../server/store/storeError.ts';
import { makeRecord } from '../store/fixtures/makeRecord.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const fresh = (name: string) => join(dir, `${++counter}-${name}`);

const model = { kind: 'model', model: 'lema-7b', style: 'completion', templateVersion: 'lema-v1-1', host: 'gpu:8000' } as const;

const fromArray = (records: CorrectionRecord[]) => arraySource(records);

async function lines(records: CorrectionRecord[], options: ExportOptions): Promise<unknown[]> {
  const out: unknown[] = [];
  await exportToWriter(fromArray(records), options, (text) => void out.push(JSON.parse(text)));
  return out;
}

describe('export driver', () => {
  test('round trip: records appended to the store come out in every format, one valid JSON line each', async () => {
    const store = new CorrectionStore(fresh('corrections.jsonl'));
    const records = [makeRecord({ question: 'q1' }), makeRecord({ question: 'q2', engine: model }), makeRecord({ question: 'q3', action: 'rejected', solutionCorrect: true, correctedSteps: undefined })];
    await store.appendMany(records);
    for (const name of exportFormats) {
      const out = fresh(`${name}.jsonl`);
      const result = await exportToFile(storeSource(store), { format: name }, out);
      const written = readFileSync(out, 'utf8').split('\n');
      assert.equal(written.pop(), '', 'ends with a newline');
      assert.equal(written.length, result.written);
      const format = exportFormat(name);
      for (const line of written) format.schema.parse(JSON.parse(line));
      assert.equal(result.records, 3);
      assert.equal(result.written + result.skipped, 3, name);
      assert.deepEqual(result.files, [out]);
    }
  });

  test('filters by action, human verification, engine and time', async () => {
    const records = [
      makeRecord({ question: 'a', time: '2026-11-20T10:00:00Z' }),
      makeRecord({ question: 'b', time: '2026-11-21T10:00:00Z', engine: model }),
      makeRecord({ question: 'c', time: '2026-11-21T23:59:59Z', humanVerified: true }),
      makeRecord({ question: 'd', time: '2026-11-22T00:00:00Z', action: 'rejected' }),
    ];
    const questions = async (options: Omit<ExportOptions, 'format'>) =>
      (await lines(records, { format: 'trl-dpo', ...options })).map((sample) => (sample as { prompt: string }).prompt.slice(10, 11));
    assert.deepEqual(await questions({}), ['a', 'b', 'c', 'd']);
    assert.deepEqual(await questions({ records: 'accepted' }), ['a', 'b', 'c']);
    assert.deepEqual(await questions({ records: 'rejected' }), ['d']);
    assert.deepEqual(await questions({ humanVerified: true }), ['c']);
    assert.deepEqual(await questions({ engine: 'model' }), ['b']);
    assert.deepEqual(await questions({ engine: 'lema-7b' }), ['b']);
    assert.deepEqual(await questions({ engine: 'other-model' }), []);
    assert.deepEqual(await questions({ engine: 'embedded' }), ['a', 'c', 'd']);
    const day = { since: parseDateOption('2026-11-21', 'since')!, until: parseDateOption('2026-11-21', 'until')! };
    assert.deepEqual(await questions(day), ['b', 'c']);
    assert.deepEqual(await questions({ until: parseDateOption('2026-11-21T10:00:00Z', 'until')! }), ['a', 'b']);
    assert.equal(parseDateOption('yesterday', 'since'), undefined);
    assert.equal(parseDateOption('2026-13-45', 'since'), undefined);
  });

  test('dedupe collapses identical samples', async () => {
    const records = [makeRecord(), makeRecord(), makeRecord({ question: 'other' })];
    const counts = await exportToWriter(fromArray(records), { format: 'lema', dedupe: true }, () => undefined);
    assert.equal(counts.written, 2);
    assert.equal(counts.duplicates, 1);
    assert.equal((await lines(records, { format: 'lema' })).length, 3);
  });

  test('a record superseded by a human-verified one is left out unless asked for', async () => {
    const applied = makeRecord();
    const verified = humanVerifiedRecord(applied, [applied.originalSteps[0]!, 'After selling 30 muffins, 18 are left.'], '18')!;
    const counts = await exportToWriter(fromArray([applied, verified]), { format: 'lema' }, () => undefined);
    assert.equal(counts.written, 1);
    assert.equal(counts.superseded, 1);
    assert.equal((await lines([applied, verified], { format: 'lema', keepSuperseded: true })).length, 2);
    const [only] = await lines([applied, verified], { format: 'lema' });
    assert.match((only as { completion: string }).completion, /18 are left/);

    // The same from the log, where the superseded ids come from a quick scan of the lines.
    const store = new CorrectionStore(fresh('superseded.jsonl'));
    await store.appendMany([applied, makeRecord({ question: 'unrelated' }), verified]);
    assert.deepEqual(await store.supersededIds(), new Set([applied.id]));
    const fromLog = await exportToWriter(storeSource(store), { format: 'lema' }, () => undefined);
    assert.deepEqual([fromLog.written, fromLog.superseded], [2, 1]);
  });

  test('split: seeded, deterministic, by question, written to .train/.val files', async () => {
    const records = Array.from({ length: 400 }, (_, i) => makeRecord({ question: `question ${i % 200}` }));
    const out = fresh('data.jsonl');
    const first = await exportToFile(fromArray(records), { format: 'lema', split: { fraction: 0.25, seed: 42 } }, out);
    const paths = splitPaths(out);
    assert.deepEqual(first.files, [paths.train, paths.val]);
    assert.equal(existsSync(out), false);
    const train = readFileSync(paths.train, 'utf8');
    const val = readFileSync(paths.val, 'utf8');
    assert.equal(first.train + first.val, 400);
    assert.ok(first.val > 60 && first.val < 140, `about a quarter in validation: ${first.val}`);
    const questionsOf = (text: string) => new Set(text.trim().split('\n').map((line) => JSON.parse(line).prompt.split('\n')[0]));
    for (const question of questionsOf(val)) assert.ok(!questionsOf(train).has(question), 'no question on both sides');

    const again = await exportToFile(fromArray([...records].reverse()), { format: 'lema', split: { fraction: 0.25, seed: 42 } }, out);
    assert.equal(again.val, first.val);
    assert.deepEqual(questionsOf(readFileSync(paths.val, 'utf8')), questionsOf(val));
    const otherSeed = await exportToFile(fromArray(records), { format: 'lema', split: { fraction: 0.25, seed: 7 } }, out);
    assert.notDeepEqual(questionsOf(readFileSync(paths.val, 'utf8')), questionsOf(val), `seed 7 gives another split (${otherSeed.val})`);
    assert.deepEqual(splitPaths('/x/out'), { train: '/x/out.train.jsonl', val: '/x/out.val.jsonl' });
  });

  test('a split needs files, not a writer', async () => {
    await assert.rejects(exportToWriter(fromArray([]), { format: 'lema', split: { fraction: 0.1, seed: 1 } }, () => undefined), ExportError);
  });

  test('alpaca writes a dataset_info.json entry next to the export and keeps other entries', async () => {
    const folder = fresh('llama-factory');
    const out = join(folder, 'corrections.jsonl');
    mkdirSync(folder);
    writeFileSync(join(folder, 'dataset_info.json'), JSON.stringify({ mine: { file_name: 'mine.json' } }));
    const result = await exportToFile(fromArray([makeRecord()]), { format: 'alpaca' }, out);
    assert.equal(result.datasetInfo, join(folder, 'dataset_info.json'));
    assert.deepEqual(JSON.parse(readFileSync(join(folder, 'dataset_info.json'), 'utf8')), {
      mine: { file_name: 'mine.json' },
      corrections: { file_name: 'corrections.jsonl', formatting: 'alpaca', columns: { prompt: 'instruction', query: 'input', response: 'output' } },
    });
  });

  test('an output that cannot be written gives an ExportError and leaves no partial file', async () => {
    const file = fresh('a-file');
    writeFileSync(file, 'x');
    await assert.rejects(exportToFile(fromArray([makeRecord()]), { format: 'lema' }, join(file, 'out.jsonl')), (error: unknown) => {
      assert.ok(error instanceof ExportError);
      assert.match(error.message, /^cannot write the export .*out\.jsonl: a part of the path is a file, not a folder$/);
      return true;
    });
    const folder = fresh('partial');
    mkdirSync(folder);
    async function* failing(): AsyncGenerator<CorrectionRecord> {
      yield makeRecord();
      throw new Error('log vanished');
    }
    await assert.rejects(exportToFile(arraySource(failing), { format: 'lema' }, join(folder, 'out.jsonl')), /log vanished/);
    assert.deepEqual(readdirSync(folder), []);
  });

  test('a log that cannot be read is reported as such, not as an output that cannot be written', async () => {
    const file = fresh('not-a-folder');
    writeFileSync(file, 'x');
    const out = fresh('out.jsonl');
    await assert.rejects(exportToFile(storeSource(new CorrectionStore(join(file, 'corrections.jsonl'))), { format: 'lema' }, out), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.match(error.message, /^cannot read the corrections log at .*: a part of the path is a file, not a folder$/);
      return true;
    });
    assert.equal(existsSync(out), false);
  });

  test('an export never replaces the log it reads, split or not', async () => {
    const store = new CorrectionStore(fresh('corrections.jsonl'));
    await store.append(makeRecord());
    const before = readFileSync(store.path, 'utf8');
    await assert.rejects(exportToFile(storeSource(store), { format: 'lema' }, store.path), /would replace the corrections log itself/);
    const trainLog = new CorrectionStore(fresh('data.train.jsonl'));
    await trainLog.append(makeRecord());
    const out = trainLog.path.replace(/\.train\.jsonl$/, '.jsonl');
    await assert.rejects(exportToFile(storeSource(trainLog), { format: 'lema', split: { fraction: 0.5, seed: 1 } }, out), ExportError);
    assert.equal(readFileSync(store.path, 'utf8'), before);
    assert.equal((await trainLog.readReport()).valid, 1);
  });

  test('an export to the real path of a log reached through a linked folder is refused, and the log keeps its records', async () => {
    const real = fresh('real-folder');
    mkdirSync(real);
    const linked = fresh('linked-folder');
    symlinkSync(real, linked);
    const store = new CorrectionStore(join(linked, 'corrections.jsonl'));
    for (let i = 0; i < 3; i++) await store.append(makeRecord({ question: `q${i}` }));
    for (const out of [join(real, 'corrections.jsonl'), join(linked, '.', 'corrections.jsonl')]) {
      await assert.rejects(exportToFile(storeSource(store), { format: 'lema' }, out), /would replace the corrections log itself/);
    }
    // A split whose .train file is the log, by its real path.
    const trainLog = new CorrectionStore(join(linked, 'set.train.jsonl'));
    await trainLog.append(makeRecord());
    await assert.rejects(exportToFile(storeSource(trainLog), { format: 'lema', split: { fraction: 0.5, seed: 1 } }, join(real, 'set.jsonl')), ExportError);
    assert.equal((await store.readReport()).valid, 3);
    assert.equal((await trainLog.readReport()).valid, 1);
    // Another file in the same real folder is fine.
    const result = await exportToFile(storeSource(store), { format: 'lema' }, join(real, 'export.jsonl'));
    assert.equal(result.written, 3);
  });

  test('exportLines counts what it left out', async () => {
    const counts = { records: 0, filtered: 0, superseded: 0, skipped: 0, duplicates: 0, written: 0, train: 0, val: 0 };
    const records = [makeRecord(), makeRecord({ action: 'rejected', correctedSteps: undefined }), makeRecord({ engine: model })];
    const out: string[] = [];
    for await (const { line } of exportLines(fromArray(records), { format: 'processbench', engine: 'embedded' }, counts)) out.push(line);
    assert.equal(out.length, 1);
    assert.deepEqual(counts, { records: 3, filtered: 1, superseded: 0, skipped: 1, duplicates: 0, written: 1, train: 0, val: 0 });
  });
});
