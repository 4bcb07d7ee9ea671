import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { datasetArgs } from '../../server/cli/datasetArgs.ts';
import { UsageError } from '../../server/cli/io.ts';

const datasets = ['gsm8k', 'processbench', 'mathcheck'] as const;

describe('datasetArgs', () => {
  test('a known dataset and a file', () => {
    assert.deepEqual(datasetArgs(['mathcheck', 'mc.jsonl'], 'eval', datasets), { dataset: 'mathcheck', file: 'mc.jsonl' });
  });

  test('missing, extra and unknown arguments are usage errors naming the command', () => {
    const fails = (positionals: string[], message: RegExp) =>
      assert.throws(() => datasetArgs(positionals, 'import', datasets), (error: unknown) => error instanceof UsageError && message.test(error.message));
    fails([], /^expected a dataset and a file\. Run 'lema-tutor import --help'\.$/);
    fails(['gsm8k'], /^expected a dataset and a file/);
    fails(['gsm8k', 'a.jsonl', 'b.jsonl'], /^unexpected argument 'b\.jsonl'\. Run 'lema-tutor import --help'\.$/);
    fails(['svamp', 'a.jsonl'], /^unknown dataset 'svamp' \(expected gsm8k, processbench or mathcheck\)$/);
    assert.throws(() => datasetArgs(['gsm8k', 'a.jsonl'], 'eval', ['processbench', 'mathcheck']), /expected processbench or mathcheck\)$/);
  });
});
