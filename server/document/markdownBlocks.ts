// Runs the markdown parser and flattens the top level of the tree into the units the problem
// reader works with: paragraph lines, headings, lists, thematic breaks and other blocks, each by
// source offsets. Step texts are always sliced from the source by these offsets, never taken from
// the tree's unescaped values (`\(` is an escaped `(` to markdown but LaTeX to a person).
import { fromMarkdown } from 'mdast-util-from-markdown';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
import type { Heading, List, Nodes, RootContent } from 'mdast';
import { endOfLine, nextLine } from './parseChunks.ts';

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

// Inline constructs are switched off: the reader slices text from the source, so inline nodes
// would only cost time (a fifth of the parse on a 1 MB workbook). Block structure is unaffected.
// A consequence: `lema-tutor:` directive comments count only on a line of their own (HTML blocks).
const noInline = {
  disable: {
    null: [
      'attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape',
      'htmlText', 'labelStartImage', 'labelStartLink', 'labelEnd', 'mathText',
    ],
  },
};

const DIRECTIVE = /<!--\s*lema-tutor:\s*(off|on|ignore-next-step)\s*-->/g;
const LINE_BREAK = /\r\n|\r|\n/g;

/** One piece's reading: offsets relative to the piece, paragraphs numbered from 0. */
export interface PieceBlocks {
  blocks: BlockItem[];
  directives: Directive[];
  /** How many paragraph numbers the piece used. */
  paragraphs: number;
}

/**
 * Reads one piece of a document (see parseChunks.ts). A pure function of `text`: the editor keeps
 * the result per piece text and the CLI calls it once per piece, so both read alike.
 */
export function readPiece(text: string): PieceBlocks {
  const bounded = boundNesting(text);
  const blocks: BlockItem[] = [];
  const directives: Directive[] = [];
  const paragraph = { next: 0 };
  const tree = fromMarkdown(bounded, parseOptions);
  readTopLevel(tree.children, text, 0, paragraph, blocks);
  collectDirectives(tree.children, text, 0, directives);
  return { blocks, directives, paragraphs: paragraph.next };
}

const parseOptions = { extensions: [math(), noInline], mdastExtensions: [mathFromMarkdown()] };

function readTopLevel(nodes: RootContent[], text: string, base: number, paragraph: { next: number }, blocks: BlockItem[]): void {
  for (const node of nodes) {
    const start = offsetOf(node.position?.start, base);
    const end = offsetOf(node.position?.end, base);
    if (start === undefined || end === undefined) continue;
    switch (node.type) {
      case 'paragraph':
      case 'definition':
        pushLines(text, start, end, paragraph.next++, blocks);
        break;
      case 'heading':
        blocks.push(headingItem(text, node, base, start, end));
        break;
      case 'list':
        blocks.push(listItems(node, base, start, end));
        break;
      case 'thematicBreak':
        blocks.push({ kind: 'break', start, end });
        break;
      case 'html':
        break; // directives are collected separately; other HTML is not solution text
      default:
        blocks.push({ kind: 'block', start, end });
    }
  }
}

function offsetOf(point: { offset?: number | undefined } | undefined, base: number): number | undefined {
  return point?.offset === undefined ? undefined : point.offset + base;
}

function pushLines(text: string, start: number, end: number, paragraph: number, out: BlockItem[]): void {
  const source = text.slice(start, end);
  let lineStart = 0;
  const emit = (from: number, to: number) => {
    let a = from;
    let b = to;
    while (a < b && isBlank(source.charCodeAt(a))) a++;
    while (b > a && isBlank(source.charCodeAt(b - 1))) b--;
    if (b > a) out.push({ kind: 'line', start: start + a, end: start + b, text: source.slice(a, b), paragraph });
  };
  for (const match of source.matchAll(LINE_BREAK)) {
    emit(lineStart, match.index);
    lineStart = match.index + match[0].length;
  }
  emit(lineStart, source.length);
}

function headingItem(text: string, node: Heading, base: number, start: number, end: number): HeadingItem {
  const first = offsetOf(node.children[0]?.position?.start, base);
  const last = offsetOf(node.children[node.children.length - 1]?.position?.end, base);
  const textStart = first ?? end;
  return { kind: 'heading', start, end, depth: node.depth, textStart, text: text.slice(textStart, last ?? end).trim() };
}

function listItems(node: List, base: number, start: number, end: number): ListItems {
  const items: ListItems['items'] = [];
  for (const item of node.children) {
    const itemStart = offsetOf(item.position?.start, base);
    // A directive comment indented under an item is a child of it, but not part of the step.
    const content = item.children.filter((child) => child.type !== 'html');
    const itemEnd = offsetOf((content.at(-1) ?? item).position?.end, base);
    const textStart = offsetOf(item.children[0]?.position?.start, base);
    if (itemStart === undefined || itemEnd === undefined || textStart === undefined) continue;
    items.push({ start: itemStart, textStart, end: itemEnd });
  }
  return { kind: 'list', start, end, ordered: Boolean(node.ordered), items };
}

/** Every `lema-tutor:` comment in the flow, nested containers included (iteratively: no deep recursion). */
function collectDirectives(roots: RootContent[], text: string, base: number, directives: Directive[]): void {
  const stack: Nodes[] = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'html') {
      const start = offsetOf(node.position?.start, base);
      const end = offsetOf(node.position?.end, base);
      if (start === undefined || end === undefined) continue;
      for (const match of text.slice(start, end).matchAll(DIRECTIVE)) {
        directives.push({ name: match[1] as DirectiveName, offset: start + match.index });
      }
    } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
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
