// Reads one piece of a document with markdown-it's block parser (CommonMark; inline parsing is
// never run: step texts are sliced from the source, so inline tokens would only cost time) and
// flattens its top level into the units the problem reader works with. markdown-it reports
// blocks by line; offsets come from this piece's own line table, in which `\n`, `\r\n` and a
// lone `\r` all end a line, as markdown-it (after its normalisation) and lineIndex.ts count them.
import MarkdownIt, { type Token } from 'markdown-it';
import type { BlockItem, Directive, DirectiveName, ListItems, PieceBlocks } from './markdownBlocks.ts';
import { mathBlock } from './mathBlockRule.ts';

// `reference` off: `[a]: b` stays a paragraph line (no inline links are resolved anyway).
// maxNesting: past it markdown-it drops a container's content; boundNesting keeps real input
// well under it.
const md = new MarkdownIt('commonmark', { html: true, maxNesting: 64 }).disable(['reference']);
md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });

const LINE_BREAKS = /\r\n|\r|\n/g;
const DIRECTIVE = /<!--\s*lema-tutor:\s*(off|on|ignore-next-step)\s*-->/g;

/** Line starts and ends (before the line break) of `text`. */
class Lines {
  readonly starts: number[] = [0];
  readonly ends: number[] = [];

  constructor(readonly text: string) {
    for (const match of text.matchAll(LINE_BREAKS)) {
      this.ends.push(match.index);
      this.starts.push(match.index + match[0].length);
    }
    this.ends.push(text.length);
  }

  /** First non-blank offset of a line (its end when blank). */
  contentStart(line: number): number {
    let i = this.starts[line]!;
    const end = this.ends[line]!;
    while (i < end && isBlank(this.text.charCodeAt(i))) i++;
    return i;
  }

  /** End of a line without trailing blanks. */
  contentEnd(line: number): number {
    const start = this.starts[line]!;
    let i = this.ends[line]!;
    while (i > start && isBlank(this.text.charCodeAt(i - 1))) i--;
    return i;
  }

  isBlank(line: number): boolean {
    return this.contentStart(line) === this.ends[line]!;
  }

  /** End of the last non-blank line in [first, last], trailing blanks trimmed. */
  blockEnd(first: number, last: number): number {
    let line = Math.min(last, this.ends.length - 1);
    while (line > first && this.isBlank(line)) line--;
    return this.contentEnd(line);
  }
}

export function readPieceTokens(source: string, bounded: string): PieceBlocks {
  const normalized = bounded.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  const tokens: Token[] = [];
  const state = new md.block.State(normalized, md, {}, tokens);
  md.block.tokenize(state, state.line, state.lineMax);
  const lines = new Lines(source);
  const blocks: BlockItem[] = [];
  const directives: Directive[] = [];
  let paragraph = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'html_block' && token.map) collectDirectives(source, lines, token.map, directives);
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const [first, after] = token.map;
    const last = after - 1;
    const start = lines.contentStart(first);
    const end = lines.blockEnd(first, last);
    switch (token.type) {
      case 'paragraph_open':
        for (let line = first; line <= last; line++) {
          const a = lines.contentStart(line);
          const b = lines.contentEnd(line);
          if (b > a) blocks.push({ kind: 'line', start: a, end: b, text: source.slice(a, b), paragraph });
        }
        paragraph++;
        break;
      case 'heading_open':
        blocks.push(heading(source, lines, token, tokens[i + 1], first, last));
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        blocks.push(list(tokens, i, lines, token.type === 'ordered_list_open', start, end));
        break;
      case 'hr':
        blocks.push({ kind: 'break', start, end });
        break;
      case 'html_block':
        break; // directives are collected above; other HTML is not solution text
      case 'code_block':
        blocks.push({ kind: 'block', start: lines.starts[first]!, end }); // its indentation is part of it
        break;
      default:
        blocks.push({ kind: 'block', start, end });
    }
  }
  return { blocks, directives, paragraphs: paragraph };
}

function heading(source: string, lines: Lines, token: Token, inline: Token | undefined, first: number, last: number): BlockItem {
  const depth = Number(token.tag.slice(1));
  const start = lines.contentStart(first);
  const end = lines.contentEnd(last);
  const content = inline?.content ?? '';
  if (token.markup.startsWith('#')) {
    // ATX: the text starts after the `#` run and its spaces; markdown-it drops a closing run.
    let textStart = start + token.markup.length;
    while (textStart < end && isBlank(source.charCodeAt(textStart))) textStart++;
    return { kind: 'heading', start, end, depth, textStart: content ? textStart : end, text: content };
  }
  // Setext: the text is the lines above the underline.
  const textEnd = lines.contentEnd(Math.max(first, last - 1));
  return { kind: 'heading', start, end, depth, textStart: start, text: source.slice(start, textEnd).trim() };
}

function list(tokens: Token[], open: number, lines: Lines, ordered: boolean, start: number, end: number): ListItems {
  const items: ListItems['items'] = [];
  const level = tokens[open]!.level;
  for (let i = open + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.level === level) break; // the list's close
    if (token.type !== 'list_item_open' || token.level !== level + 1 || !token.map) continue;
    const itemLine = token.map[0];
    const itemStart = lines.contentStart(itemLine);
    let textStart: number | undefined;
    let contentEnd: number | undefined;
    for (let j = i + 1; j < tokens.length; j++) {
      const child = tokens[j]!;
      if (child.level <= token.level) break; // the item's close
      if (child.level !== token.level + 1 || child.nesting === -1 || !child.map) continue;
      if (textStart === undefined) {
        textStart = child.map[0] === itemLine ? afterMarker(lines, itemStart, token) : lines.contentStart(child.map[0]);
      }
      // A directive comment indented under an item is a child of it, but not part of the step.
      if (child.type !== 'html_block') contentEnd = lines.blockEnd(child.map[0], child.map[1] - 1);
    }
    if (textStart === undefined) continue; // an empty item holds no step
    items.push({ start: itemStart, textStart, end: contentEnd ?? lines.blockEnd(itemLine, token.map[1] - 1) });
  }
  return { kind: 'list', start, end, ordered, items };
}

/** Where an item's content starts on its marker line: after the marker and the spaces after it. */
function afterMarker(lines: Lines, itemStart: number, item: Token): number {
  const text = lines.text;
  let i = itemStart + (item.info ? item.info.length : 0) + item.markup.length;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

function collectDirectives(source: string, lines: Lines, map: [number, number], directives: Directive[]): void {
  const start = lines.contentStart(map[0]);
  const end = lines.blockEnd(map[0], map[1] - 1);
  const slice = source.slice(start, end);
  if (!slice.includes('lema-tutor:')) return;
  for (const match of slice.matchAll(DIRECTIVE)) directives.push({ name: match[1] as DirectiveName, offset: start + match.index });
}

const isBlank = (code: number): boolean => code === 32 || code === 9;
