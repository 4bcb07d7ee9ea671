import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VerdictCache, verdictCacheKey, type ModelEngineInfo } from '../../../server/cache/verdictCache.ts';
import type { Verdict } from '../../../server/engine/types.ts';

const info: ModelEngineInfo = { kind: 'model', model: 'lema-7b', style: 'completion', templateVersion: 'lema-v1-abc', host: '127.0.0.1:8000' };
const wrong: Verdict = {
  status: 'wrong', engine: info, stepIndex: 1, kind: 'reasoning', explanation: 'x', hint: 'y',
  correction: { fromStep: 1, steps: ['48 - 30 = 18.'], finalAnswer: '18' },
};

async function tempFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'lema-cache-')), 'sub', 'model-verdicts.json');
}

describe('verdictCacheKey', () => {
  test('changes with every part the answer depends on', () => {
    const base = verdictCacheKey('k1', info);
    const variants = [
      verdictCacheKey('k2', info),
      verdictCacheKey('k1', { ...info, model: 'other' }),
      verdictCacheKey('k1', { ...info, style: 'chat' }),
      verdictCacheKey('k1', { ...info, templateVersion: 'lema-v1-def' }),
      verdictCacheKey('k1', { ...info, host: 'gpu:8000' }),
    ];
    assert.equal(new Set([base, ...variants]).size, 6);
    assert.equal(verdictCacheKey('k1', { ...info }), base);
  });
});

describe('VerdictCache', () => {
  test('survives a restart through its file (atomic write, no temp file left)', async () => {
    const file = await tempFile();
    const cache = await VerdictCache.open({ file });
    cache.set('a', wrong);
    cache.set('b', { status: 'correct', engine: info });
    await cache.flush();
    const reopened = await VerdictCache.open({ file });
    assert.deepEqual(reopened.get('a'), wrong);
    assert.deepEqual(reopened.get('b'), { status: 'correct', engine: info });
    assert.deepEqual(await readdir(join(file, '..')), ['model-verdicts.json']);
  });

  test('writes on its own after a short delay', async () => {
    const file = await tempFile();
    let written!: () => void;
    const writtenOnce = new Promise<void>((resolve) => (written = resolve));
    const cache = await VerdictCache.open({ file, flushDelayMs: 10, onWritten: () => written() });
    // The flush timer is unref'd (it must not keep a process alive); the language server's connection
    // keeps its loop running, and this interval plays that part here.
    const keepAlive = setInterval(() => undefined, 1_000);
    cache.set('a', wrong);
    await writtenOnce;
    clearInterval(keepAlive);
    assert.match(await readFile(file, 'utf8'), /"a"/);
  });

  test('bounded: the least recently used entry goes first', async () => {
    const cache = await VerdictCache.open({ maxEntries: 2 });
    cache.set('a', wrong);
    cache.set('b', wrong);
    cache.get('a');
    cache.set('c', wrong);
    assert.deepEqual([cache.has('a'), cache.has('b'), cache.has('c')], [true, false, true]);
  });

  test('a corrupt file is ignored with a log line, then rewritten', async () => {
    for (const content of ['{not json', JSON.stringify({ version: 99 }), JSON.stringify({ version: 1, entries: [['a', { status: 'bogus' }], ['b', wrong]] })]) {
      const file = await tempFile();
      const cache = await VerdictCache.open({ file });
      cache.set('seed', wrong);
      await cache.flush();
      await writeFile(file, content);
      const logs: string[] = [];
      const reopened = await VerdictCache.open({ file, log: (l) => logs.push(l) });
      assert.equal(logs.length, 1, content);
      assert.equal(reopened.has('seed'), false);
      assert.equal(reopened.has('a'), false);
      reopened.set('c', wrong);
      await reopened.flush();
      const again = await VerdictCache.open({ file });
      assert.deepEqual(again.get('c'), wrong);
    }
  });

  test('an unwritable folder is a log line, not a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lema-cache-'));
    await writeFile(join(dir, 'blocker'), 'a file where a folder should be');
    const logs: string[] = [];
    const cache = await VerdictCache.open({ file: join(dir, 'blocker', 'cache.json'), log: (l) => logs.push(l) });
    cache.set('a', wrong);
    await cache.flush();
    assert.ok(logs.some((l) => /cannot write/.test(l)), logs.join('\n'));
    assert.deepEqual(cache.get('a'), wrong, 'memory still serves it');
  });
});

describe('VerdictCache keeps verdicts only', () => {
  const unknown: Verdict = { status: 'unknown', engine: info, reason: "the model's answer could not be used: the answer was empty" };

  test("'unknown' is not kept: the endpoint is asked again", async () => {
    const cache = await VerdictCache.open();
    cache.set('a', unknown);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0);
  });

  test("'unknown' entries in a file from an earlier version are dropped on load, and the file rewritten without them", async () => {
    const file = await tempFile();
    const seeded = await VerdictCache.open({ file });
    seeded.set('good', wrong);
    await seeded.flush();
    const text = JSON.parse(await readFile(file, 'utf8')) as { version: number; entries: [string, unknown][] };
    text.entries.push(['poisoned', unknown]);
    await writeFile(file, JSON.stringify(text));

    const cache = await VerdictCache.open({ file });
    assert.equal(cache.get('poisoned'), undefined, 'the endpoint is asked again after a restart');
    assert.deepEqual(cache.get('good'), wrong);
    await cache.flush();
    const rewritten = JSON.parse(await readFile(file, 'utf8')) as { entries: [string, unknown][] };
    assert.deepEqual(rewritten.entries.map(([key]) => key), ['good']);
  });
});
