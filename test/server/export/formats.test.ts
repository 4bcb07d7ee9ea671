// Each export format: the exact LeMa layout, which records give samples, and every line checked
// against a zod schema of the format written here (independent of the modules' own schemas).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { alpacaFormat } from '../../../server/export/formats/alpaca.ts';
import { exportFormat } from '../../../server/export/formats/index.ts';
import { lemaFormat } from '../../../server/export/formats/lema.ts';
import { openaiChatFormat } from '../../../server/export/formats/openaiChat.ts';
import { processbenchFormat } from '../../../server/export/formats/processbench.ts';
import { trlDpoFormat } from '../../../server/export/formats/trlDpo.ts';
import { trlSftFormat } from '../../../server/export/formats/trlSft.ts';
import { INSTRUCTION } from '../../../server/export/solutionLayout.ts';
import { exportFormats } from '../../../server/protocol.ts';
import { makeRecord } from '../store/fixtures/makeRecord.ts';

const accepted = makeRecord();
const firstStepWrong = makeRecord({
  question: 'Tom has 3 bags with 5 apples each.\nHow many apples?',
  originalSteps: ['Tom has 3 + 5 = 8 apples.', 'The answer is 8.'],
  originalAnswer: '8',
  incorrectStep: 1,
  explanation: 'Three bags of five is a product, not a sum.',
  correctedSteps: ['Tom has 3 × 5 = 15 apples.'],
  correctedAnswer: '15',
  kind: 'arithmetic',
});
const rejectedWithProposal = makeRecord({ action: 'rejected' });
const rejectedPlain = makeRecord({ action: 'rejected', correctedSteps: undefined, correctedAnswer: undefined });
const markedCorrect = makeRecord({ action: 'rejected', solutionCorrect: true, correctedSteps: undefined, correctedAnswer: undefined });

const MUFFINS_PROMPT =
  'Question: A baker fills 4 trays with 12 muffins each and sells 30 muffins. How many muffins are left?\n' +
  'Original Solution:\n{\nStep 1: The baker makes 4 × 12 = 48 muffins.\nStep 2: After selling 30, 48 + 30 = 78 muffins are left.\n' +
  'Step 3: The answer is 78.\n}\nIncorrect Step:';
const MUFFINS_COMPLETION =
  ' Step 2.\nExplanation: Selling muffins takes them away, so 30 must be subtracted from 48.\nCorrect Solution:\n{\n...\n' +
  'Step 2: After selling 30, 48 - 30 = 18 muffins are left.\nStep 3: The answer is 18.\n}';

describe('lema', () => {
  test('is the LeMa correction layout exactly, with `...` for the unchanged steps', () => {
    assert.deepEqual(lemaFormat.samples(accepted), [{ prompt: MUFFINS_PROMPT, completion: MUFFINS_COMPLETION }]);
  });

  test('has no `...` line when the first step is wrong, and keeps the question as written', () => {
    assert.deepEqual(lemaFormat.samples(firstStepWrong), [
      {
        prompt:
          'Question: Tom has 3 bags with 5 apples each.\nHow many apples?\nOriginal Solution:\n{\nStep 1: Tom has 3 + 5 = 8 apples.\nStep 2: The answer is 8.\n}\nIncorrect Step:',
        completion:
          ' Step 1.\nExplanation: Three bags of five is a product, not a sum.\nCorrect Solution:\n{\nStep 1: Tom has 3 × 5 = 15 apples.\nStep 2: The answer is 15.\n}',
      },
    ]);
  });

  test('a solution marked correct throughout answers None; a plain rejection has no target', () => {
    assert.equal(lemaFormat.samples(markedCorrect)[0]?.completion, ' None.\nExplanation: Every step is correct.');
    assert.deepEqual(lemaFormat.samples(rejectedPlain), []);
    assert.deepEqual(lemaFormat.samples(rejectedWithProposal), []);
  });
});

describe('the other formats', () => {
  test('trl-sft is the lema sample with the instruction line first and the question on one line', () => {
    const [sample] = trlSftFormat.samples(accepted);
    assert.deepEqual(sample, { prompt: `${INSTRUCTION}\n${MUFFINS_PROMPT}`, completion: MUFFINS_COMPLETION });
    assert.match(trlSftFormat.samples(firstStepWrong)[0]!.prompt, /Question: Tom has 3 bags with 5 apples each\. How many apples\?\n/);
  });

  test('openai-chat: system, user and assistant, or the instruction in the user message', () => {
    const [sample] = openaiChatFormat().samples(accepted);
    assert.deepEqual(sample, {
      messages: [
        { role: 'system', content: INSTRUCTION },
        { role: 'user', content: MUFFINS_PROMPT.replace(/\nIncorrect Step:$/, '') },
        { role: 'assistant', content: `Incorrect Step:${MUFFINS_COMPLETION}` },
      ],
    });
    const [plain] = openaiChatFormat({ system: false }).samples(accepted);
    assert.equal(plain!.messages.length, 2);
    assert.equal(plain!.messages[0]!.content, `${INSTRUCTION}\n${MUFFINS_PROMPT.replace(/\nIncorrect Step:$/, '')}`);
  });

  test('alpaca: instruction, input and output', () => {
    assert.deepEqual(alpacaFormat.samples(accepted), [
      { instruction: INSTRUCTION, input: MUFFINS_PROMPT.replace(/\nIncorrect Step:$/, ''), output: `Incorrect Step:${MUFFINS_COMPLETION}` },
    ]);
  });

  test('trl-dpo: the corrected solution is chosen over the original; a rejected proposal the other way round', () => {
    const original = 'Step 1: The baker makes 4 × 12 = 48 muffins.\nStep 2: After selling 30, 48 + 30 = 78 muffins are left.\nStep 3: The answer is 78.';
    const corrected = 'Step 1: The baker makes 4 × 12 = 48 muffins.\nStep 2: After selling 30, 48 - 30 = 18 muffins are left.\nStep 3: The answer is 18.';
    const prompt = `Question: ${accepted.question}\nSolution:\n`;
    assert.deepEqual(trlDpoFormat.samples(accepted), [{ prompt, chosen: corrected, rejected: original }]);
    assert.deepEqual(trlDpoFormat.samples(rejectedWithProposal), [{ prompt, chosen: original, rejected: corrected }]);
    assert.deepEqual(trlDpoFormat.samples(rejectedPlain), []);
  });

  test('processbench: 0-based label of the wrong step, -1 only for a solution marked correct', () => {
    const steps = [...accepted.originalSteps, 'The answer is 78.'];
    assert.deepEqual(processbenchFormat.samples(accepted), [{ problem: accepted.question, steps, label: 1 }]);
    assert.deepEqual(processbenchFormat.samples(firstStepWrong)[0]?.label, 0);
    assert.deepEqual(processbenchFormat.samples(markedCorrect), [{ problem: accepted.question, steps, label: -1 }]);
    assert.deepEqual(processbenchFormat.samples(rejectedWithProposal), []);
  });
});

// Independent descriptions of each format, as the consuming tools read them.
const text = z.string().min(1);
const independentSchemas = {
  lema: z.strictObject({ prompt: text.regex(/^Question: /).endsWith('\nIncorrect Step:'), completion: text.regex(/^ (Step \d+\.|None\.)\n/) }),
  'trl-sft': z.strictObject({ prompt: text.endsWith('Incorrect Step:'), completion: text.startsWith(' ') }),
  'openai-chat': z.strictObject({
    messages: z
      .array(z.strictObject({ role: z.enum(['system', 'user', 'assistant']), content: text }))
      .min(2)
      .refine((messages) => messages[messages.length - 1]?.role === 'assistant' && messages[messages.length - 2]?.role === 'user'),
  }),
  'trl-dpo': z.strictObject({ prompt: text, chosen: text, rejected: text }),
  alpaca: z.strictObject({ instruction: text, input: text, output: text }),
  processbench: z.strictObject({ problem: text, steps: z.array(text).min(1), label: z.number().int().min(-1) }),
} as const;

test('every format: every sample of every kind of record fits its own schema and an independent one', () => {
  const records = [accepted, firstStepWrong, rejectedWithProposal, rejectedPlain, markedCorrect];
  for (const name of exportFormats) {
    const format = exportFormat(name);
    const samples = records.flatMap((record) => format.samples(record));
    assert.ok(samples.length >= 2, `${name} gives samples`);
    for (const sample of samples) {
      format.schema.parse(sample);
      independentSchemas[name].parse(JSON.parse(JSON.stringify(sample)));
    }
  }
});
