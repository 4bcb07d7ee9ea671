// Differential property test: the editor's incremental read (a document's PieceMemo carried from
// version to version) equals a fresh whole-document read, problem for problem and step for step,
// over random documents and random edits (fixed seed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentChecker } from '../../../server/check/documentChecker.ts';
import { LineIndex } from '../../../server/document/lineIndex.ts';
import { chunkStarts } from '../../../server/document/parseChunks.ts';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';
import { PieceMemo } from '../../../server/document/pieceMemo.ts';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';
import { prng, Random, randomDocument, randomEdit } from './randomDocuments.ts';

const SEED = 20261201;
const DOCUMENTS = 200;
const EDITS = 12;

test(`incremental reads equal whole reads: ${DOCUMENTS} random documents × ${EDITS} random edits`, () => {
  const r = new Random(prng(SEED));
  let cases = 0;
  let multiPiece = 0;
  for (let d = 0; d < DOCUMENTS; d++) {
    const memo = new PieceMemo();
    let text = randomDocument(r, 10 + r.int(d % 10 === 0 ? 300 : 60));
    for (let e = 0; e <= EDITS; e++) {
      const incremental = parseSolutionDocument(text, memo);
      const whole = parseSolutionDocument(text);
      assert.deepEqual(incremental, whole, `document ${d}, edit ${e}: ${JSON.stringify(text.slice(0, 400))}`);
      // The cut points and line table carried over from the last version equal fresh ones.
      assert.deepEqual(memo.last!.cuts.starts, chunkStarts(text), `cuts, document ${d}, edit ${e}`);
      assert.deepEqual(memo.last!.index, new LineIndex(text), `line table, document ${d}, edit ${e}`);
      cases++;
      if (memo.size > 1) multiPiece++;
      text = randomEdit(r, text);
    }
  }
  assert.equal(cases, DOCUMENTS * (EDITS + 1));
  assert.ok(multiPiece > cases / 3, `only ${multiPiece} of ${cases} reads had more than one piece`);
});

test('incremental reads equal whole reads in documents without directives (the editor\'s fastest path)', () => {
  const r = new Random(prng(SEED + 2));
  const strip = (text: string) => text.replace(/lema-tutor/g, 'lema-tutr');
  for (let d = 0; d < 100; d++) {
    const memo = new PieceMemo();
    let text = strip(randomDocument(r, 10 + r.int(60)));
    for (let e = 0; e <= 8; e++) {
      assert.deepEqual(parseSolutionDocument(text, memo), parseSolutionDocument(text), `document ${d}, edit ${e}`);
      text = strip(randomEdit(r, text));
    }
  }
});

test('edits around a block long enough to be cut inside read the same through a memo', () => {
  const fence = '```\n' + '## not a heading\n'.repeat(25_000) + '```\n';
  let text = `## P\n\nQ?\n\nStep 1: x\n${fence}Step 2: y = 1\n\n## Q\n\nQ?\n\n1. 2 + 2 = 4\n`;
  const memo = new PieceMemo();
  const edits = [
    (t: string) => t.replace('Step 2: y = 1', 'Step 2: y = 2'),
    (t: string) => t.replace('## not a heading\n', '## not a heading either\n'),
    (t: string) => t.replace('```\nStep 2', 'Step 2'), // the fence is left open to the end
    (t: string) => 'Intro.\r\n\r\n' + t,
  ];
  for (const edit of [(t: string) => t, ...edits]) {
    text = edit(text);
    assert.deepEqual(parseSolutionDocument(text, memo), parseSolutionDocument(text));
    assert.deepEqual(memo.last!.cuts.starts, chunkStarts(text));
  }
});

test('the checker over a memo gives the verdicts of a fresh check (random documents and edits)', () => {
  const r = new Random(prng(SEED + 1));
  const editor = new DocumentChecker(new EmbeddedEngine());
  for (let d = 0; d < 30; d++) {
    const memo = editor.createMemo();
    let text = randomDocument(r, 20 + r.int(80));
    for (let e = 0; e < 6; e++) {
      const fresh = new DocumentChecker(new EmbeddedEngine()).check(text);
      assert.deepEqual(editor.check(text, memo), fresh, `document ${d}, edit ${e}`);
      text = randomEdit(r, text);
    }
  }
});

test('the issue\'s cases read the same through a memo as whole', () => {
  const cases = [
    'x\r\r\n## P\n\nQuestion: q?\n\n1. 9 × 2 = 19.',
    '<!-- lema-tutor: ignore-next-step -->\n## P\n\nQ?\n\n1. 9 × 2 = 19\n',
    '- ## P\n\n  Q?\n\n1. 9 × 2 = 19\n',
    '## A\n\nQ?\n\n1. 1 + 1 = 3\n\n<!-- lema-tutor:\noff\n-->\n\n## B\n\nQ?\n\n1. 9 × 2 = 19\n',
  ];
  for (const text of cases) {
    const memo = new PieceMemo();
    parseSolutionDocument('## Z\n\n' + 'filler line\n'.repeat(100) + text, memo);
    assert.deepEqual(parseSolutionDocument(text, memo), parseSolutionDocument(text));
  }
  const lone = parseSolutionDocument(cases[0]!);
  assert.deepEqual(lone.problems[0]!.steps[0]!.range, { start: { line: 6, character: 3 }, end: { line: 6, character: 14 } }, 'a lone CR ends a line');
});
