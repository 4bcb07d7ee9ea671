import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentChecker, type SyncEngine } from '../../../server/check/documentChecker.ts';
import { PieceMemo } from '../../../server/document/pieceMemo.ts';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';
import type { Problem } from '../../../server/document/types.ts';
import type { Verdict } from '../../../server/engine/types.ts';

function countingEngine() {
  const seen: string[] = [];
  const engine: SyncEngine = {
    info: { kind: 'embedded' },
    checkSync(problem: Problem): Verdict {
      seen.push(problem.steps[0]?.text ?? '');
      return { status: 'unknown', engine: { kind: 'embedded' } };
    },
  };
  return { engine, seen };
}

const problem = (n: number) => `## Problem ${n}\n\nQuestion: What is ${n} + ${n}?\n\n1. ${n} + ${n} = ${2 * n}\n2. The answer is ${2 * n}.\n`;
const workbook = (count: number) => '# Workbook\n\n' + Array.from({ length: count }, (_, i) => problem(i + 1)).join('\n');

test('only problems whose text changed are verified again', () => {
  const { engine, seen } = countingEngine();
  const checker = new DocumentChecker(engine);
  const parser = checker.createMemo();
  const text = workbook(5);
  checker.check(text, parser);
  assert.equal(seen.length, 5);

  seen.length = 0;
  const edited = text.replace('3 + 3 = 6', '3 + 3 = 7');
  const result = checker.check(edited, parser);
  assert.deepEqual(seen, ['3 + 3 = 7']);
  assert.equal(result.problems.length, 5);

  // Moving problems down (a new line at the top) re-verifies nothing.
  seen.length = 0;
  checker.check('\n' + edited, parser);
  assert.deepEqual(seen, []);
});

test('a read through the memo of an earlier version agrees with reading the whole document', () => {
  const text = workbook(12).replace('## Problem 4', '<!-- lema-tutor: off -->\n## Problem 4').replace('## Problem 7', '<!-- lema-tutor: on -->\n## Problem 7');
  const whole = parseSolutionDocument(text);
  const memo = new PieceMemo();
  parseSolutionDocument(text.replace('5 + 5', '5 + 6'), memo);
  const sectioned = parseSolutionDocument(text, memo);
  assert.deepEqual(
    sectioned.problems.map((p) => [p.contentKey, p.range, p.steps.map((s) => s.range)]),
    whole.problems.map((p) => [p.contentKey, p.range, p.steps.map((s) => s.range)]),
  );
  assert.equal(sectioned.problems.length, 9, 'problems 4 to 6 are off');
});

test('headings inside code, math and HTML blocks: the editor finds the same problems as a one-pass check', () => {
  const blocks = ['````md\n```\n## Inside a fence\n```\n````\n\n', '$$ x\n## Inside math\n$$\n\n', '<!--\n## Inside a comment\n-->\n\n'];
  const text = workbook(2) + blocks.join('') + problem(3);
  const whole = parseSolutionDocument(text);
  const memo = new PieceMemo();
  parseSolutionDocument(text.replace('Inside', 'Outside'), memo);
  const sectioned = parseSolutionDocument(text, memo);
  assert.deepEqual(
    sectioned.problems.map((p) => [p.title, p.contentKey, p.range]),
    whole.problems.map((p) => [p.title, p.contentKey, p.range]),
  );
  assert.deepEqual(
    sectioned.skipped.map((s) => s.range),
    whole.skipped.map((s) => s.range),
  );
});
