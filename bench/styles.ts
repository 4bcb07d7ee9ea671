// Benchmarks of the request styles against the project's OpenAI-compatible test server.
// Run: node --import tsx bench/styles.ts [--quick]
// Prints: requests and tokens per problem for each style (1 and 8 samples) on examples/homework.md;
// for `lema`, the time to the first diagnostic (solve, then the correction's `Step k.`) against
// the time to the whole answer; with ../shared/data, how LeMa's own GSM8K solutions compare with
// the gold answers under the lema style's answer reading (a wrong "differs" costs a false flag). Tokens are the test server's (whitespace-split words, not a model
// tokenizer): compare styles with them, not endpoints.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSolutionDocument } from '../server/document/parseSolutionDocument.ts';
import type { ModelStyle } from '../server/engine/types.ts';
import { ModelEngine } from '../server/model/modelEngine.ts';
import { readSolvedAnswer, sameAnswer } from '../server/model/solvedAnswer.ts';
import { modelSettingsSchema } from '../server/settings.ts';
import { styleAnswerer } from '../test/support/demoAnswers.ts';
import { makeProblem } from '../test/support/makeProblem.ts';
import { OpenAITestServer, splitTokens } from '../test/support/openaiTestServer.ts';
import { median, timeStreamed } from './timing.ts';

const quick = process.argv.includes('--quick');

function engineFor(url: string, style: ModelStyle, samples = 1): ModelEngine {
  return new ModelEngine({ settings: modelSettingsSchema.parse({ endpoint: url, name: 'lema-bench', style, samples, timeoutMs: 30_000 }) });
}


async function requestsPerStyle(): Promise<void> {
  const text = await readFile(join(__dirname, '..', 'examples', 'homework.md'), 'utf8');
  const problems = parseSolutionDocument(text).problems;
  const steps = new Map(problems.map((p) => [p.question.replace(/\s*\n\s*/g, ' ').trim(), p.steps.map((s) => s.text)]));
  const server = await OpenAITestServer.start({ answer: styleAnswerer({ stepsOf: (q) => steps.get(q) }) });
  console.log(`requests and tokens per problem, examples/homework.md (${problems.length} problems):`);
  console.log('  style       samples  requests/problem  prompt tokens/problem  completion tokens/problem  flagged');
  for (const style of ['completion', 'chat', 'lema', 'critic'] as const) {
    for (const samples of [1, 8]) {
      const engine = engineFor(server.url, style, samples);
      let requests = 0;
      let prompt = 0;
      let completion = 0;
      let flagged = 0;
      for (const problem of problems) {
        const { verdict, trace } = await engine.checkDetailed(problem);
        requests += trace.requests;
        prompt += trace.promptTokens;
        completion += trace.completionTokens;
        if (verdict.status === 'wrong') flagged++;
      }
      const per = (n: number) => (n / problems.length).toFixed(1).padStart(6);
      console.log(`  ${style.padEnd(10)}  ${String(samples).padStart(7)}  ${per(requests).padStart(16)}  ${per(prompt).padStart(21)}  ${per(completion).padStart(25)}  ${flagged}/${problems.length}`);
    }
  }
  await server.close();
}

const bakery = makeProblem({
  question: 'A bakery sells muffins for $3 each. On Monday it sold 9 boxes with 2 muffins in each box. How much money did it make?',
  steps: ['The bakery sold 9 × 2 = 19 muffins.', 'It made 19 × $3 = $57.'],
  answer: '$57',
});

const SOLUTION =
  'The bakery sold 9 boxes and each box has 2 muffins, so it sold 9 * 2 = 18 muffins. Each muffin costs $3, ' +
  'so it made 18 * 3 = $54 on Monday. The answer is 54.';
const CORRECTION =
  ' Step 1.\nExplanation: The bakery sold 9 boxes and every box holds 2 muffins, so the number of muffins is the product 9 × 2. ' +
  'That product is 18, not 19: the step adds one muffin that does not exist, and every later step that uses the count carries the error forward. ' +
  'To fix it, recount the muffins first and then multiply the corrected count by the price of one muffin, three dollars.\n' +
  'Correct Solution:\n{\nStep 1: The bakery sold 9 boxes with 2 muffins each, so it sold 9 × 2 = 18 muffins in total on Monday.\n' +
  'Step 2: Each muffin costs $3, so the bakery made 18 × $3 = $54 from the muffins it sold.\nStep 3: The answer is $54.\n}';

async function lemaTimeToFirstDiagnostic(): Promise<void> {
  const server = await OpenAITestServer.start({ answer: (prompt) => (prompt.startsWith('Please solve') ? SOLUTION : CORRECTION), ttftMs: 300, tokensPerSecond: 30 });
  for (const style of ['completion', 'lema'] as const) {
    const engine = engineFor(server.url, style);
    const { early, whole } = await timeStreamed(engine, bakery, quick ? 1 : 3);
    console.log(
      `${style}: first diagnostic ${median(early).toFixed(0)} ms, whole answer ${median(whole).toFixed(0)} ms (median of ${early.length}; 300 ms to first token, 30 tokens/s, ` +
        `${style === 'lema' ? `${splitTokens(SOLUTION).length}-token solution, then ` : ''}${splitTokens(CORRECTION).length}-token correction)`,
    );
  }
  await server.close();
}

/** LeMa's CoT completions (correct solutions) against GSM8K's `#### N`: every one should read and compare equal. */
async function answerEquivalence(): Promise<void> {
  const data = join(__dirname, '..', '..', 'shared', 'data');
  const lemaFile = join(data, 'lema-gsm8k-test-cot.jsonl');
  const gsmFile = join(data, 'gsm8k-test.jsonl');
  if (!existsSync(lemaFile) || !existsSync(gsmFile)) {
    console.log('answer equivalence: skipped (../shared/data not found)');
    return;
  }
  const lines = async (f: string) => (await readFile(f, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
  const [lema, gsm] = [await lines(lemaFile), await lines(gsmFile)];
  let read = 0;
  let same = 0;
  lema.forEach((record, i) => {
    const answer = readSolvedAnswer(record.completion ?? '');
    const gold = (gsm[i]?.answer ?? '').split('####').pop()?.trim() ?? '';
    if (answer === undefined) return;
    read++;
    if (sameAnswer(answer, gold)) same++;
  });
  console.log(`answer equivalence, LeMa's GSM8K test completions against GSM8K's gold answers: ${read}/${lema.length} read, ${same}/${lema.length} equal`);
}

async function main(): Promise<void> {
  await answerEquivalence();
  console.log('');
  await requestsPerStyle();
  console.log('');
  await lemaTimeToFirstDiagnostic();
}

void main();
