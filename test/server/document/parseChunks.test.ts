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

test('thousands of nested one-line containers are read in bounded pieces (timing: bench/parser.ts)', () => {
  for (const line of ['- - x\n', '> - x\n', '1. - x\n']) {
    const text = 'Question: q?\n\n' + line.repeat(20_000);
    const starts = chunkStarts(text);
    const longest = Math.max(...starts.map((start, i) => (starts[i + 1] ?? text.length) - start));
    assert.ok(longest <= 210 * line.length, `${JSON.stringify(line)}: a piece of ${longest} characters`);
    assert.ok(Array.isArray(parseSolutionDocument(text).problems));
  }
});

test('long lines without any safe cut point still give bounded pieces', () => {
  const text = 'Question: q?\n\n' + ('word '.repeat(4000) + '\n').repeat(100);
  const starts = chunkStarts(text);
  const longest = Math.max(...starts.map((start, i) => (starts[i + 1] ?? text.length) - start));
  assert.ok(longest <= 64 * 1024 + 20_001, `a piece of ${longest} characters`);
  assert.ok(starts.length >= 25);
});

test('a very long fenced, math or HTML block is cut too, each later piece reopened inside it', () => {
  const inside = '## not a heading\n- not a step\n'.repeat(15_000);
  for (const [open, close] of [['```', '```'], ['~~~~', '~~~~'], ['$$', '$$'], ['<!--', '-->']] as const) {
    const text = `## P\n\nQuestion: q?\n\nStep 1: a\n${open}\n${inside}${close}\nStep 2: b = 2\n\n## Q\n\nQ?\n\n1. 1 + 1 = 2\n`;
    const blockStart = text.indexOf(`${open}\n`);
    const blockEnd = text.lastIndexOf(`${close}\nStep 2`);
    assert.ok(chunkStarts(text).some((start) => start > blockStart && start < blockEnd), `${open}: cut inside the block`);
    const doc = parseSolutionDocument(text);
    assert.deepEqual(doc.problems.map((p) => p.title), ['P', 'Q'], open);
    const steps = doc.problems[0]!.steps.map((s) => s.text);
    if (open === '<!--') assert.deepEqual(steps, ['a', 'b = 2'], 'a comment is not step text');
    else assert.deepEqual(steps, [`a\n${open}\n${inside}${close}`, 'b = 2'], `${open}: the block belongs to step 1, whole`);
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

test('a large document is read whole, whatever the machine: no part is left unread', () => {
  const text = Array.from({ length: 2000 }, (_, i) => problem(i)).join('');
  const doc = parseSolutionDocument(text);
  assert.equal(doc.problems.length, 2000);
  assert.deepEqual(doc.skipped, []);
  assert.deepEqual(parseSolutionDocument(text), doc, 'the same text reads the same');
});

test('cut points move only near an edit: pieces resynchronise at the next heading', () => {
  const text = Array.from({ length: 300 }, (_, i) => problem(i)).join('');
  const before = chunkStarts(text);
  const at = text.indexOf('## Problem 150');
  const edited = text.slice(0, at) + 'An added line.\n\n' + text.slice(at);
  const shift = edited.length - text.length;
  const after = new Set(chunkStarts(edited));
  const moved = before.filter((start) => !after.has(start < at ? start : start + shift));
  assert.ok(moved.length <= 1, `cuts moved: ${moved.length}`);
});

test('lone CR, CRLF and LF are all line breaks when cutting', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = Array.from({ length: 100 }, (_, i) => problem(i)).join('').replace(/\n/g, eol);
    const starts = chunkStarts(text);
    assert.ok(starts.length > 15, `${JSON.stringify(eol)}: ${starts.length} pieces`);
    for (const start of starts.slice(1)) assert.ok(text.startsWith('## Problem', start), JSON.stringify(text.slice(start, start + 12)));
    assert.equal(parseSolutionDocument(text).problems.length, 100);
  }
});

test('a big mixed workbook reads the same in pieces as each problem read alone', () => {
  const forms = [
    (i: number) => `## Tight ${i}\n\nQ${i}?\n\n1. a = ${i}\n2. b = ${i}\n   continued\n   - nested ${i}\n3. The answer is ${i}.\n\n`,
    (i: number) => `## Loose ${i}\n\nQ${i}?\n\n- a = ${i}\n\n- b = ${i}\n\n- c\n\n**Answer:** ${i}\n\n`,
    (i: number) => `## Labelled ${i}\n\nQuestion: Q${i}?\n\nStep 1: x = ${i}\n> quoted ${i}\n\nStep 2: y = \\(${i}\\)\n$$\nz = ${i}\n$$\n\nThe answer is ${i}.\n\n`,
    (i: number) => `## gsm8k ${i}\n\nQ${i}?\n\nSolution:\n- one <<1+1=2>>2\n${i}. two\nthree\n#### ${i}\n\n`,
    (i: number) => `## Fenced ${i}\n\nQ${i}?\n\n\`\`\`\n- not a step\n\n# not a heading\n\`\`\`\n\n1. s = ${i}\n<!-- lema-tutor: ignore-next-step -->\n2. t = ${i}\n\n`,
  ];
  const sections = Array.from({ length: 250 }, (_, i) => forms[i % forms.length]!(i));
  const whole = parseSolutionDocument(sections.join(''));
  assert.ok(chunkStarts(sections.join('')).length > 10);
  assert.equal(whole.problems.length, sections.length);
  const summary = (p: (typeof whole.problems)[number]) => [p.title, p.question, p.style, p.steps.map((s) => [s.text, s.ignored]), p.finalAnswer?.value, p.finalAnswer?.form, p.finalAnswer?.stepIndex, p.contentKey];
  sections.forEach((section, i) => {
    const alone = parseSolutionDocument(section).problems;
    assert.equal(alone.length, 1, section);
    assert.deepEqual(summary(whole.problems[i]!), summary(alone[0]!), section);
  });
});
