// The editor's incremental cache: each piece's reading keyed by the piece's text. A document
// keeps one memo; a read looks pieces up in it and, once complete, keeps only the pieces the
// latest text still has. A read that is abandoned (a newer version arrived) changes nothing.
import type { PieceBlocks } from './markdownBlocks.ts';

export class PieceMemo {
  private current = new Map<string, PieceBlocks>();

  get(piece: string): PieceBlocks | undefined {
    return this.current.get(piece);
  }

  /** Replaces the kept pieces with those of a completed read. */
  commit(pieces: Map<string, PieceBlocks>): void {
    this.current = pieces;
  }

  get size(): number {
    return this.current.size;
  }
}
