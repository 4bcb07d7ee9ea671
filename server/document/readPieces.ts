// The one reader of markdown structure, for the editor and the CLI alike: text -> cut points (a
// pure function of the text) -> each piece read on its own (a pure function of the piece's text,
// memoizable by it) -> the pieces' blocks placed at their offsets and concatenated. Problems are
// then built over the whole document (parseSolutionDocument.ts).
//
// It is a generator that yields the work done since its last yield (in characters read, or
// blocks placed), so the server can read a large document in slices between requests; run to
// its end, it is the synchronous read.
import { readPiece, type BlockItem, type Directive, type PieceBlocks } from './markdownBlocks.ts';
import { cutPoints, type CutHint, type Cuts } from './parseChunks.ts';
import type { PieceMemo } from './pieceMemo.ts';

/** A piece of the document: its reading, where it stands, and where its blocks start in the block list. */
export interface PieceSpan {
  result: PieceBlocks;
  base: number;
  end: number;
  /** The text the piece was read from (with the line reopening a block, if any): its memo key. */
  key: string;
  reopen: string | undefined;
  firstBlock: number;
}

export interface DocumentBlocks {
  blocks: BlockItem[];
  directives: Directive[];
  cuts: Cuts;
  /** Each piece's reading and where its blocks start in `blocks`. */
  pieces: PieceSpan[];
}

/** Work units per yield: a slice of work between two chances for the server to answer requests. */
export const SLICE_WORK = 16_000;
/** Placing a memoized block costs about as much as reading this many characters. */
const PLACE_COST = 4;

export function* readPieces(text: string, memo?: PieceMemo, hint?: CutHint): Generator<number, DocumentBlocks> {
  const cuts = yield* cutPoints(text, hint);
  const starts = cuts.starts;
  const blocks: BlockItem[] = [];
  const directives: Directive[] = [];
  const read = new Map<string, PieceBlocks>();
  const pieces: PieceSpan[] = [];
  // Pieces wholly inside the text an edit left alone are the last read's pieces, found by position
  // (no need to hash their text again).
  const previous = hint && memo?.last ? new Map(memo.last.pieces.map((piece) => [piece.base, piece])) : undefined;
  const delta = hint ? text.length - hint.previousLength : 0;
  let paragraphs = 0;
  for (let i = 0; i < starts.length; i++) {
    const base = starts[i]!;
    const end = starts[i + 1] ?? text.length;
    const reopen = cuts.reopen.get(base);
    let same: PieceSpan | undefined;
    if (previous && hint) {
      if (end <= hint.prefix) same = previous.get(base);
      else if (base >= text.length - hint.suffix) same = previous.get(base - delta);
      const shift = end <= hint.prefix ? 0 : delta;
      if (same && (same.end + shift !== end || same.reopen !== reopen)) same = undefined;
    }
    const piece = same?.key ?? (reopen ?? '') + text.slice(base, end);
    let result = same?.result ?? read.get(piece) ?? memo?.piece(piece);
    let cost = result ? result.blocks.length * PLACE_COST : piece.length;
    if (!result) result = reopen === undefined ? readPiece(piece) : reopened(readPiece(piece), reopen.length);
    read.set(piece, result);
    pieces.push({ result, base, end, key: piece, reopen, firstBlock: blocks.length });
    // A piece that stayed where it was keeps its placed blocks (no copies to make or collect).
    const placed = result.placed;
    if (placed && placed.base === base && placed.paragraphBase === paragraphs) {
      for (const block of placed.blocks) blocks.push(block);
      for (const directive of placed.directives) directives.push(directive);
    } else {
      const blocksFrom = blocks.length;
      const directivesFrom = directives.length;
      place(result, base, paragraphs, blocks, directives);
      if (memo) result.placed = { base, paragraphBase: paragraphs, blocks: blocks.slice(blocksFrom), directives: directives.slice(directivesFrom) };
      cost += result.blocks.length;
    }
    paragraphs += result.paragraphs;
    yield cost;
  }
  memo?.commitPieces(read);
  return { blocks, directives, cuts, pieces };
}

/** A piece read with a block's opening line in front: offsets back to the piece itself. */
function reopened(read: PieceBlocks, shift: number): PieceBlocks {
  const at = (offset: number) => Math.max(0, offset - shift);
  return {
    blocks: read.blocks.map((block) => {
      switch (block.kind) {
        case 'line':
        case 'break':
        case 'block':
          return { ...block, start: at(block.start), end: at(block.end) };
        case 'heading':
          return { ...block, start: at(block.start), end: at(block.end), textStart: at(block.textStart) };
        case 'list':
          return { ...block, start: at(block.start), end: at(block.end), items: block.items.map((item) => ({ start: at(item.start), textStart: at(item.textStart), end: at(item.end) })) };
      }
    }),
    directives: read.directives.map((directive) => ({ ...directive, offset: at(directive.offset) })),
    paragraphs: read.paragraphs,
  };
}

function place(piece: PieceBlocks, base: number, paragraphBase: number, blocks: BlockItem[], directives: Directive[]): void {
  for (const block of piece.blocks) {
    switch (block.kind) {
      case 'line':
        blocks.push({ ...block, start: block.start + base, end: block.end + base, paragraph: block.paragraph + paragraphBase });
        break;
      case 'heading':
        blocks.push({ ...block, start: block.start + base, end: block.end + base, textStart: block.textStart + base });
        break;
      case 'list':
        blocks.push({
          ...block,
          start: block.start + base,
          end: block.end + base,
          items: block.items.map((item) => ({ start: item.start + base, textStart: item.textStart + base, end: item.end + base })),
        });
        break;
      default:
        blocks.push({ ...block, start: block.start + base, end: block.end + base });
    }
  }
  for (const directive of piece.directives) directives.push({ name: directive.name, offset: directive.offset + base });
}
