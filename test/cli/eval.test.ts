import { runCli } from '../support/runCli.ts';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelApiKey, parseModelFlags } from '../../server/cli/modelFlags.ts';
import { UsageError } from '../../server/cli/io.ts';
import { exactMatch, processBenchMetrics, splitMathCheckSolution } from '../../server/model/evalDataset.ts';
import { OpenAITestServer, type RecordedRequest } from '../support/openaiTestServer.ts';

let dir = '';
let server: OpenAITestServer;

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['eval', ...args], { cwd: dir, env });

const pb = (id: string, problem: string, steps: string[], label: number) => ({ id, generator: 'test', problem, steps, final_answer_correct: label < 0, label });
const processBench = [
  pb('pb-1', 'Sara buys 3 bags of 4 apples. How many apples?', ['She buys 3 × 4 = 13 apples.', 'The answer is 13.'], 0),
  pb('pb-2', 'Ben has 2 red pens and 3 blue pens. How many pens?', ['He has 2 + 3 = 5 pens.', 'The answer is \\boxed{5}.'], -1),
  pb('pb-3', 'Tom has 10 apples and gives away 3. How many are left?', ['Tom has 10 apples.', 'He gives away 3, so he has 10 + 3 = 13 apples.', 'The answer is 13.'], 1),
  pb('pb-4', 'How many days are in two weeks?', ['A week has 7 days.', 'Two weeks have 2 × 7 = 14 days.'], -1),
];
const mathCheck = [
  { task_type: 'process_judging', question_type: 'seed_question', group_id: '0', id: 'mc-1', question: 'Ann has 4 boxes of 5 pens. How many pens?', solution: 'Step 1: Count the boxes: 4.\nStep 2: Multiply: 4 × 5 = 25 pens.\nThe answer is 25.', answer: 'Step 2' },
  { task_type: 'process_judging', question_type: 'seed_question', group_id: '1', id: 'mc-2', question: 'A pen costs $2. How much do 6 pens cost?', solution: 'Step 1: Six pens cost 6 + 2 = 8 dollars.\nStep 2: The answer is 8.', answer: 'Step 1' },
];

// The "model": answers keyed on the question in the prompt; chat answers carry their own label.
function answer(prompt: string, request: RecordedRequest): string {
  const text = completionAnswer(prompt);
  return request.path === '/v1/chat/completions' ? `Incorrect Step:${text}` : text;
}

function completionAnswer(prompt: string): string {
  if (prompt.includes('Sara buys')) return ' Step 1.\nExplanation: 3 × 4 is 12.';
  if (prompt.includes('Tom has 10')) return ' Step 2.\nExplanation: giving away apples means subtracting.';
  if (prompt.includes('two weeks')) return ' Step 1.\nExplanation: a made-up complaint.';
  if (prompt.includes('Ann has 4')) return ' Step 2.\nExplanation: 4 × 5 is 20.';
  if (prompt.includes('A pen costs')) return ' Step 1.\nExplanation: six pens cost 6 × 2, not 6 + 2.';
  return ' None.';
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lema-eval-'));
  await writeFile(join(dir, 'pb.jsonl'), processBench.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await writeFile(join(dir, 'mc.jsonl'), mathCheck.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await writeFile(join(dir, 'bad.jsonl'), JSON.stringify({ id: 'x' }) + '\n');
  server = await OpenAITestServer.start({ answer });
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('lema-tutor eval', () => {
  test('processbench with the model: the metrics, per-item predictions, the key sent as a bearer token', async () => {
    const before = server.answerRequests.length;
    const { code, stdout, stderr } = await cli(
      ['processbench', 'pb.jsonl', '--engine', 'model', '--endpoint', server.url, '--model', 'lema-test', '--out', 'preds.jsonl'],
      { LEMA_TUTOR_API_KEY: 'sk-test-123' },
    );
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, /accuracy on wrong solutions: +100\.0% \(2 items\)/);
    assert.match(stdout, /accuracy on correct solutions: +50\.0% \(2 items\)/);
    assert.match(stdout, /F1: +66\.7/);
    assert.match(stdout, /model: 0 failed requests, 0 unusable answers/);
    assert.equal(server.answerRequests.length - before, 4);
    assert.equal(server.answerRequests[before]?.headers.authorization, 'Bearer sk-test-123');
    const preds = (await readFile(join(dir, 'preds.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(preds.map((p) => [p.id, p.label, p.predicted, p.match]), [['pb-1', 0, 0, true], ['pb-2', -1, -1, true], ['pb-3', 1, 1, true], ['pb-4', -1, 0, false]]);
    assert.equal(preds[0].engine, 'model:lema-test');
  });

  test('processbench with the embedded verifier only: no requests', async () => {
    const before = server.requests.length;
    const { code, stdout } = await cli(['processbench', 'pb.jsonl']);
    assert.equal(code, 0);
    assert.match(stdout, /engine embedded/);
    assert.match(stdout, /accuracy on wrong solutions: +50\.0%/, 'the arithmetic slip is found, the reasoning one is not');
    assert.equal(server.requests.length, before);
  });

  test('mathcheck, both engines, chat style, with --limit and --concurrency', async () => {
    const { code, stdout } = await cli(['mathcheck', 'mc.jsonl', '--endpoint', server.url, '--model', 'lema-test', '--style', 'chat', '--concurrency', '2', '--limit', '2']);
    assert.equal(code, 0);
    assert.match(stdout, /2 items, engine both \(model lema-test at 127\.0\.0\.1:\d+, chat\)/);
    assert.match(stdout, /exact match of the first wrong step: 100\.0%/);
  });

  test('requests run concurrently up to --concurrency', async () => {
    const many = Array.from({ length: 8 }, (_, i) => pb(`c-${i}`, `Question ${i}: how many?`, ['1 + 1 = 2.'], -1));
    await writeFile(join(dir, 'many.jsonl'), many.map((r) => JSON.stringify(r)).join('\n'));
    server.ttftMs = 150;
    server.maxActive = 0;
    const { code } = await cli(['processbench', 'many.jsonl', '--engine', 'model', '--endpoint', server.url, '--model', 'm', '--concurrency', '4']);
    server.ttftMs = 0;
    assert.equal(code, 0);
    assert.equal(server.maxActive, 4);
  });

  test('bad input: one line, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['gsm8k', 'pb.jsonl'], /unknown dataset 'gsm8k'/],
      [['processbench'], /expected a dataset and a file/],
      [['processbench', 'missing.jsonl'], /missing\.jsonl: no such file/],
      [['processbench', 'bad.jsonl'], /bad\.jsonl:1: field "generator"/],
      [['processbench', 'pb.jsonl', '--engine', 'model'], /--engine model needs --endpoint/],
      [['processbench', 'pb.jsonl', '--endpoint', 'localhost:8000', '--model', 'm'], /is not a URL|must start with http/],
      [['processbench', 'pb.jsonl', '--endpoint', server.url], /--model is required/],
      [['processbench', 'pb.jsonl', '--endpoint', server.url, '--model', 'm', '--style', 'instruct'], /--style must be completion, chat, lema or critic/],
      [['processbench', 'pb.jsonl', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm'], /cannot use the endpoint .*ECONNREFUSED|cannot use the endpoint/],
      [['processbench', 'pb.jsonl', '--concurrency', '0'], /--concurrency must be a positive whole number/],
      [['processbench', 'pb.jsonl', '--endpoint', server.url, '--model', 'm', '--template', 'nope.json'], /cannot read template file .*nope\.json: ENOENT/],
      [['processbench', 'pb.jsonl', 'extra.jsonl'], /unexpected argument 'extra\.jsonl'/],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await cli(args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message, args.join(' '));
      assert.equal(stderr.trim().split('\n').length, 1, 'one line, no stack trace');
    }
  });
});

describe('parseModelFlags', () => {
  test('settings from flags, defaults for the rest', () => {
    const settings = parseModelFlags({ endpoint: 'http://gpu:8000/v1', model: 'lema-7b', style: 'chat', 'timeout-ms': '5000', retries: '0', 'max-tokens': '512' });
    assert.equal(settings.endpoint, 'http://gpu:8000/v1');
    assert.equal(settings.name, 'lema-7b');
    assert.equal(settings.style, 'chat');
    assert.equal(settings.timeoutMs, 5000);
    assert.equal(settings.retries, 0);
    assert.equal(settings.maxTokens, 512);
    assert.equal(settings.temperature, 0);
    assert.equal(parseModelFlags({}).endpoint, '');
  });

  test('bad values are UsageErrors', () => {
    assert.throws(() => parseModelFlags({ endpoint: 'http://x/v1', model: 'm', retries: 'two' }), UsageError);
    assert.throws(() => parseModelFlags({ endpoint: 'ftp://x/v1', model: 'm' }), /http:\/\/ or https:\/\//);
  });

  test('the API key comes from the environment, never a flag', () => {
    assert.equal(modelApiKey({}, { LEMA_TUTOR_API_KEY: 'k1' }), 'k1');
    assert.equal(modelApiKey({ 'api-key-env': 'MY_KEY' }, { MY_KEY: 'k2' }), 'k2');
    assert.equal(modelApiKey({}, {}), undefined);
    assert.throws(() => modelApiKey({ 'api-key-env': 'MY_KEY' }, {}), /MY_KEY .* is not set/);
    assert.throws(() => modelApiKey({ 'api-key-env': 'sk-abc' }, {}), /environment variable name/);
  });
});

describe('metrics', () => {
  test('ProcessBench F1 is the harmonic mean of the two accuracies', () => {
    const m = processBenchMetrics([
      { label: 2, predicted: 2 },
      { label: 1, predicted: -1 },
      { label: -1, predicted: -1 },
      { label: -1, predicted: -1 },
    ]);
    assert.equal(m.accuracyWrong, 50);
    assert.equal(m.accuracyCorrect, 100);
    assert.ok(Math.abs(m.f1 - 200 / 3) < 1e-9);
    assert.equal(exactMatch([{ label: 1, predicted: 1 }, { label: 0, predicted: 2 }]), 50);
  });

  test('MathCheck solutions split on Step k:, multi-line steps kept whole', () => {
    assert.deepEqual(splitMathCheckSolution('Step 1: a\nmore a\nStep 2: b\nThe answer is 5.'), ['a\nmore a', 'b\nThe answer is 5.']);
  });
});
