// `lema-tutor export` and `lema-tutor stats`, run through the CLI entry (in process, plus one real process).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../../server/cli/main.ts';
import type { CliIo } from '../../server/cli/io.ts';
import { CorrectionStore } from '../../server/store/correctionStore.ts';
import { makeRecord } from '../server/store/fixtures/makeRecord.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-cli-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const log = join(dir, 'corrections.jsonl');
const model = { kind: 'model', model: 'lema-7b', style: 'completion', templateVersion: 'v1', host: 'gpu:8000' } as const;

before(async () => {
  const store = new CorrectionStore(log);
  await store.appendMany([
    makeRecord({ question: 'q1', time: '2026-11-20T10:00:00Z' }),
    makeRecord({ question: 'q2', time: '2026-11-21T10:00:00Z', engine: model, kind: 'arithmetic' }),
    makeRecord({ question: 'q3', time: '2026-11-21T11:00:00Z', action: 'rejected', correctedSteps: undefined }),
    makeRecord({ question: 'q1', time: '2026-11-22T10:00:00Z' }),
  ]);
  writeFileSync(log, readFileSync(log, 'utf8') + 'garbage line\n');
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => '',
    isTTY: false,
    env,
    cwd: dir,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));

describe('lema-tutor export', () => {
  test('writes samples to standard output and a summary to standard error', async () => {
    const run = await cli(['export', '--format', 'lema', '--log', 'corrections.jsonl']);
    assert.equal(run.code, 0, run.stderr);
    const samples = jsonLines(run.stdout);
    assert.equal(samples.length, 3);
    assert.match(samples[0].prompt, /^Question: q1\n/);
    assert.match(run.stderr, /3 samples written from 4 records, 1 skipped/);
    assert.match(run.stderr, /1 invalid line\(s\) \(line 5\)/);
  });

  test('options: --records, --engine, --since/--until, --dedupe', async () => {
    const count = async (...args: string[]) => jsonLines((await cli(['export', '--format', 'processbench', '--log', log, ...args])).stdout).length;
    assert.equal(await count(), 3);
    assert.equal(await count('--records', 'rejected'), 0);
    assert.equal(await count('--engine', 'lema-7b'), 1);
    assert.equal(await count('--engine', 'embedded'), 2);
    assert.equal(await count('--since', '2026-11-21', '--until', '2026-11-21'), 1);
    assert.equal(await count('--dedupe'), 2);
  });

  test('--out with --split writes seeded train and validation files', async () => {
    const run = await cli(['export', '--format', 'openai-chat', '--log', log, '--out', 'data.jsonl', '--split', '0.5', '--seed', '3']);
    assert.equal(run.code, 0, run.stderr);
    const train = jsonLines(readFileSync(join(dir, 'data.train.jsonl'), 'utf8'));
    const val = jsonLines(readFileSync(join(dir, 'data.val.jsonl'), 'utf8'));
    assert.equal(train.length + val.length, 3);
    assert.equal(existsSync(join(dir, 'data.jsonl')), false);
    assert.match(run.stderr, /train: \d+ -> .*data\.train\.jsonl\nvalidation: \d+ -> .*data\.val\.jsonl/);
    const again = await cli(['export', '--format', 'openai-chat', '--log', log, '--out', 'data.jsonl', '--split', '0.5', '--seed', '3']);
    assert.equal(again.code, 0);
    assert.deepEqual(jsonLines(readFileSync(join(dir, 'data.val.jsonl'), 'utf8')), val);
  });

  test('alpaca with --out writes dataset_info.json; to standard output it prints the entry', async () => {
    const run = await cli(['export', '--format', 'alpaca', '--log', log, '--out', 'alpaca.jsonl']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dir, 'dataset_info.json'), 'utf8'))), ['alpaca']);
    const printed = await cli(['export', '--format', 'alpaca', '--log', log]);
    assert.match(printed.stderr, /"file_name": "corrections.jsonl"/);
  });

  test('bad options are one-line usage errors with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['export'], /--format is required/],
      [['export', '--format', 'csv'], /unknown format 'csv'/],
      [['export', '--format', 'lema', '--records', 'some'], /--records must be/],
      [['export', '--format', 'lema', '--since', 'last week'], /--since must be an ISO date/],
      [['export', '--format', 'lema', '--split', '0.1'], /--split needs --out/],
      [['export', '--format', 'lema', '--split', '2', '--out', 'x.jsonl'], /--split must be a fraction/],
      [['export', '--format', 'lema', '--seed', '4'], /--seed only applies with --split/],
      [['export', '--format', 'lema', '--log', log, '--out', log], /--out is the corrections log itself/],
      [['export', '--format', 'lema', '--log', 'old.train.jsonl', '--out', 'old.jsonl', '--split', '0.5'], /would replace the corrections log itself/],
      [['export', '--format', 'lema', '--log', join(log, 'under-a-file.jsonl')], /cannot read the corrections log at .*: a part of the path is a file/],
      [['export', '--format', 'lema', '--log', log, '--out', join(log, 'out.jsonl')], /cannot write the export .*: a part of the path is a file/],
      [['export', '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    }
  });

  test('a missing log exports nothing and says where it looked', async () => {
    const run = await cli(['export', '--format', 'lema', '--log', 'nowhere.jsonl']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /no corrections log at .*nowhere\.jsonl/);
  });
});

describe('lema-tutor stats', () => {
  test('--format json counts by action, engine, kind and day, and unreadable lines', async () => {
    const run = await cli(['stats', '--log', log, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      log,
      total: 4,
      accepted: 3,
      rejected: 1,
      humanVerified: 0,
      byEngine: { embedded: 3, 'model:lema-7b': 1 },
      byKind: { reasoning: 3, arithmetic: 1 },
      byDay: { '2026-11-20': 1, '2026-11-21': 2, '2026-11-22': 1 },
      lines: { invalid: 1, torn: 0 },
    });
  });

  test('text output, and the log from $LEMA_TUTOR_LOG in a real process', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'server', 'cli', 'main.ts'), 'stats'], {
      env: { ...process.env, LEMA_TUTOR_LOG: log },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.match(stdout, /^Corrections log: .*corrections\.jsonl\n4 records: 3 accepted, 1 rejected, 0 human-verified\n/);
    assert.match(stdout, /By engine:\n  embedded       3\n  model:lema-7b  1\n/);
    assert.match(stdout, /By day \(UTC\):\n  2026-11-20  1\n  2026-11-21  2\n  2026-11-22  1\n/);
    assert.match(stdout, /Unreadable lines \(kept in the file\): 1 invalid, 0 torn/);
  });
});
