// The editor's incremental cache of one document: each piece's reading keyed by the piece's text,
// and each problem's contents (texts, offsets relative to the problem, content key) keyed by the
// problem's source and shape. A read looks things up here and, once complete, keeps only what the
// latest text still has. A read that is abandoned (a newer version arrived) changes nothing. The
// results never depend on what is here: a read without a memo gives the same document.
import type { LineIndex } from './lineIndex.ts';
import type { PieceBlocks } from './markdownBlocks.ts';
import type { Cuts } from './parseChunks.ts';
import type { PieceSpan } from './readPieces.ts';
import type { RelativeProblem } from './placeProblem.ts';
import type { Problem } from './types.ts';

/** A problem's contents, and its last placement (a problem that did not move keeps its ranges). */
export interface KeptProblem {
  /** The problem's source text, its key here (absent when it has none: see shapeKey). */
  source?: string;
  /** The shape signature it was built for (see shapeKey). */
  signature: string;
  relative: RelativeProblem;
  placed?: { line: number; character: number; problem: Problem };
}

/** The last completed read: its text, cut points and line table (an edit rescans only around itself). */
export interface LastRead {
  text: string;
  cuts: Cuts;
  index: LineIndex;
  pieces: PieceSpan[];
}

export class PieceMemo {
  last: LastRead | undefined;
  private pieces = new Map<string, PieceBlocks>();
  private problems = new Map<string, KeptProblem>();

  piece(text: string): PieceBlocks | undefined {
    return this.pieces.get(text);
  }

  /** The problem kept for this source, if it was built for the same shape. */
  problem(source: string, signature: string): KeptProblem | undefined {
    const kept = this.problems.get(source);
    return kept?.signature === signature ? kept : undefined;
  }

  /** Replaces the kept pieces with those of a completed read. */
  commitPieces(pieces: Map<string, PieceBlocks>): void {
    this.pieces = pieces;
  }

  /** Replaces the kept problems with those of a completed read. */
  commitProblems(problems: Map<string, KeptProblem>): void {
    this.problems = problems;
  }

  /** How many pieces the last completed read had (distinct texts). */
  get size(): number {
    return this.pieces.size;
  }
}

/** How many characters two texts share at their start and (after that) at their end. */
export function sharedEnds(a: string, b: string): { prefix: number; suffix: number } {
  const most = Math.min(a.length, b.length);
  let prefix = 0;
  // Whole blocks first: comparing slices runs natively.
  while (prefix + 1024 <= most && a.slice(prefix, prefix + 1024) === b.slice(prefix, prefix + 1024)) prefix += 1024;
  while (prefix < most && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  const room = most - prefix;
  let suffix = 0;
  while (suffix + 1024 <= room && a.slice(a.length - suffix - 1024, a.length - suffix) === b.slice(b.length - suffix - 1024, b.length - suffix)) suffix += 1024;
  while (suffix < room && a.charCodeAt(a.length - suffix - 1) === b.charCodeAt(b.length - suffix - 1)) suffix++;
  return { prefix, suffix };
}
