// `lema-tutor eval` with the new request styles and batch files, over the real HTTP test server.
import { runCli } from '../support/runCli.ts';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAITestServer } from '../support/openaiTestServer.ts';
import { styleAnswerer } from '../support/demoAnswers.ts';

let dir = '';
let server: OpenAITestServer;

const cli = (args: string[]) => runCli(['eval', ...args], { cwd: dir });

const pb = (id: string, problem: string, steps: string[], label: number) => ({ id, generator: 'test', problem, steps, final_answer_correct: label < 0, label });
// Two wrong solutions (an arithmetic slip the scripted model finds) and two correct ones.
const records = [
  pb('pb-1', 'Sara buys 3 bags of 4 apples. How many apples?', ['She buys 3 × 4 = 13 apples.', 'The answer is 13.'], 0),
  pb('pb-2', 'Ben has 2 red pens and 3 blue pens. How many pens?', ['He has 2 + 3 = 5 pens.', 'The answer is \\boxed{5}.'], -1),
  pb('pb-3', 'Tom has 10 apples and buys 3 more. How many now?', ['Tom has 10 apples.', 'He buys 3, so he has 10 + 3 = 14 apples.', 'The answer is 14.'], 1),
  pb('pb-4', 'How many days are in two weeks?', ['A week has 7 days.', 'Two weeks have 2 × 7 = 14 days.', 'The answer is 14.'], -1),
];
const stepsByQuestion = new Map(records.map((r) => [r.problem, r.steps]));

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lema-eval-styles-'));
  await writeFile(join(dir, 'pb.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  server = await OpenAITestServer.start({ answer: styleAnswerer({ stepsOf: (q) => stepsByQuestion.get(q) }) });
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function block(stdout: string, style: string): string {
  return stdout.split(/\n(?=processbench )/).find((b) => b.includes(`, ${style}`)) ?? '';
}

describe('eval per style', { timeout: 60_000 }, () => {
  test('--style lema,critic: metrics, requests and tokens for each; --out keeps the votes', async () => {
    const from = server.answerRequests.length;
    const { code, stdout, stderr } = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--endpoint', server.url, '--model', 'lema-test', '--style', 'lema,critic', '--samples', '3', '--out', 'votes.jsonl']);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const lema = block(stdout, 'lema');
    const critic = block(stdout, 'critic');
    assert.match(lema, /engine model \(model lema-test at 127\.0\.0\.1:\d+, lema, 3 samples\)/);
    assert.match(lema, /F1: +100\.0/);
    // lema: 4 solve requests, then a correction for the 2 whose solved answer differs.
    assert.match(lema, /requests: 6 \(1\.5 per problem\); tokens: \d+ prompt \+ \d+ completion/);
    assert.match(critic, /F1: +100\.0/);
    // critic: 4 critiques, then an explanation for the 2 flagged.
    assert.match(critic, /requests: 6 \(1\.5 per problem\)/);
    assert.match(stdout, /time: \d+\.\d s/);
    const sent = server.answerRequests.slice(from);
    assert.equal(sent.length, 12);
    assert.ok(sent.filter((r) => r.path === '/v1/completions').every((r) => r.body?.n === 3));
    const lines = (await readFile(join(dir, 'votes.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 8);
    const first = lines.find((l) => l.id === 'pb-1' && l.style === 'lema');
    assert.deepEqual(first.votes, [{ phase: 'solve', values: ['12', '12', '12'] }, { phase: 'correct', values: [1, 1, 1] }]);
    assert.equal(first.solvedAnswer, '12');
    const correct = lines.find((l) => l.id === 'pb-2' && l.style === 'critic');
    assert.deepEqual(correct.votes, [{ phase: 'locate', values: [-1, -1, -1] }]);
  });
});

describe('eval without usage from the endpoint', { timeout: 60_000 }, () => {
  test('the tokens are said to be unreported, not printed as zeros', async () => {
    server.sendUsage = false;
    try {
      const { code, stdout } = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--endpoint', server.url, '--model', 'lema-test', '--style', 'critic']);
      assert.equal(code, 0);
      assert.match(stdout, /requests: 6 \(1\.5 per problem\); tokens: not reported by the endpoint \(no usage\)/);
    } finally {
      server.sendUsage = true;
    }
  });
});

describe('eval through batch files', { timeout: 60_000 }, () => {
  /** Runs request lines against the test server the way a batch runner would, output lines in reverse order. */
  async function runBatch(requestsFile: string, outputFile: string, fail: string[] = []): Promise<number> {
    const lines = (await readFile(join(dir, requestsFile), 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const outputs = [];
    for (const line of lines) {
      if (fail.some((f) => line.custom_id.startsWith(f))) {
        outputs.push({ id: `b-${line.custom_id}`, custom_id: line.custom_id, response: { status_code: 500, request_id: 'r', body: { error: { message: 'GPU fell over' } } }, error: null });
        continue;
      }
      const response = await fetch(`${server.url.replace(/\/v1$/, '')}${line.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(line.body) });
      outputs.push({ id: `b-${line.custom_id}`, custom_id: line.custom_id, response: { status_code: response.status, request_id: 'r', body: await response.json() }, error: null });
    }
    await writeFile(join(dir, outputFile), outputs.reverse().map((o) => JSON.stringify(o)).join('\n') + '\n');
    return lines.length;
  }

  test('lema: two batches give the verdicts the live run gives; a failed line is listed for a retry', async () => {
    const from = server.answerRequests.length;
    const one = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--model', 'lema-test', '--style', 'lema', '--requests', 'batch1.jsonl']);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(server.answerRequests.length, from, 'nothing is sent while writing requests');
    assert.match(one.stdout, /wrote 4 batch request lines to batch1\.jsonl/);
    const first = (await readFile(join(dir, 'batch1.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(Object.keys(first[0]).sort(), ['body', 'custom_id', 'method', 'url']);
    assert.equal(first[0].url, '/v1/completions');
    assert.equal(first[0].body.stream, undefined);
    assert.match(first[0].body.prompt, /^Please solve the following math problem\.\nQuestion: Sara buys/);
    assert.match(first[0].custom_id, /^pb-1~[0-9a-f]{12}~lema~[0-9a-f]{8}~solve$/);
    assert.ok(first.every((l) => l.custom_id.length <= 64));
    const again = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--model', 'lema-test', '--style', 'lema', '--requests', 'batch1-again.jsonl']);
    assert.equal(again.code, 0);
    assert.equal(await readFile(join(dir, 'batch1-again.jsonl'), 'utf8'), await readFile(join(dir, 'batch1.jsonl'), 'utf8'), 'custom_ids are stable');

    await runBatch('batch1.jsonl', 'out1.jsonl');
    const two = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--model', 'lema-test', '--style', 'lema', '--responses', 'out1.jsonl', '--requests', 'batch2.jsonl']);
    assert.equal(two.code, 0, two.stderr);
    assert.match(two.stdout, /batch: 2 items need the next batch/);
    assert.match(two.stdout, /wrote 2 batch request lines to batch2\.jsonl/);
    const second = (await readFile(join(dir, 'batch2.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(second.every((l) => l.custom_id.endsWith('~correct') && /^For the following math problem, the original solution is incorrect\./.test(l.body.prompt)));

    await runBatch('batch2.jsonl', 'out2.jsonl', ['pb-3']);
    const three = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--model', 'lema-test', '--style', 'lema', '--responses', 'out1.jsonl', '--responses', 'out2.jsonl', '--requests', 'retry.jsonl', '--out', 'batch-preds.jsonl']);
    assert.equal(three.code, 0, three.stderr);
    assert.match(three.stdout, /model: 1 failed requests/);
    assert.match(three.stdout, /batch: 1 failed lines \(written with --requests for a retry\):\n {4}pb-3~[^:]+~correct: status 500: GPU fell over\n/);
    assert.match(three.stdout, /wrote 1 batch request lines to retry\.jsonl/);
    assert.match((await readFile(join(dir, 'retry.jsonl'), 'utf8')), /"custom_id":"pb-3~/);

    await runBatch('retry.jsonl', 'out3.jsonl');
    const done = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--model', 'lema-test', '--style', 'lema', '--responses', 'out1.jsonl', '--responses', 'out2.jsonl', '--responses', 'out3.jsonl', '--out', 'batch-preds.jsonl']);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /F1: +100\.0/);
    assert.match(done.stdout, /requests: 6 \(1\.5 per problem\); tokens: [1-9]\d* prompt/);
    const live = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--endpoint', server.url, '--model', 'lema-test', '--style', 'lema', '--out', 'live-preds.jsonl']);
    const strip = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l)).map(({ id, predicted, status, explanation, votes }) => ({ id, predicted, status, explanation, votes }));
    assert.deepEqual(strip(await readFile(join(dir, 'batch-preds.jsonl'), 'utf8')), strip(await readFile(join(dir, 'live-preds.jsonl'), 'utf8')));
    assert.equal(live.code, 0);
  });

  test('--vllm-run-batch: completion requests as chat lines whose template passes the prompt through', async () => {
    const plain = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--model', 'lema-test', '--style', 'lema', '--requests', 'plain.jsonl']);
    const vllm = await cli(['processbench', 'pb.jsonl', '--engine', 'model', '--model', 'lema-test', '--style', 'lema', '--requests', 'vllm.jsonl', '--vllm-run-batch']);
    assert.deepEqual([plain.code, vllm.code], [0, 0]);
    const read = async (f: string) => (await readFile(join(dir, f), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const [a, b] = [await read('plain.jsonl'), await read('vllm.jsonl')];
    assert.equal(b[0].url, '/v1/chat/completions');
    assert.equal(b[0].custom_id, a[0].custom_id);
    assert.deepEqual(b[0].body.messages, [{ role: 'user', content: a[0].body.prompt }]);
    assert.equal(b[0].body.chat_template, "{{ messages[0]['content'] }}");
    assert.equal(b[0].body.add_special_tokens, true);
    assert.equal(b[0].body.prompt, undefined);
  });

  test('bad batch files: one line, exit 2', async () => {
    await writeFile(join(dir, 'junk.jsonl'), '{"nope": 1}\n');
    for (const [args, message] of [
      [['processbench', 'pb.jsonl', '--engine', 'model', '--style', 'lema', '--requests', 'x.jsonl'], /need --model/],
      [['processbench', 'pb.jsonl', '--engine', 'model', '--model', 'm', '--responses', 'missing.jsonl'], /cannot read missing\.jsonl: ENOENT/],
      [['processbench', 'pb.jsonl', '--engine', 'model', '--model', 'm', '--responses', 'junk.jsonl'], /junk\.jsonl:1: not a batch output line/],
    ] as [string[], RegExp][]) {
      const { code, stderr } = await cli(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1);
    }
  });
});
