// The editor's incremental cache of one document: each piece's reading keyed by the piece's text,
// and each problem's contents (texts, offsets relative to the problem, content key) keyed by the
// problem's source and shape. A read looks things up here and, once complete, keeps only what the
// latest text still has. A read that is abandoned (a newer version arrived) changes nothing. The
// results never depend on what is here: a read without a memo gives the same document.
import type { PieceBlocks } from './markdownBlocks.ts';
import type { RelativeProblem } from './placeProblem.ts';
import type { Problem } from './types.ts';

/** A problem's contents, and its last placement (a problem that did not move keeps its ranges). */
export interface KeptProblem {
  relative: RelativeProblem;
  placed?: { line: number; character: number; problem: Problem };
}

export class PieceMemo {
  private pieces = new Map<string, PieceBlocks>();
  private problems = new Map<string, KeptProblem>();

  piece(text: string): PieceBlocks | undefined {
    return this.pieces.get(text);
  }

  problem(key: string): KeptProblem | undefined {
    return this.problems.get(key);
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
