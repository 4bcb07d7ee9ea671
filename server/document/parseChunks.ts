// Where a document may be cut into independently parsed pieces. The markdown tokenizer copies its
// whole event list each time a nested container closes (`- - x` lines, lists in quotes), which is
// quadratic in the document: 4,000 such lines take ten seconds in one piece, milliseconds in
// pieces. One huge tree also keeps the garbage collector busy, so a 1 MB workbook is faster in
// pieces too.
//
// Cuts are made only where no open block can continue across them, outside top-level fenced code,
// `$$` math and HTML blocks: before a line at column 0 after a blank line, and before a column-0
// heading, block quote or list item line. Cutting between two list items splits one list into
// two; the problem reader takes consecutive lists of one kind as one list of steps, so nothing is
// lost. Only a run of hundreds of lines without any of those cut points is cut anywhere.

const TARGET_CHARS = 4096;
const TARGET_LINES = 64;
const FORCE_AFTER_LINES = 200;

const FENCE_OPEN = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,}|\${2,}(?=[^$]*$))/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;
const BULLET_ITEM = /^[-*+][ \t]+\S/;
const ORDERED_ITEM = /^(\d{1,9})[.)][ \t]+\S/;
const HTML_UNTIL_BLANK = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/;
const HTML_UNTIL_MARKER: [RegExp, string[]][] = [
  [/^ {0,3}<!--/, ['-->']],
  [/^ {0,3}<\?/, ['?>']],
  [/^ {0,3}<!\[CDATA\[/, [']]>']],
  [/^ {0,3}<![A-Za-z]/, ['>']],
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, ['</script>', '</pre>', '</style>', '</textarea>']],
];

type Block = { kind: 'fence'; char: string; length: number } | { kind: 'html-marker'; ends: string[] } | { kind: 'html-blank' };

/** Offsets at which `text` can be cut into separately parsed pieces; always starts with 0. */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  if (text.length <= TARGET_CHARS) return starts;
  let block: Block | undefined;
  let previousBlank = true;
  let previousItem = false;
  let linesInChunk = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    const lineEnd = endOfLine(text, lineStart);
    const head = text.slice(lineStart, Math.min(lineEnd, lineStart + 200));
    const blank = head.trim() === '' && lineEnd - lineStart < 200;
    let item = false;

    if (block?.kind === 'fence') {
      if (closesFence(head, block)) block = undefined;
    } else if (block?.kind === 'html-marker') {
      const line = text.slice(lineStart, lineEnd).toLowerCase();
      if (block.ends.some((end) => line.includes(end))) block = undefined;
    } else if (block?.kind === 'html-blank' && !blank) {
      // an HTML block of this kind ends only at a blank line
    } else {
      block = undefined;
      const ordered = ORDERED_ITEM.exec(head);
      item = BULLET_ITEM.test(head) || (ordered !== null && (previousBlank || previousItem || ordered[1] === '1'));
      const due = lineStart - starts.at(-1)! >= TARGET_CHARS || linesInChunk >= TARGET_LINES;
      const safe = (previousBlank && !blank && !/^[ \t]/.test(head)) || HEADING.test(head) || head.startsWith('>') || item;
      if (due && (safe || linesInChunk >= FORCE_AFTER_LINES)) {
        starts.push(lineStart);
        linesInChunk = 0;
      }
      block = opensBlock(head, text.slice(lineStart, lineEnd));
    }
    previousBlank = blank;
    previousItem = item;
    linesInChunk++;
    lineStart = nextLine(text, lineEnd);
  }
  return starts;
}

function opensBlock(head: string, line: string): Block | undefined {
  const fence = FENCE_OPEN.exec(head);
  if (fence) return { kind: 'fence', char: fence[1]![0]!, length: fence[1]!.length };
  for (const [open, ends] of HTML_UNTIL_MARKER) {
    if (!open.test(head)) continue;
    const rest = line.toLowerCase().slice(line.indexOf('<') + 2);
    return ends.some((end) => rest.includes(end)) ? undefined : { kind: 'html-marker', ends };
  }
  return HTML_UNTIL_BLANK.test(head) ? { kind: 'html-blank' } : undefined;
}

function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const trimmed = line.replace(/^ {0,3}/, '');
  let run = 0;
  while (trimmed[run] === fence.char) run++;
  return run >= fence.length && trimmed.slice(run).trim() === '';
}

function endOfLine(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function nextLine(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) return lineEnd + 2;
  return lineEnd + 1;
}
