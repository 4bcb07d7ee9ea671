import { runCli } from '../support/runCli.ts';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { rmSync } from 'node:fs';
import { OpenAITestServer } from '../support/openaiTestServer.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], input?: string) => runCli(args, { cwd: dir, ...(input !== undefined ? { input } : {}) });

const wrong = '## Sum\n\nQuestion: What is 9 times 2 plus 1?\n\n1. 9 × 2 = 19\n2. 19 + 1 = 20\n3. The answer is 20.\n';
const right = '## Sum\n\nQuestion: What is 9 times 2?\n\n1. 9 × 2 = 18\n2. The answer is 18.\n';
writeFileSync(join(dir, 'wrong.md'), wrong);
writeFileSync(join(dir, 'right.md'), right);
mkdirSync(join(dir, 'folder', 'nested'), { recursive: true });
writeFileSync(join(dir, 'folder', 'nested', 'a.md'), wrong);
writeFileSync(join(dir, 'folder', 'notes.txt'), wrong);
writeFileSync(join(dir, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]));

test('prints file:line:col: severity: message and exits 1 on a mistake', async () => {
  const run = await cli(['check', 'wrong.md']);
  assert.equal(run.code, 1);
  assert.equal(run.stdout.trim().split('\n').length, 1);
  assert.match(run.stdout, /^wrong\.md:5:4: warning: Step 1 of "Sum" looks wrong: check the multiplication\. \(embedded verifier\)$/m);
  assert.match(run.stderr, /1 mistake found/);
});

test('a file with an off-file line is skipped, as in the editor', async () => {
  writeFileSync(join(dir, 'opted-out.md'), `<!-- lema-tutor: off-file -->\n\n${wrong}`);
  const run = await cli(['check', 'opted-out.md', 'wrong.md']);
  assert.equal(run.stdout.trim().split('\n').length, 1);
  assert.match(run.stdout, /^wrong\.md:/);
});

test('exits 0 on a correct solution, and with --exit-zero', async () => {
  assert.equal((await cli(['check', 'right.md'])).code, 0);
  assert.equal((await cli(['check', '--exit-zero', 'wrong.md'])).code, 0);
});

test('--reveal prints the explanation', async () => {
  const run = await cli(['check', '--reveal', 'wrong.md']);
  assert.match(run.stdout, /Step 1 of "Sum" is wrong: 9 × 2 is 18, not 19\. \(embedded verifier\)/);
});

test('--format json prints one object per problem with steps, verdict and correction', async () => {
  const run = await cli(['check', '--format', 'json', 'wrong.md', 'right.md']);
  const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].verdict.status, 'wrong');
  assert.equal(lines[0].verdict.step, 1);
  assert.equal(lines[0].steps.length, 3);
  assert.equal(lines[0].correction.fromStep, 1);
  assert.equal(lines[0].correction.finalAnswer, '19');
  assert.notEqual(lines[1].verdict.status, 'wrong');
});

test('--format json lists every problem in document order, a skipped one with its reason', async () => {
  const text = '## Empty\n\nNo steps here.\n\n' + wrong + '\n## Also empty\n';
  const run = await cli(['check', '--format', 'json', '-'], text);
  const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((l) => [l.status, l.line]), [['skipped', 1], ['checked', 5], ['skipped', 13]]);
  assert.match(lines[0].reason, /no steps found under this heading/);
  assert.equal(lines[1].verdict.status, 'wrong');
});

test('reads folders recursively (markdown only) and standard input', async () => {
  const folder = await cli(['check', 'folder']);
  assert.equal(folder.code, 1);
  assert.match(folder.stdout, /^folder\/nested\/a\.md:5:4:/m);
  assert.doesNotMatch(folder.stdout, /notes\.txt/);
  const stdin = await cli(['check', '-'], wrong);
  assert.match(stdin.stdout, /^<stdin>:5:4: warning:/m);
});

test('bad input exits 2 with one line and no stack trace', async () => {
  for (const [args, message] of [
    [['check', 'missing.md'], /cannot read missing\.md: no such file or directory/],
    [['check', 'binary.md'], /binary\.md is not a text file/],
    [['check'], /no input/],
    [['check', '--format', 'xml', 'wrong.md'], /unknown format 'xml'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ] as const) {
    const run = await cli([...args]);
    assert.equal(run.code, 2, `${args.join(' ')} exits 2`);
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split('\n').length, 1, 'one line');
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('an empty file is fine', async () => {
  writeFileSync(join(dir, 'empty.md'), '');
  const run = await cli(['check', 'empty.md']);
  assert.equal(run.code, 0);
});

describe('check with the model engine', () => {
  const reasoning =
    '## Stickers\n\nQuestion: Lena has 12 stickers and gives 5 away. How many are left?\n\n1. She gives away 3 stickers.\n2. She has 12 - 3 = 9 stickers left.\n3. The answer is 9.\n';
  const answer =
    ' Step 1.\nExplanation: Lena gives away 5 stickers, not 3.\nCorrect Solution:\n{\nStep 1: She gives away 5 stickers.\nStep 2: She has 12 - 5 = 7 stickers left.\nStep 3: The answer is 7.\n}';
  writeFileSync(join(dir, 'reasoning.md'), reasoning);

  test('--endpoint adds the model: a reasoning mistake names the model', async () => {
    const endpoint = await OpenAITestServer.start({ answer: () => answer });
    try {
      const run = await cli(['check', '--endpoint', endpoint.url, '--model', 'lema-test', 'reasoning.md']);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /^reasoning\.md:5:4: warning: Step 1 of "Stickers" looks wrong: .*\(model lema-test\)$/m);
      assert.equal(endpoint.answerRequests.length, 1);
    } finally {
      await endpoint.close();
    }
  });

  test('an unreachable endpoint gives a warning and the embedded results', async () => {
    const endpoint = await OpenAITestServer.start();
    const url = endpoint.url;
    await endpoint.close();
    const run = await cli(['check', '--endpoint', url, '--model', 'lema-test', '--timeout-ms', '2000', 'wrong.md', 'reasoning.md']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /model endpoint is unreachable/);
    assert.match(run.stdout, /^wrong\.md:5:4: .*\(embedded verifier\)$/m);
    assert.doesNotMatch(run.stdout, /reasoning\.md/);
  });

  test('--endpoint without --model is a usage error', async () => {
    const run = await cli(['check', '--endpoint', 'http://127.0.0.1:9/v1', 'wrong.md']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--model is required/);
  });
});

test('a 10 MB document gets a visible "not checked" note at once, not a hang', async () => {
  const problem = (i: number) => `## P${i}\n\nQuestion: What is ${i} + 1?\n\n1. ${i} + 1 = ${i + 1}\n2. The answer is ${i + 1}.\n\n`;
  let text = '';
  for (let i = 0; text.length < 10 * 1024 * 1024; i++) text += problem(i);
  writeFileSync(join(dir, 'huge.md'), text);
  const run = await cli(['check', 'huge.md', 'wrong.md']);
  assert.match(run.stdout, /^huge\.md:1:1: hint: not checked: document too large/m);
  assert.match(run.stdout, /^wrong\.md:5:4: warning:/m, 'the other files are still checked');
  assert.equal(run.code, 1);
});

test('directives: an ignored step and an off region are never flagged', async () => {
  writeFileSync(
    join(dir, 'directives.md'),
    [
      '## Ignored',
      '',
      '1. 2 + 2 = 4',
      '<!-- lema-tutor: ignore-next-step -->',
      '2. 4 × 3 = 13',
      '3. The answer is 13.',
      '',
      '<!-- lema-tutor: off -->',
      '## Off',
      '',
      '1. 5 + 5 = 11',
      '<!-- lema-tutor: on -->',
      '',
      '## Checked',
      '',
      '1. 6 + 6 = 13',
      '',
    ].join('\n'),
  );
  const run = await cli(['check', 'directives.md']);
  assert.equal(run.stdout.trim().split('\n').length, 1, run.stdout);
  assert.match(run.stdout, /^directives\.md:16:4: warning: Step 1 of "Checked" looks wrong/m);
  assert.equal(run.code, 1);
});

test('--help lists the options, the model ones included', async () => {
  const run = await cli(['check', '--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /--format text\|json/);
  assert.match(run.stdout, /--endpoint URL/);
  assert.doesNotMatch(run.stdout, /\$\{/, 'no unexpanded template text');
});
