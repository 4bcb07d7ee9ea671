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
  const blocks = new OpenBlocks();
  let previousBlank = true;
  let previousItem = false;
  let linesInChunk = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    const lineEnd = endOfLine(text, lineStart);
    const head = text.slice(lineStart, Math.min(lineEnd, lineStart + 200));
    const blank = head.trim() === '' && lineEnd - lineStart < 200;
    let item = false;
    if (blocks.startsOutside(head, blank, () => text.slice(lineStart, lineEnd))) {
      const ordered = ORDERED_ITEM.exec(head);
      item = BULLET_ITEM.test(head) || (ordered !== null && (previousBlank || previousItem || ordered[1] === '1'));
      const due = lineStart - starts.at(-1)! >= TARGET_CHARS || linesInChunk >= TARGET_LINES;
      const safe = (previousBlank && !blank && !/^[ \t]/.test(head)) || HEADING.test(head) || head.startsWith('>') || item;
      if (due && (safe || linesInChunk >= FORCE_AFTER_LINES)) {
        starts.push(lineStart);
        linesInChunk = 0;
      }
    }
    previousBlank = blank;
    previousItem = item;
    linesInChunk++;
    lineStart = nextLine(text, lineEnd);
  }
  return starts;
}

/**
 * Follows, line by line, the top-level blocks no cut may enter: fenced code, `$$` math and HTML
 * blocks. Exported so that other line scans (finding section headings) skip the same blocks.
 */
export class OpenBlocks {
  private block: Block | undefined;

  /**
   * Reads the next line (`head`: its first 200 characters; `line`: the whole line, read only when
   * needed) and says whether it starts outside every open block, where a cut may go.
   */
  startsOutside(head: string, blank: boolean, line: () => string): boolean {
    const block = this.block;
    if (block?.kind === 'fence') {
      if (closesFence(head, block)) this.block = undefined;
      return false;
    }
    if (block?.kind === 'html-marker') {
      const text = line().toLowerCase();
      if (block.ends.some((end) => text.includes(end))) this.block = undefined;
      return false;
    }
    // an HTML block of this kind ends only at a blank line
    if (block?.kind === 'html-blank' && !blank) return false;
    this.block = opensBlock(head, line);
    return true;
  }
}

function opensBlock(head: string, line: () => string): Block | undefined {
  // Every opener starts with one of these after at most three spaces; most lines start otherwise.
  let i = 0;
  while (i < 3 && head.charCodeAt(i) === 32) i++;
  const c = head.charCodeAt(i);
  if (c !== 96 /* ` */ && c !== 126 /* ~ */ && c !== 36 /* $ */ && c !== 60 /* < */) return undefined;
  const fence = FENCE_OPEN.exec(head);
  if (fence) return { kind: 'fence', char: fence[1]![0]!, length: fence[1]!.length };
  for (const [open, ends] of HTML_UNTIL_MARKER) {
    if (!open.test(head)) continue;
    const text = line();
    const rest = text.toLowerCase().slice(text.indexOf('<') + 2);
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
