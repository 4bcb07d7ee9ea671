import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkStarts } from '../../../server/document/parseChunks.ts';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';

const problem = (i: number) => `## Problem ${i}\n\nWhat is ${i} + ${i}?\n\n1. ${i} + ${i} = ${2 * i}\n2. The answer is ${2 * i}.\n\n`;

test('a large document is cut at line starts, never inside fenced code or math blocks', () => {
  const fenced = '```md\n\n## not a heading (code)\n\n- not an item\n```\n\n$$\n\n# not a heading (math)\n\n$$\n\n';
  const text = Array.from({ length: 1500 }, (_, i) => (i % 50 === 25 ? fenced : '') + problem(i)).join('');
  const starts = chunkStarts(text);
  assert.ok(starts.length > 20, `expected many pieces, got ${starts.length}`);
  const blocks = [...text.matchAll(/```md[^]*?```\n|\$\$\n[^]*?\$\$\n/g)].map((m) => [m.index, m.index + m[0].length]);
  for (const start of starts.slice(1)) {
    assert.equal(text[start - 1], '\n');
    assert.ok(!blocks.some(([a, b]) => start > a! && start < b!), `cut at ${start} inside a block`);
  }
  const doc = parseSolutionDocument(text);
  assert.equal(doc.problems.length, 1500);
  assert.ok(doc.problems.every((p, i) => p.title === `Problem ${i}` && p.steps.length === 2 && p.finalAnswer?.value === String(2 * i)));
});

test('thousands of nested one-line containers parse in pieces, quickly', () => {
  for (const line of ['- - x\n', '> - x\n', '1. - x\n']) {
    const text = 'Question: q?\n\n' + line.repeat(20_000);
    const started = performance.now();
    const doc = parseSolutionDocument(text);
    const took = performance.now() - started;
    assert.ok(took < 5000, `${JSON.stringify(line)} took ${took.toFixed(0)} ms`);
    assert.ok(Array.isArray(doc.problems));
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
