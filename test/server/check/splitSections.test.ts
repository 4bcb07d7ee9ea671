import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitSections } from '../../../server/check/splitSections.ts';

test('splits at headings of level 1 to 3 and keeps every character', () => {
  const text = '# Title\n\nintro\n\n## One\n\n1. a\n\n### Two\n\n1. b\n#### 7\n';
  const sections = splitSections(text);
  assert.deepEqual(
    sections.map((s) => [s.startLine, s.headingLevel]),
    [
      [0, 1],
      [4, 2],
      [8, 3],
    ],
  );
  assert.equal(sections.map((s) => s.text).join(''), text);
  assert.match(sections[2]!.text, /#### 7/, 'GSM8K answer lines stay in their problem');
});

test('headings inside fenced code and $$ blocks do not split', () => {
  const text = '## A\n\n```\n## not a heading\n```\n\n$$\n# nor this\n$$\n\n## B\n';
  assert.deepEqual(
    splitSections(text).map((s) => s.startLine),
    [0, 10],
  );
});

test('an off region that spans sections is carried into them', () => {
  const text = '## A\n<!-- lema-tutor: off -->\n## B\ntext\n<!-- lema-tutor: on -->\n## C\n';
  assert.deepEqual(
    splitSections(text).map((s) => s.startsOff),
    [false, true, false],
  );
});

test('CRLF documents keep exact line numbers', () => {
  const sections = splitSections('## A\r\n\r\n1. x\r\n## B\r\n');
  assert.deepEqual(
    sections.map((s) => s.startLine),
    [0, 3],
  );
});

test('headings inside a longer fence, a `$$ x` math block or an HTML comment do not open sections', () => {
  const problem = (t: string) => `## ${t}\n\nQ?\n\n1. 1 + 1 = 2\n\n`;
  for (const block of ['````md\n```\n## Inside\n```\n````\n\n', '$$ x\n## Inside\n$$\n\n', '<!--\n## Inside\n-->\n\n']) {
    const text = problem('A') + block + problem('B');
    assert.deepEqual(splitSections(text).map((s) => s.text.split('\n')[0]), ['## A', '## B'], block);
  }
});
