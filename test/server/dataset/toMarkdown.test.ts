import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';
import { gsm8kSection, mathCheckSection, processBenchSection, workbookTitle } from '../../../server/dataset/toMarkdown.ts';
import { gsm8kRecordSchema, mathCheckRecordSchema, processBenchRecordSchema } from '../../../server/dataset/schemas.ts';
import { gsm8kLines, mathCheckLines, processBenchLines } from './fixtures.ts';

test('a GSM8K workbook reads back: annotations kept, #### answers, one problem per heading', () => {
  const records = gsm8kLines.map((line) => gsm8kRecordSchema.parse(line));
  const markdown = workbookTitle('gsm8k', 'x.jsonl') + records.map((r, i) => gsm8kSection(r, i)).join('');
  const doc = parseSolutionDocument(markdown);
  assert.deepEqual(doc.skipped, []);
  assert.deepEqual(doc.problems.map((p) => p.title), ['gsm8k 0', 'gsm8k 1']);
  const [first] = doc.problems;
  assert.equal(first!.question, records[0]!.question);
  assert.deepEqual(first!.steps.map((s) => s.text), ['Ann has 4 * 6 = <<4*6=24>>24 apples.', 'She has 24 - 5 = <<24-5=19>>19 left.']);
  assert.deepEqual([first!.finalAnswer?.value, first!.finalAnswer?.form], ['19', 'gsm8k']);
  assert.equal(doc.problems[1]!.finalAnswer?.value, '21');
});

test('ProcessBench steps become Step k: paragraphs that keep LaTeX, line breaks and inner bullets', () => {
  const record = processBenchRecordSchema.parse(processBenchLines[0]);
  const doc = parseSolutionDocument(processBenchSection(record));
  const problem = doc.problems[0]!;
  assert.equal(problem.title, 'processbench gsm8k-7');
  assert.equal(problem.style, 'labelled');
  assert.deepEqual(problem.steps.map((s) => s.text), record.steps);
  assert.deepEqual([problem.finalAnswer?.value, problem.finalAnswer?.stepIndex], ['50', 2]);
});

test('a MathCheck solution is written as is and its answer line stands alone', () => {
  const record = mathCheckRecordSchema.parse(mathCheckLines[0]);
  const problem = parseSolutionDocument(mathCheckSection(record)).problems[0]!;
  assert.equal(problem.title, 'mathcheck 42');
  assert.deepEqual(problem.steps.map((s) => s.text), ['Each book costs $8.', 'She pays 3 * 8 = $25.']);
  assert.deepEqual([problem.finalAnswer?.value, problem.finalAnswer?.stepIndex], ['$25', undefined]);
});
