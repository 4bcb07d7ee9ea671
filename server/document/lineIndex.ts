// Converts string offsets to LSP positions (0-based line, UTF-16 character).
// JS strings are UTF-16 already, so a character is an offset minus its line's start offset.
// Line endings are `\n`, `\r\n` and a lone `\r`, as both markdown and LSP count them.
import type { Position, Range } from './types.ts';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 /* \n */) this.starts.push(i + 1);
      else if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  positionAt(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low]! };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset of a position (the inverse of `positionAt`), clamped to the line table. */
  offsetAt(position: Position): number {
    const line = Math.min(Math.max(position.line, 0), this.starts.length - 1);
    return this.starts[line]! + position.character;
  }
}
