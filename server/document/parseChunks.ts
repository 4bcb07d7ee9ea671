// Where a large document may be cut into independently parsed pieces. The markdown tokenizer's
// cost grows faster than linearly on big inputs (one huge tree keeps the garbage collector busy),
// so a 1 MB workbook parses about a third faster in pieces of ~8 KB.
//
// A cut is only made before a line that starts with `#` + space at column 0 right after a blank
// line (an ATX heading no container, paragraph or HTML block can hold), and only outside top-level
// fenced code and `$$` math blocks. An HTML block that runs until an end marker (`<!--`,
// `<script>`...) and does not end on its own line stops the cutting, to stay on the safe side.

const CHUNK_TARGET = 8 * 1024;
const FENCE_OPEN = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,}|\${2,}(?=[^$]*$))/;
const HEADING = /^#{1,6}(?:[ \t\r]|$)/;
const HTML_BLOCKS: [RegExp, string[]][] = [
  [/^ {0,3}<!--/, ['-->']],
  [/^ {0,3}<\?/, ['?>']],
  [/^ {0,3}<!\[CDATA\[/, [']]>']],
  [/^ {0,3}<![A-Za-z]/, ['>']],
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, ['</script>', '</pre>', '</style>', '</textarea>']],
];

/** Offsets at which `text` can be cut into separately parsed pieces; always starts with 0. */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  if (text.length <= CHUNK_TARGET * 2) return starts;
  let fence: { char: string; length: number } | undefined;
  let previousBlank = true;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const head = text.slice(lineStart, Math.min(lineEnd, lineStart + 200));
    if (fence) {
      if (closesFence(head, fence)) fence = undefined;
    } else {
      const open = FENCE_OPEN.exec(head);
      if (open) fence = { char: open[1]![0]!, length: open[1]!.length };
      else if (opensLongHtmlBlock(head, text.slice(lineStart, lineEnd))) return starts;
      else if (previousBlank && HEADING.test(head) && lineStart - starts.at(-1)! >= CHUNK_TARGET) starts.push(lineStart);
    }
    previousBlank = head.trim() === '' && lineEnd - lineStart < 200;
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return starts;
}

function opensLongHtmlBlock(head: string, line: string): boolean {
  for (const [open, ends] of HTML_BLOCKS) {
    if (open.test(head)) return !ends.some((end) => line.toLowerCase().includes(end, 2));
  }
  return false;
}

function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const trimmed = line.replace(/^ {0,3}/, '');
  let run = 0;
  while (trimmed[run] === fence.char) run++;
  return run >= fence.length && trimmed.slice(run).trim() === '';
}
