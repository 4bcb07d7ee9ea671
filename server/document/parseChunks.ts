// Where a document is cut into pieces that are read on their own. The cut points are a pure
// function of the text, and mostly of the text near them, so that an edit changes the pieces
// around it only: the editor keeps each piece's reading (keyed by the piece's text) and re-reads
// just the pieces an edit touched, while the CLI reads every piece once. Both go through the same
// cuts, so they cannot disagree.
//
// The markdown tokenizer also copies its whole event list each time a nested container closes
// (`- - x` lines, lists in quotes), which is quadratic in the size of what it reads at once:
// bounded pieces keep that linear.
//
// Cuts are made only where no open block can continue across them, outside top-level fenced code,
// `$$` math and HTML blocks:
// - before every column-0 ATX heading of levels 1-3 (a heading interrupts every paragraph and closes every
//   container that is not indented under it), once the piece holds MIN_CHARS: this is the cut an
//   edit cannot move, so pieces resynchronise at the next heading after an edit;
// - once a piece is due (TARGET_CHARS or TARGET_LINES), before a column-0 line after a blank line
//   or a column-0 list item (cutting between two list items splits one list into two; the problem
//   reader takes consecutive lists of one kind as one list of steps);
// - at any line start after FORCE_AFTER_LINES lines or FORCE_AFTER_CHARS characters without any of those.
// Lone CR, CRLF and LF all end a line, as in CommonMark and lineIndex.ts.
import { runToEnd } from './steps.ts';

const MIN_CHARS = 256;
const TARGET_CHARS = 4096;
const TARGET_LINES = 64;
const FORCE_AFTER_LINES = 200;
/** Long lines: a piece is cut at the next line start past this size, so that no piece (and no slice of the server's work) grows unbounded. */
const FORCE_AFTER_CHARS = 64 * 1024;
const SCAN_STEP = 64 * 1024;
/** Only this much of a line is looked at to classify it (openers, headings, items are short). */
const HEAD_CHARS = 200;

const FENCE_OPEN = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,}|\${2,}(?=[^$]*$))/;
// Levels 1-3 only: `#### 72` is GSM8K's final-answer line, and a cut before it would part a
// problem from its answer (pieces are best aligned with problems: collectProblems.ts).
const HEADING = /^#{1,3}(?:[ \t]|$)/;
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

/** Cut points, and which of them were made before a heading (where the scan's state is the same whatever came before). */
export interface Cuts {
  starts: number[];
  headings: Set<number>;
  /**
   * Cuts inside a very long fenced, math or HTML block, with the line that reopens that block: the
   * piece is read with it in front, so its lines stay inside the block.
   */
  reopen: Map<number, string>;
}

/** The previous version's text and cuts, and how much of its start and end the new text shares. */
export interface CutHint {
  cuts: Cuts;
  previousLength: number;
  prefix: number;
  suffix: number;
}

/** Offsets at which `text` is cut into separately read pieces; always starts with 0. */
export function chunkStarts(text: string): number[] {
  return runToEnd(cutPoints(text)).starts;
}

/** Lines inside one block (a fence, `$$` math, HTML) after which it is cut all the same, reopened in the next piece. */
const BLOCK_FORCE_LINES = 20_000;

/**
 * The cut scan as steps (see steps.ts): it yields after every SCAN_STEP characters. With a hint
 * from the previous version it gives the same cuts with less work: it resumes after the last
 * heading cut before the edit, and once a heading cut past the edit coincides with an old one,
 * the old cuts after it are taken over (shifted), since the scan is in the same state there and
 * the text after it is the same.
 */
export function* cutPoints(text: string, hint?: CutHint): Generator<number, Cuts> {
  const starts = [0];
  const headings = new Set<number>();
  const reopen = new Map<number, string>();
  const blocks = new OpenBlocks();
  let previousBlank = true;
  let previousItem = false;
  let linesInChunk = 0;
  let lineStart = 0;
  const delta = hint ? text.length - hint.previousLength : 0;
  if (hint) {
    const old = hint.cuts.starts;
    for (let k = old.length - 1; k >= 1; k--) {
      const cut = old[k]!;
      if (cut >= hint.prefix || !hint.cuts.headings.has(cut)) continue;
      const after = nextLine(text, endOfLine(text, cut));
      if (after + 1 > hint.prefix) continue;
      starts.length = 0;
      for (let j = 0; j <= k; j++) starts.push(old[j]!);
      for (const heading of hint.cuts.headings) if (heading <= cut) headings.add(heading);
      for (const [at, line] of hint.cuts.reopen) if (at <= cut) reopen.set(at, line);
      previousBlank = false;
      linesInChunk = 1;
      lineStart = after;
      break;
    }
  }
  let scanned = lineStart;
  while (lineStart < text.length) {
    const lineEnd = endOfLine(text, lineStart);
    const head = text.slice(lineStart, Math.min(lineEnd, lineStart + HEAD_CHARS));
    const blank = lineEnd - lineStart < HEAD_CHARS && head.trim() === '';
    let item = false;
    const inside = blocks.reopener();
    if (inside && linesInChunk >= BLOCK_FORCE_LINES) {
      starts.push(lineStart);
      reopen.set(lineStart, inside);
      linesInChunk = 0;
    }
    if (blocks.startsOutside(head, blank, () => text.slice(lineStart, lineEnd))) {
      const ordered = ORDERED_ITEM.exec(head);
      item = BULLET_ITEM.test(head) || (ordered !== null && (previousBlank || previousItem || ordered[1] === '1'));
      const size = lineStart - starts.at(-1)!;
      const due = size >= TARGET_CHARS || linesInChunk >= TARGET_LINES;
      const heading = HEADING.test(head) && size >= MIN_CHARS;
      const safe = (previousBlank && !blank && !/^[ \t]/.test(head)) || item;
      if (lineStart > 0 && (heading || (due && (safe || linesInChunk >= FORCE_AFTER_LINES || size >= FORCE_AFTER_CHARS)))) {
        starts.push(lineStart);
        linesInChunk = 0;
        if (heading) {
          headings.add(lineStart);
          if (hint && lineStart >= text.length - hint.suffix && hint.cuts.headings.has(lineStart - delta)) {
            takeOver(hint.cuts, lineStart - delta, delta, { starts, headings, reopen });
            return { starts, headings, reopen };
          }
        }
      }
    }
    previousBlank = blank;
    previousItem = item;
    linesInChunk++;
    lineStart = nextLine(text, lineEnd);
    if (lineStart - scanned >= SCAN_STEP) {
      yield (lineStart - scanned) / 8; // a line scan costs about an eighth of reading
      scanned = lineStart;
    }
  }
  return { starts, headings, reopen };
}

/** Appends the old cuts after `from` (an old heading cut), moved by `delta`. */
function takeOver(old: Cuts, from: number, delta: number, { starts, headings, reopen }: Cuts): void {
  let low = 0;
  let high = old.starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (old.starts[mid]! <= from) low = mid + 1;
    else high = mid;
  }
  for (let k = low; k < old.starts.length; k++) {
    const cut = old.starts[k]!;
    starts.push(cut + delta);
    if (old.headings.has(cut)) headings.add(cut + delta);
    const line = old.reopen.get(cut);
    if (line !== undefined) reopen.set(cut + delta, line);
  }
}

/** Follows, line by line, the top-level blocks no cut may enter: fenced code, `$$` math and HTML blocks. */
export class OpenBlocks {
  private block: Block | undefined;

  /** A line that opens the block the scan is in (read before a piece cut inside it), or undefined outside blocks. */
  reopener(): string | undefined {
    const block = this.block;
    if (!block) return undefined;
    if (block.kind === 'fence') return block.char.repeat(block.length) + '\n';
    if (block.kind === 'html-blank') return '<div>\n';
    const end = block.ends[0]!;
    return end === '-->' ? '<!--\n' : end === '?>' ? '<?\n' : end === ']]>' ? '<![CDATA[\n' : end === '>' ? '<!X\n' : '<pre>\n';
  }

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

const LINE_BREAK = /[\r\n]/g;

/** Offset of the line break (or the end of the text) of the line starting at `from`. */
export function endOfLine(text: string, from: number): number {
  // A regex search runs natively: much faster than a loop over characters while code is cold.
  LINE_BREAK.lastIndex = from;
  return LINE_BREAK.exec(text)?.index ?? text.length;
}

/** Offset of the next line's start after a line ending at `lineEnd` (`\r\n` is one break). */
export function nextLine(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) return lineEnd + 2;
  return lineEnd + 1;
}
