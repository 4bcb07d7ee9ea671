// Block structure as the reader sees it (markdown-it's CommonMark block rules plus `$$` math),
// in every line-ending style: the families of input where the editor and the CLI used to differ.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';
import { textAt } from './rangeText.ts';

const endings = { LF: '\n', CRLF: '\r\n', CR: '\r' } as const;
const withEnding = (text: string, eol: string) => text.replace(/\n/g, eol);

for (const [name, eol] of Object.entries(endings)) {
  describe(`line endings: ${name}`, () => {
    const read = (text: string) => {
      const source = withEnding(text, eol);
      const doc = parseSolutionDocument(source);
      for (const p of doc.problems) for (const s of p.steps) assert.equal(textAt(source, s.range), s.text, 'a step range covers its text');
      return doc;
    };
    const steps = (text: string) => read(text).problems.map((p) => p.steps.map((s) => [s.text, s.range.start.line, s.ignored]));

    test('a $$ block is one block: headings and items inside it are not structure', () => {
      const doc = read('## P\n\nQ?\n\n$$\n## not a heading\n1. not a step\n$$\n\n1. 2 + 2 = 4\n');
      assert.deepEqual(doc.problems.map((p) => p.title), ['P']);
      assert.deepEqual(steps('## P\n\nQ?\n\n$$\n## not a heading\n1. not a step\n$$\n\n1. 2 + 2 = 4\n'), [[['2 + 2 = 4', 9, false]]]);
    });

    test('$$ with a meta string, a longer closing run, and an unclosed block running to the end', () => {
      assert.deepEqual(steps('## P\n\nQ?\n\n$$ x\n# in math\n$$$\n\n1. 1 + 1 = 2\n'), [[['1 + 1 = 2', 8, false]]]);
      assert.deepEqual(read('## P\n\nQ?\n\n1. 1 + 1 = 2\n\n$$\n## Q\n\nQ?\n\n1. 2 + 2 = 4\n').problems.map((p) => p.title), ['P']);
    });

    test('$$x$$ on one line is text, not a block opener', () => {
      assert.deepEqual(steps('## P\n\nQ?\n\nSolution:\n$$2+2=4$$\n3 + 3 = 6\n'), [[['$$2+2=4$$', 5, false], ['3 + 3 = 6', 6, false]]]);
    });

    test('a $$ block inside a labelled step belongs to the step', () => {
      const doc = read('Question: q?\n\nStep 1: so\n$$\nx = 4\n$$\n\nStep 2: The answer is 4.\n');
      assert.equal(doc.problems[0]!.steps[0]!.text, withEnding('so\n$$\nx = 4\n$$', eol));
    });

    test('a setext heading titles a problem', () => {
      assert.deepEqual(read('Apples\n------\n\nQ?\n\n1. 3 + 2 = 5\n').problems.map((p) => p.title), ['Apples']);
    });

    test('a heading inside a list item does not open a problem', () => {
      const doc = read('## P\n\nQ?\n\n- ## inside\n  1 + 1 = 2\n- 2 + 2 = 4\n');
      assert.deepEqual(doc.problems.map((p) => p.title), ['P']);
      assert.equal(doc.problems[0]!.steps.length, 2);
    });

    test('ignore-next-step before a heading marks the first step under it', () => {
      assert.deepEqual(steps('## A\n\nQ?\n\n1. 1 + 1 = 2\n\n<!-- lema-tutor: ignore-next-step -->\n## B\n\nQ?\n\n1. 2 + 2 = 5\n2. 5 + 1 = 6\n'), [
        [['1 + 1 = 2', 4, false]],
        [['2 + 2 = 5', 11, true], ['5 + 1 = 6', 12, false]],
      ]);
    });

    test('an off directive written over several lines switches checking off', () => {
      const doc = read('## A\n\nQ?\n\n1. 1 + 1 = 2\n\n<!--\n  lema-tutor: off\n-->\n\n## B\n\nQ?\n\n1. 2 + 2 = 5\n\n<!-- lema-tutor:\non -->\n\n## C\n\nQ?\n\n1. 3 + 3 = 6\n');
      assert.deepEqual(doc.problems.map((p) => p.title), ['A', 'C']);
      const spanning = read('## A\n\nQ?\n\n1. 1 + 1 = 2\n\n<!-- lema-tutor:\n  off -->\n\n## B\n\nQ?\n\n1. 2 + 2 = 5\n\n<!-- lema-tutor:\non -->\n\n## C\n\nQ?\n\n1. 3 + 3 = 6\n');
      assert.deepEqual(spanning.problems.map((p) => p.title), ['A', 'C']);
    });
  });
}

test('a lone CR before a heading keeps every later line number (the editor used to drift)', () => {
  const doc = parseSolutionDocument('x\r\r\n## P\n\nQuestion: q?\n\n1. 9 × 2 = 19.');
  assert.deepEqual(doc.problems[0]!.range.start, { line: 2, character: 0 });
  assert.deepEqual(doc.problems[0]!.steps[0]!.range, { start: { line: 6, character: 3 }, end: { line: 6, character: 14 } });
});
