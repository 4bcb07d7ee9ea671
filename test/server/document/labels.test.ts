import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchStandaloneAnswer } from '../../../server/document/labels.ts';

const value = (line: string) => {
  const found = matchStandaloneAnswer(line);
  return found && line.slice(found.start, found.end);
};

test('"so/thus/therefore/hence, the answer is X" lines, with any spacing around the comma', () => {
  for (const lead of ['So', 'so', 'Thus', 'Therefore', 'hence']) {
    for (const gap of [' ', '  ', ', ', ' , ', ',\t', '\t', ' '.repeat(500), ' '.repeat(300) + ',' + ' '.repeat(300)]) {
      assert.equal(value(`${lead}${gap}the answer is 72.`), '72', JSON.stringify(lead + gap));
    }
    // A comma needs a space after it, and a lead word needs a space: not answer lines.
    assert.equal(value(`${lead},the answer is 72.`), undefined);
    assert.equal(value(`${lead}the answer is 72.`), undefined);
  }
});

test('long runs of spaces after a lead word are answered, not searched (the case is timed in bench/parser.ts)', () => {
  for (const gap of [' ', '\t ', ' ,']) {
    assert.equal(value('so' + gap.repeat(32_000) + 'x'), undefined);
    // one comma at most: `so , , the answer` is not an answer line
    assert.equal(value('so' + gap.repeat(32_000) + ' the answer is 5'), gap === ' ,' ? undefined : '5');
  }
});
