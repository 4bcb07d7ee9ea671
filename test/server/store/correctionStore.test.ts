import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, appendFileSync, chmodSync, constants as fsConstants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CorrectionStore } from '../../../server/store/correctionStore.ts';
import type { CorrectionRecord } from '../../../server/store/record.ts';
import { StoreError } from '../../../server/store/storeError.ts';
import { makeRecord } from './fixtures/makeRecord.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(dir, `log-${++counter}`, 'corrections.jsonl');
const WRITER = join(__dirname, 'fixtures', 'writer.ts');

async function readAll(store: CorrectionStore): Promise<CorrectionRecord[]> {
  const records: CorrectionRecord[] = [];
  for await (const record of store.read()) records.push(record);
  return records;
}

function writer(log: string, count: number, tag: string, batch = 1): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', WRITER, log, String(count), tag, String(batch)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('CorrectionStore', () => {
  test('appends records as lines and reads them back in order; a missing log reads as empty', async () => {
    const store = new CorrectionStore(freshPath());
    assert.deepEqual(await readAll(store), []);
    assert.equal(await store.exists(), false);
    const first = makeRecord({ question: 'first' });
    const rest = [makeRecord({ question: 'second' }), makeRecord({ question: 'third', action: 'rejected' })];
    await store.append(first);
    await store.appendMany(rest);
    const text = readFileSync(store.path, 'utf8');
    assert.equal(text.split('\n').length, 4, 'three lines and a final newline');
    assert.deepEqual(await readAll(store), [first, ...rest]);
    assert.deepEqual(await store.readReport(), { valid: 3, invalid: 0, torn: 0, blank: 0, invalidLines: [] });
  });

  test('refuses an invalid record with a StoreError and writes nothing', async () => {
    const store = new CorrectionStore(freshPath());
    await store.append(makeRecord());
    const bad = { ...makeRecord(), documentPath: '/home/alice/homework.md' };
    await assert.rejects(store.append(bad), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.match(error.message, /the record is not valid \(documentPath: a path relative to the workspace folder\)$/);
      return true;
    });
    assert.equal((await store.readReport()).valid, 1);
  });

  test('counts and keeps lines that fail validation; never drops them', async () => {
    const store = new CorrectionStore(freshPath());
    const good = makeRecord();
    await store.append(good);
    appendFileSync(store.path, 'not json\n' + JSON.stringify({ ...makeRecord(), schemaVersion: 99 }) + '\n\n');
    const next = makeRecord({ question: 'after the bad lines' });
    await store.append(next);
    assert.deepEqual(await readAll(store), [good, next]);
    assert.deepEqual(await store.readReport(), { valid: 2, invalid: 2, torn: 0, blank: 1, invalidLines: [2, 3] });
    assert.match(readFileSync(store.path, 'utf8'), /^not json$/m);
  });

  test('a torn last line is skipped and reported; the next append terminates it and starts a new line', async () => {
    const store = new CorrectionStore(freshPath());
    const kept = [makeRecord({ question: 'one' }), makeRecord({ question: 'two' })];
    await store.appendMany(kept);
    const torn = JSON.stringify(makeRecord({ question: 'cut short' })).slice(0, 57);
    appendFileSync(store.path, torn);
    assert.deepEqual(await readAll(store), kept);
    assert.deepEqual(await store.readReport(), { valid: 2, invalid: 0, torn: 1, blank: 0, invalidLines: [3] });

    const next = makeRecord({ question: 'after the crash' });
    await store.append(next);
    assert.deepEqual(await readAll(store), [...kept, next]);
    // The torn bytes stay in the file, on their own line, counted as invalid.
    assert.deepEqual(await store.readReport(), { valid: 3, invalid: 1, torn: 0, blank: 0, invalidLines: [3] });
    assert.equal(readFileSync(store.path, 'utf8').split('\n')[2], torn);
  });

  test('a valid last line that only lost its newline is still read, and kept whole by the next append', async () => {
    const store = new CorrectionStore(freshPath());
    const record = makeRecord();
    mkdirSync(join(store.path, '..'), { recursive: true });
    writeFileSync(store.path, JSON.stringify(record));
    assert.deepEqual(await readAll(store), [record]);
    const next = makeRecord();
    await store.append(next);
    assert.deepEqual(await readAll(store), [record, next]);
    assert.equal((await store.readReport()).invalid, 0);
  });

  test('a path under a file gives a StoreError a person can act on, not a crash', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const store = new CorrectionStore(join(file, 'logs', 'corrections.jsonl'));
    await assert.rejects(store.append(makeRecord()), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'ENOTDIR');
      assert.equal(error.message, `cannot write the corrections log at ${store.path}: a part of the path is a file, not a folder`);
      return true;
    });
    // Reading the same path is a StoreError too (not a missing log).
    await assert.rejects(readAll(new CorrectionStore(join(file, 'corrections.jsonl'))), StoreError);
  });

  // /dev/full answers every write with ENOSPC: a real full disk, without filling one. The log may not
  // be a link, so it is reached through a linked folder; its lock is made next to it, in /dev.
  const devWritable = existsSync('/dev/full') && (() => {
    try {
      accessSync('/dev', fsConstants.W_OK);
      return true;
    } catch {
      return false;
    }
  })();
  test('a full disk gives a StoreError, and the editor can carry on', { skip: !devWritable && 'no /dev/full, or /dev is not writable' }, async () => {
    const folder = join(dir, 'dev-folder');
    symlinkSync('/dev', folder);
    const store = new CorrectionStore(join(folder, 'full'));
    await assert.rejects(store.append(makeRecord()), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.equal(error.code, 'ENOSPC');
      assert.equal(error.message, `cannot write the corrections log at ${store.path}: no space left on the disk`);
      return true;
    });
    // The lock was released: a later append gets the same clear error, not a lock timeout.
    await assert.rejects(store.append(makeRecord()), /no space left on the disk/);
  });

  test('appends never go through a link to a file; the linked file is untouched', async () => {
    const target = join(dir, 'someone-elses-file');
    writeFileSync(target, 'export PATH=/usr/bin\n');
    const folder = join(dir, 'cloned-repo', '.lema-tutor');
    mkdirSync(folder, { recursive: true });
    const link = join(folder, 'corrections.jsonl');
    symlinkSync(target, link);
    // A dangling link too: appending would create its target.
    const dangling = join(dir, 'dangling.jsonl');
    symlinkSync(join(dir, 'created-by-the-link'), dangling);
    for (const path of [link, dangling]) {
      const store = new CorrectionStore(path);
      await assert.rejects(store.append(makeRecord()), (error: unknown) => {
        assert.ok(error instanceof StoreError);
        assert.equal(error.code, 'ELOOP');
        assert.match(error.message, /^cannot write the corrections log at .*: the log file is a symbolic link; LeMa Tutor does not write through links/);
        return true;
      });
    }
    assert.equal(readFileSync(target, 'utf8'), 'export PATH=/usr/bin\n');
    assert.equal(existsSync(join(dir, 'created-by-the-link')), false);
  });

  test('a confined log refuses a folder that links outside its root, and takes a real folder inside it', async () => {
    const workspace = join(dir, 'workspace');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(workspace);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(workspace, '.lema-tutor'));
    const linked = new CorrectionStore(join(workspace, '.lema-tutor', 'corrections.jsonl'), { confineTo: workspace });
    await assert.rejects(linked.append(makeRecord()), /its folder links to .*elsewhere, outside .*workspace; LeMa Tutor does not write through links/);
    assert.deepEqual(readdirSync(elsewhere), [], 'no log and no lock left behind');
    const inside = new CorrectionStore(join(workspace, 'notes', '.lema-tutor', 'corrections.jsonl'), { confineTo: workspace });
    await inside.append(makeRecord());
    assert.equal((await inside.readReport()).valid, 1);
  });

  // Root ignores folder permissions, so this only runs as an ordinary user; the ENOTDIR test above
  // covers the same error path everywhere.
  test('a read-only folder gives a StoreError', { skip: process.getuid?.() === 0 && 'running as root' }, async () => {
    const folder = join(dir, 'read-only');
    mkdirSync(folder);
    chmodSync(folder, 0o555);
    try {
      const store = new CorrectionStore(join(folder, 'corrections.jsonl'));
      await assert.rejects(store.append(makeRecord()), /cannot write the corrections log at .*: permission denied/);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  test('delete removes the log and says whether there was one', async () => {
    const store = new CorrectionStore(freshPath());
    assert.equal(await store.delete(), false);
    await store.append(makeRecord());
    assert.equal(await store.delete(), true);
    assert.equal(await store.exists(), false);
    await store.append(makeRecord());
    assert.equal((await store.readReport()).valid, 1);
    // Even the folder may go (a person cleaning up): the next append makes it again.
    rmSync(join(store.path, '..'), { recursive: true });
    await store.append(makeRecord());
    assert.equal((await store.readReport()).valid, 1);
  });

  test('appends from one process at once are all kept', async () => {
    const store = new CorrectionStore(freshPath());
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(makeRecord({ question: `q${i}` }))));
    assert.equal((await readAll(store)).length, 50);
  });

  test('four processes appending 2,500 records each leave exactly 10,000 whole records', async () => {
    const log = freshPath();
    const children = ['a', 'b', 'c', 'd'].map((tag) => writer(log, 2500, tag, 5));
    const outputs = children.map((child) => {
      let text = '';
      child.stdout!.on('data', (chunk) => (text += chunk));
      child.stderr!.on('data', (chunk) => (text += chunk));
      return once(child, 'exit').then(([code]) => ({ code, text }));
    });
    const results = await Promise.all(outputs);
    for (const { code, text } of results) assert.equal(code, 0, text);
    const acknowledged = new Set(results.flatMap(({ text }) => text.trim().split('\n')));
    assert.equal(acknowledged.size, 10_000);

    const store = new CorrectionStore(log);
    const records = await readAll(store);
    assert.equal(records.length, 10_000);
    assert.deepEqual(new Set(records.map((record) => record.id)), acknowledged);
    assert.deepEqual(await store.readReport(), { valid: 10_000, invalid: 0, torn: 0, blank: 0, invalidLines: [] });
    // Each writer's own records stay in the order it appended them.
    for (const tag of ['a', 'b', 'c', 'd']) {
      const mine = records.filter((record) => record.contentKey.startsWith(`${tag}-`)).map((record) => Number(record.contentKey.slice(2)));
      assert.deepEqual(mine, [...mine].sort((x, y) => x - y));
    }
  });

  test('a writer killed with SIGKILL mid-loop loses no acknowledged record; the log takes appends afterwards', async () => {
    const log = freshPath();
    const child = writer(log, 1_000_000, 'k');
    let text = '';
    const enough = new Promise<void>((resolve) => {
      child.stdout!.on('data', (chunk) => {
        text += chunk;
        if (text.split('\n').length > 300) resolve();
      });
    });
    const exited = once(child, 'exit');
    // A writer that fails early exits instead: the assertion below says so rather than waiting forever.
    await Promise.race([enough, exited]);
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    assert.equal(signal, 'SIGKILL', `writer exited by itself (${code})`);
    const acknowledged = text.split('\n').filter((line) => line.length === 36);
    assert.ok(acknowledged.length >= 300);

    const store = new CorrectionStore(log);
    const ids = new Set((await readAll(store)).map((record) => record.id));
    for (const id of acknowledged) assert.ok(ids.has(id), `acknowledged record ${id} is missing`);

    const after = makeRecord({ question: 'after the kill' });
    await store.append(after);
    const records = await readAll(store);
    assert.deepEqual(records[records.length - 1], after);
    const report = await store.readReport();
    assert.equal(report.torn, 0);
    assert.ok(report.invalid <= 1, 'at most the one torn line the kill left');
  });
});
