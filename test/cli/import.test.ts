import { runCli } from '../support/runCli.ts';
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSolutionDocument } from '../../server/document/parseSolutionDocument.ts';
import { gsm8kLines, jsonl, mathCheckLines, processBenchLines } from '../server/dataset/fixtures.ts';

let dir = '';

/** Runs the real command-line entry in a child process. */
const cli = (args: string[]) => runCli(['import', ...args], { cwd: dir });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lema-import-'));
  await writeFile(join(dir, 'gsm8k.jsonl'), jsonl(gsm8kLines));
  await writeFile(join(dir, 'pb.jsonl'), jsonl(processBenchLines));
  await writeFile(join(dir, 'mc.jsonl'), jsonl(mathCheckLines));
  await writeFile(join(dir, 'bad.jsonl'), jsonl(gsm8kLines) + jsonl([{ question: 'q' }]));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lema-tutor import', () => {
  test('writes a workbook to stdout that parses back into the same problems', async () => {
    const { code, stdout, stderr } = await cli(['gsm8k', 'gsm8k.jsonl']);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, /^# gsm8k workbook\n/);
    const doc = parseSolutionDocument(stdout);
    assert.deepEqual(doc.problems.map((p) => [p.title, p.steps.length, p.finalAnswer?.value]), [
      ['gsm8k 0', 2, '19'],
      ['gsm8k 1', 1, '21'],
    ]);
  });

  test('--out writes the file and --limit stops early', async () => {
    const { code, stderr } = await cli(['processbench', 'pb.jsonl', '--out', 'pb.md', '--limit', '1']);
    assert.equal(code, 0, stderr);
    const doc = parseSolutionDocument(await readFile(join(dir, 'pb.md'), 'utf8'));
    assert.deepEqual(doc.problems.map((p) => p.title), ['processbench gsm8k-7']);
    assert.equal(doc.problems[0]!.steps.length, 3);
  });

  test('--limit stops before a bad later line, which is never read', async () => {
    const { code, stdout, stderr } = await cli(['gsm8k', 'bad.jsonl', '--limit', '2']);
    assert.equal(code, 0, stderr);
    assert.deepEqual(parseSolutionDocument(stdout).problems.map((p) => p.title), ['gsm8k 0', 'gsm8k 1']);
  });

  test('mathcheck solutions are written as they are', async () => {
    const { code, stdout } = await cli(['mathcheck', 'mc.jsonl']);
    assert.equal(code, 0);
    assert.ok(stdout.includes(mathCheckLines[0]!.solution));
  });

  test('a bad line: exit 2, the line number in one message, and no output file', async () => {
    const { code, stdout, stderr } = await cli(['gsm8k', 'bad.jsonl', '--out', 'bad.md']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'lema-tutor import: bad.jsonl:3: field "answer": Invalid input: expected string, received undefined\n');
    assert.deepEqual((await readdir(dir)).filter((name) => name.startsWith('bad.md')), []);
  });

  test('a missing file, an unknown dataset and a bad --limit are usage errors', async () => {
    const missing = await cli(['gsm8k', 'nope.jsonl']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'lema-tutor import: cannot read nope.jsonl: no such file\n');
    const unknown = await cli(['svamp', 'gsm8k.jsonl']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown dataset 'svamp'/);
    const limit = await cli(['gsm8k', 'gsm8k.jsonl', '--limit', 'ten']);
    assert.equal(limit.code, 2);
    assert.match(limit.stderr, /--limit must be a positive whole number/);
  });

  test('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: lema-tutor import <gsm8k\|processbench\|mathcheck\|mathcheck-outcome\|lema-cot>/);
  });
});
