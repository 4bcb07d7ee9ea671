// `lema-tutor check --endpoint` against endpoints that never finish or sit behind `user:pass@`:
// the command always exits with the embedded verifier's results, and never prints a password.
import { runCli } from '../support/runCli.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { OpenAITestServer } from '../support/openaiTestServer.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-check-faults-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(args, { cwd: dir });

// Three problems per file, a proven slip in the first of each (line 5).
const problem = (n: number, result: number) => `## P${n}\n\nQuestion: What is ${n} times 2 plus 1?\n\n1. ${n} × 2 = ${result}\n2. ${result} + 1 = ${result + 1}\n3. The answer is ${result + 1}.\n`;
writeFileSync(join(dir, 'one.md'), [problem(3, 7), problem(4, 8), problem(5, 10)].join('\n'));
writeFileSync(join(dir, 'two.md'), [problem(6, 13), problem(7, 14), problem(8, 16)].join('\n'));

let endpoint: OpenAITestServer;
before(async () => {
  endpoint = await OpenAITestServer.start({ answer: () => ({ fault: { kind: 'empty-deltas', everyMs: 5 } }) });
});
after(() => endpoint.close());

describe('lema-tutor check with an endpoint that never finishes', { timeout: 60_000 }, () => {
  test('each request ends at the deadline, the breaker stops asking, the embedded results are printed', async () => {
    const before = endpoint.answerRequests.length;
    const run = await cli(['check', '--endpoint', endpoint.url, '--model', 'lema-test', '--deadline-ms', '300', '--retries', '0', '--concurrency', '1', 'one.md', 'two.md']);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 2, run.stdout);
    assert.match(lines[0]!, /^one\.md:5:4: warning: .*\(embedded verifier\)$/);
    assert.match(lines[1]!, /^two\.md:5:4: warning: .*\(embedded verifier\)$/);
    assert.equal((run.stderr.match(/deadline/g) ?? []).length, 1, run.stderr);
    assert.match(run.stderr, /the remaining problems get embedded verifier results only/);
    assert.equal(endpoint.answerRequests.length - before, 1, 'the five problems after the first were not sent');
  });

  test('json output: every problem printed with the verifier\'s verdict, concurrent requests cancelled together', async () => {
    const before = endpoint.answerRequests.length;
    const run = await cli(['check', '--format', 'json', '--endpoint', endpoint.url, '--model', 'lema-test', '--deadline-ms', '300', '--retries', '0', 'one.md', 'two.md']);
    const verdicts = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { verdict: { status: string; engine: string } });
    assert.deepEqual(verdicts.map((v) => `${v.verdict.status} ${v.verdict.engine}`), ['wrong', 'correct', 'correct', 'wrong', 'correct', 'correct'].map((s) => `${s} embedded`));
    assert.ok(endpoint.answerRequests.length - before <= 3, 'at most the first file\'s requests (4 at once) were sent');
  });
});

describe('lema-tutor check with credentials in the endpoint URL', { timeout: 60_000 }, () => {
  test('they are sent as Basic auth and never printed', async () => {
    const answering = await OpenAITestServer.start({ answer: () => ' None.' });
    try {
      const url = answering.url.replace('http://', 'http://student:hunter2@');
      const run = await cli(['check', '--endpoint', url, '--model', 'lema-test', 'one.md']);
      assert.equal(run.code, 1);
      assert.equal(answering.answerRequests[0]?.headers.authorization, `Basic ${Buffer.from('student:hunter2').toString('base64')}`);
      assert.doesNotMatch(run.stdout + run.stderr, /hunter2/);
    } finally {
      await answering.close();
    }
    const closed = await OpenAITestServer.start();
    const url = closed.url.replace('http://', 'http://student:hunter2@');
    await closed.close();
    const unreachable = await cli(['check', '--endpoint', url, '--model', 'lema-test', 'one.md']);
    assert.match(unreachable.stderr, /unreachable/);
    assert.doesNotMatch(unreachable.stdout + unreachable.stderr, /hunter2/);
    const bad = await cli(['check', '--endpoint', 'http://student:hunter2@[bad/v1', '--model', 'x', 'one.md']);
    assert.equal(bad.code, 2);
    assert.doesNotMatch(bad.stderr, /hunter2/);
  });
});
