// The units the problem reader works with, read from one piece of a document: paragraph lines,
// headings, lists, thematic breaks and other blocks, each by source offsets, and the
// `lema-tutor:` directives. Step texts are always sliced from the source by these offsets, never
// taken from a parser's unescaped values (`\(` is an escaped `(` to markdown but LaTeX to a person).
// The parser is markdown-it's block parser (readPieceTokens.ts): measured against micromark and
// @lezer/markdown in bench/parser.ts, it is the fastest CommonMark reader by a wide margin.
import { endOfLine, nextLine } from './parseChunks.ts';
import type { SegmentResult } from './collectProblems.ts';
import { readPieceTokens } from './readPieceTokens.ts';

export interface LineItem {
  kind: 'line';
  start: number;
  end: number;
  text: string;
  /** Increments per paragraph, so readers can tell paragraphs apart. */
  paragraph: number;
}
export interface HeadingItem {
  kind: 'heading';
  start: number;
  end: number;
  depth: number;
  textStart: number;
  text: string;
}
export interface ListItems {
  kind: 'list';
  start: number;
  end: number;
  ordered: boolean;
  items: { start: number; textStart: number; end: number }[];
}
export interface BreakItem {
  kind: 'break';
  start: number;
  end: number;
}
export interface OtherBlock {
  kind: 'block';
  start: number;
  end: number;
}
export type BlockItem = LineItem | HeadingItem | ListItems | BreakItem | OtherBlock;

export type DirectiveName = 'off' | 'on' | 'ignore-next-step';
export interface Directive {
  name: DirectiveName;
  offset: number;
}

/** One piece's reading: offsets relative to the piece, paragraphs numbered from 0. */
export interface PieceBlocks {
  blocks: BlockItem[];
  directives: Directive[];
  /** How many paragraph numbers the piece used. */
  paragraphs: number;
  /** The editor's last placement of this piece in its document (readPieces.ts), reused while it does not move. */
  placed?: { base: number; paragraphBase: number; blocks: BlockItem[]; directives: Directive[] };
  /** The editor's builder results for the segment that starts with this piece (collectProblems.ts). */
  segment?: SegmentResult;
}

/**
 * Reads one piece of a document (see parseChunks.ts). A pure function of `text`: the editor keeps
 * the result per piece text and the CLI calls it once per piece, so both read alike.
 */
export function readPiece(text: string): PieceBlocks {
  return readPieceTokens(text, boundNesting(text));
}

const MAX_CONTAINER_MARKERS = 8;
const MAX_CONTAINER_INDENT = 32;

/**
 * The markdown tokenizer re-checks every open container on each line, so deeply nested lists or
 * quotes (hundreds of levels, by markers on one line or by growing indentation) take seconds to
 * minutes. No solution nests like that: past a bound, a line's leading marker run is blanked
 * (same length, so every offset stays valid; texts are always sliced from the original).
 */
function boundNesting(text: string): string {
  let out: string[] | undefined;
  let copiedTo = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    const { end, markers, width } = containerPrefix(text, lineStart);
    if (markers > MAX_CONTAINER_MARKERS || (markers > 0 && width > MAX_CONTAINER_INDENT)) {
      out ??= [];
      out.push(text.slice(copiedTo, lineStart), ' '.repeat(end - lineStart));
      copiedTo = end;
    }
    lineStart = nextLine(text, endOfLine(text, end));
  }
  if (!out) return text;
  out.push(text.slice(copiedTo));
  return out.join('');
}

/**
 * The run of container markers that opens a line: spaces, `>`, and list markers (`-`, `*`, `+` or
 * 1-9 digits with `.`/`)`) followed by a space. `2 * 3 * 4` and `1 + 2 + 3` are text, not markers.
 */
function containerPrefix(text: string, from: number): { end: number; markers: number; width: number } {
  let i = from;
  let markers = 0;
  let end = from;
  for (;;) {
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    const c = text.charCodeAt(i);
    let next = i;
    if (c === 62 /* > */) next = i + 1;
    else if (c === 45 || c === 42 || c === 43) next = isBlank(text.charCodeAt(i + 1)) ? i + 1 : i;
    else if (c >= 48 && c <= 57) {
      let j = i;
      while (j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const delimiter = text.charCodeAt(j);
      if ((delimiter === 46 || delimiter === 41) && isBlank(text.charCodeAt(j + 1))) next = j + 1;
    }
    if (next === i) break;
    markers++;
    i = next;
    end = i;
  }
  let width = 0;
  for (let k = from; k < end; k++) width += text.charCodeAt(k) === 9 ? 4 : 1;
  return { end, markers, width };
}

const isBlank = (code: number): boolean => code === 32 || code === 9;
