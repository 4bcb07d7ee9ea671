// `lema-tutor check --requests/--responses`: a workbook's model requests through batch files.
import { runCli } from '../support/runCli.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { OpenAITestServer } from '../support/openaiTestServer.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-check-batch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(['check', ...args], { cwd: dir });

const workbook =
  '## Stickers\n\nQuestion: Lena has 12 stickers and gives 5 away. How many are left?\n\n1. She gives away 3 stickers.\n2. She has 12 - 3 = 9 stickers left.\n3. The answer is 9.\n\n' +
  '## Pens\n\nQuestion: Ben has 2 red pens and 3 blue pens. How many pens?\n\n1. He has 2 + 3 = 5 pens.\n2. The answer is 5.\n';
const STICKERS = ' Step 1.\nExplanation: Lena gives away 5 stickers, not 3.\nCorrect Solution:\n{\nStep 1: She gives away 5 stickers.\nStep 2: She has 12 - 5 = 7 stickers left.\nStep 3: The answer is 7.\n}';

describe('check through batch files', { timeout: 60_000 }, () => {
  let server: OpenAITestServer;
  before(async () => {
    writeFileSync(join(dir, 'book.md'), workbook);
    server = await OpenAITestServer.start({ answer: (prompt) => (prompt.includes('Lena') ? STICKERS : ' None.') });
  });
  after(() => server.close());

  test('--requests writes one line per problem, --responses gives the model verdicts', async () => {
    const write = await cli(['book.md', '--model', 'lema-test', '--requests', 'requests.jsonl']);
    assert.equal(write.code, 0, 'no mistakes the verifier can prove; the model has not answered yet');
    assert.match(write.stderr, /wrote 2 batch request lines to requests\.jsonl/);
    assert.equal(server.answerRequests.length, 0);
    const lines = readFileSync(join(dir, 'requests.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.custom_id.split('~')[0]), ['book.md_1', 'book.md_2']);
    const outputs = [];
    for (const line of lines.reverse()) {
      const response = await fetch(`${server.url.replace(/\/v1$/, '')}${line.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(line.body) });
      outputs.push(JSON.stringify({ id: 'b', custom_id: line.custom_id, response: { status_code: response.status, request_id: 'r', body: await response.json() }, error: null }));
    }
    writeFileSync(join(dir, 'outputs.jsonl'), outputs.join('\n') + '\n');
    const read = await cli(['book.md', '--model', 'lema-test', '--responses', 'outputs.jsonl']);
    assert.equal(read.code, 1, read.stderr);
    assert.match(read.stdout, /^book\.md:5:4: warning: Step 1 of .* looks wrong.*\(model lema-test\)$/m);
    assert.equal(read.stdout.trim().split('\n').length, 1);
  });
});
