import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathIncluded } from '../../../server/lsp/fileFilter.ts';
import { offFileLines } from '../../../server/lsp/offFileDirective.ts';
import { defaultSettings } from '../../../server/settings.ts';

test('globs match the path relative to its workspace folder', () => {
  const files = { include: ['homework/**'], exclude: ['**/draft-*'] };
  const folders = ['file:///home/s/course'];
  assert.equal(pathIncluded('file:///home/s/course/homework/week%201.md', files, folders), true);
  assert.equal(pathIncluded('file:///home/s/course/notes/homework/week1.md', files, folders), false);
  assert.equal(pathIncluded('file:///home/s/course/homework/draft-2.md', files, folders), false);
});

test('the default excludes a repository\'s documentation and packages, in any letter case', () => {
  const folders = ['file:///r'];
  for (const path of ['README.md', 'docs/readme.md', 'CHANGELOG.md', 'CONTRIBUTING.markdown', 'README.de.md', 'node_modules/x/notes.md']) {
    assert.equal(pathIncluded(`file:///r/${path}`, defaultSettings.files, folders), false, path);
  }
  for (const path of ['homework.md', 'week1/solutions.markdown', 'readme-notes.md']) {
    assert.equal(pathIncluded(`file:///r/${path}`, defaultSettings.files, folders), true, path);
  }
  assert.equal(pathIncluded('file:///r/notes.txt', defaultSettings.files, folders), false);
});

test('the off-file line counts outside fenced code, math and HTML blocks only', () => {
  assert.deepEqual(offFileLines('# T\n<!-- lema-tutor: off-file -->\ntext'), [1]);
  assert.deepEqual(offFileLines('<!--lema-tutor:off-file-->'), [0]);
  assert.deepEqual(offFileLines('```md\n<!-- lema-tutor: off-file -->\n```\n'), []);
  assert.deepEqual(offFileLines('~~~~\n```\n<!-- lema-tutor: off-file -->\n~~~~\n<!-- lema-tutor: off-file -->'), [4]);
  assert.deepEqual(offFileLines('Use `<!-- lema-tutor: off-file -->` to opt out.'), []);
  // Blocks as the reader sees them: a fence line with text after it does not close the fence, and
  // `$$` math and multi-line HTML comments hold no directive either.
  assert.deepEqual(offFileLines('```\n``` not a close\n<!-- lema-tutor: off-file -->\n```\n'), []);
  assert.deepEqual(offFileLines('$$\n<!-- lema-tutor: off-file -->\n$$\n'), []);
  assert.deepEqual(offFileLines('<!--\n<!-- lema-tutor: off-file -->\n-->\n<!-- lema-tutor: off-file -->'), [3]);
});
