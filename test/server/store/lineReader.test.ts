import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CorrectionStore, emptyReport } from '../../../server/store/correctionStore.ts';
import { type FileLine, readLines } from '../../../server/store/lineReader.ts';
import { makeRecord } from './fixtures/makeRecord.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-lines-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `${++counter}.jsonl`);
  writeFileSync(path, content);
  return path;
}

async function all(path: string, options?: Parameters<typeof readLines>[1]): Promise<FileLine[]> {
  const lines: FileLine[] = [];
  for await (const line of readLines(path, options)) lines.push(line);
  return lines;
}

/** A fixed-seed generator, so the random shapes are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('readLines', () => {
  test('lines, characters and line ends cut across chunks of any size read as the file holds them', async () => {
    const next = random(42);
    const alphabet = ['a', 'é', '×', '€', '😀', '\n', '\n', ' '];
    for (let round = 0; round < 40; round++) {
      const text = Array.from({ length: Math.floor(next() * 300) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const path = file(text);
      const expected = text.split('\n');
      const terminated = text.endsWith('\n');
      if (terminated || text.length === 0) expected.pop();
      for (const chunkBytes of [1, 2, 3, 7, 64 * 1024]) {
        const lines = await all(path, { chunkBytes });
        assert.deepEqual(lines.map((l) => l.text), expected, `round ${round}, chunks of ${chunkBytes}`);
        assert.deepEqual(lines.map((l) => l.number), expected.map((_, i) => i + 1));
        lines.forEach((line, i) => assert.equal(line.terminated, i < lines.length - 1 || terminated));
        lines.forEach((line) => assert.equal(line.bytes, Buffer.byteLength(line.text)));
      }
    }
  });

  test('a line over the limit is counted, not kept, and the lines after it read normally', async () => {
    const long = 'x'.repeat(5000);
    const path = file(`short\n${long}\nafter\n${long}`);
    const lines = await all(path, { maxLineBytes: 1000, chunkBytes: 333 });
    assert.deepEqual(
      lines.map(({ text, number, terminated, overlong, bytes }) => ({ text, number, terminated, overlong: overlong ?? false, bytes })),
      [
        { text: 'short', number: 1, terminated: true, overlong: false, bytes: 5 },
        { text: '', number: 2, terminated: true, overlong: true, bytes: 5000 },
        { text: 'after', number: 3, terminated: true, overlong: false, bytes: 5 },
        { text: '', number: 4, terminated: false, overlong: true, bytes: 5000 },
      ],
    );
  });

  test('a line exactly at the limit is kept', async () => {
    const lines = await all(file(`${'y'.repeat(1000)}\n`), { maxLineBytes: 1000, chunkBytes: 100 });
    assert.equal(lines[0]!.text.length, 1000);
    assert.equal(lines[0]!.overlong, undefined);
  });
});

describe('CorrectionStore and over-long lines', () => {
  test('an over-long line is invalid (or torn at the end), never blank, and valid records around it are read', async () => {
    const record = JSON.stringify(makeRecord());
    // Spaces only: a reader that dropped the text and then took the line for blank would miss it.
    const huge = ' '.repeat(17 * 1024 * 1024);
    const path = file(`${record}\n${huge}\n${record}\n${huge}`);
    const report = emptyReport();
    let valid = 0;
    for await (const _record of new CorrectionStore(path).read(report)) valid++;
    assert.equal(valid, 2);
    assert.deepEqual(report, { valid: 2, invalid: 1, torn: 1, blank: 0, invalidLines: [2, 4] });
  });

  test('a record larger than the reader keeps is refused, and nothing is written', async () => {
    const store = new CorrectionStore(join(dir, `${++counter}`, 'corrections.jsonl'));
    await assert.rejects(store.append(makeRecord({ explanation: 'z'.repeat(17 * 1024 * 1024) })), /larger than 16 MiB/);
    assert.equal(await store.exists(), false);
  });
});
