import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetError, readJsonl } from '../../../server/dataset/readJsonl.ts';
import { gsm8kRecordSchema, mathCheckLabelIndex, mathCheckRecordSchema, processBenchRecordSchema } from '../../../server/dataset/schemas.ts';
import { gsm8kLines, jsonl, mathCheckLines, processBenchLines } from './fixtures.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lema-jsonl-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('readJsonl', () => {
  test('yields validated records with line numbers, skipping blank lines, a BOM and CRLF', async () => {
    const path = join(dir, 'ok.jsonl');
    await writeFile(path, '\uFEFF' + JSON.stringify(gsm8kLines[0]) + '\r\n\r\n' + JSON.stringify(gsm8kLines[1]) + '\r\n');
    const records = await collect(readJsonl(path, gsm8kRecordSchema));
    assert.deepEqual(records.map((r) => [r.line, r.index, r.record.question]), [
      [1, 0, gsm8kLines[0]!.question],
      [3, 1, gsm8kLines[1]!.question],
    ]);
  });

  test('the three dataset schemas accept their formats', async () => {
    const cases = [
      [processBenchLines, processBenchRecordSchema],
      [mathCheckLines, mathCheckRecordSchema],
    ] as const;
    for (const [lines, schema] of cases) {
      const path = join(dir, 'each.jsonl');
      await writeFile(path, jsonl(lines));
      assert.equal((await collect(readJsonl(path, schema))).length, lines.length);
    }
  });

  test('a line that is not JSON names its line', async () => {
    const path = join(dir, 'broken.jsonl');
    await writeFile(path, jsonl(gsm8kLines) + '{"question": "q", \n');
    await assert.rejects(collect(readJsonl(path, gsm8kRecordSchema)), (error: unknown) => {
      assert.ok(error instanceof DatasetError);
      assert.equal(error.line, 3);
      assert.match(error.message, /broken\.jsonl:3: not valid JSON/);
      return true;
    });
  });

  test('a record of the wrong shape names the line and the field', async () => {
    const path = join(dir, 'shape.jsonl');
    await writeFile(path, jsonl([processBenchLines[0], { ...processBenchLines[0], label: 'one' }]));
    await assert.rejects(collect(readJsonl(path, processBenchRecordSchema)), /shape\.jsonl:2: field "label"/);
  });

  test('a missing file is a DatasetError saying it cannot be read', async () => {
    await assert.rejects(collect(readJsonl(join(dir, 'missing.jsonl'), gsm8kRecordSchema)), /^Error: cannot read .*missing\.jsonl: no such file$/);
  });

  test('stopping early reads no further (a bad later line is never reached)', async () => {
    const path = join(dir, 'early.jsonl');
    await writeFile(path, jsonl(gsm8kLines) + 'not json\n');
    for await (const { index } of readJsonl(path, gsm8kRecordSchema)) if (index === 1) break;
  });
});

test('mathCheckLabelIndex turns "Step k" into a 0-based index', () => {
  assert.equal(mathCheckLabelIndex({ answer: 'Step 2' }), 1);
  assert.equal(mathCheckLabelIndex({ answer: 'Step 11' }), 10);
});
