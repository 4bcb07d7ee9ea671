import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkStarts } from '../../../server/document/parseChunks.ts';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';

const problem = (i: number) => `## Problem ${i}\n\nWhat is ${i} + ${i}?\n\n1. ${i} + ${i} = ${2 * i}\n2. The answer is ${2 * i}.\n\n`;

test('a large document is cut only before headings after a blank line, never inside fences or math blocks', () => {
  const fenced = '```md\n\n## not a heading (code)\n\n```\n\n$$\n\n# not a heading (math)\n\n$$\n\n';
  const text = Array.from({ length: 1500 }, (_, i) => (i % 50 === 25 ? fenced : '') + problem(i)).join('');
  const starts = chunkStarts(text);
  assert.ok(starts.length > 5, `expected several pieces, got ${starts.length}`);
  for (const start of starts.slice(1)) {
    assert.match(text.slice(start, start + 11), /^## Problem /);
    assert.equal(text.slice(start - 2, start), '\n\n');
  }
});

test('a long fenced block with headings inside is never cut, and its headings are not problems', () => {
  const filler = 'x = 1\n'.repeat(3000);
  const text = problem(1) + '````\n' + filler + '\n## inside code\n\n```\n\n## still inside\n\n' + filler + '````\n\n' + problem(2) + filler.replace(/x/g, 'y');
  const starts = chunkStarts(text);
  const fenceEnd = text.indexOf('````\n\n## Problem 2');
  for (const start of starts.slice(1)) assert.ok(start > fenceEnd, `cut at ${start}, inside the fence`);
  const doc = parseSolutionDocument(text);
  assert.deepEqual(doc.problems.map((p) => p.title), ['Problem 1', 'Problem 2']);
});

test('an HTML block that runs past its line stops the cutting', () => {
  const text = '<!--\nopen comment\n\n' + Array.from({ length: 400 }, (_, i) => problem(i)).join('') + '-->\n';
  assert.deepEqual(chunkStarts(text), [0]);
  assert.equal(parseSolutionDocument(text).problems.length, 0, 'everything is inside the comment');
});

test('a document parsed in pieces gives the same problems, with document positions', () => {
  const fenced = '~~~\n\n## code\n~~~\n\n';
  const text = Array.from({ length: 600 }, (_, i) => (i === 300 ? fenced : '') + problem(i)).join('');
  assert.ok(chunkStarts(text).length > 5);
  const doc = parseSolutionDocument(text);
  assert.equal(doc.problems.length, 600);
  assert.deepEqual(doc.skipped, []);
  const lines = text.split('\n');
  for (const p of [doc.problems[0]!, doc.problems[299]!, doc.problems[300]!, doc.problems[599]!]) {
    const i = Number(p.title!.replace('Problem ', ''));
    assert.equal(p.index, i);
    assert.equal(p.finalAnswer?.value, String(2 * i));
    const step = p.steps[0]!;
    assert.equal(lines[step.range.start.line]!.slice(step.range.start.character, step.range.end.character), `${i} + ${i} = ${2 * i}`);
  }
});
