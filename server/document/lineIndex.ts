// Converts string offsets to LSP positions (0-based line, UTF-16 character).
// JS strings are UTF-16 already, so a character is an offset minus its line's start offset.
// Line endings are `\n`, `\r\n` and a lone `\r`, as both markdown and LSP count them.
import type { Position, Range } from './types.ts';

const LINE_BREAKS = /\r\n|\r|\n/g;
const LINES_PER_STEP = 65_536;

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string, from?: { previous: LineIndex; previousLength: number; prefix: number; suffix: number }) {
    if (from) {
      this.update(text, from.previous, from.previousLength, from.prefix, from.suffix);
      return;
    }
    // A regex search runs natively: much faster than a loop over characters while code is cold.
    for (const match of text.matchAll(LINE_BREAKS)) this.starts.push(match.index + match[0].length);
  }

  /**
   * The line table of `text` from that of a previous version sharing its first `prefix` and last
   * `suffix` characters: a line start depends only on the two characters before it and the one
   * at it, so starts inside the shared parts are kept (shifted after the edit) and only the
   * edited stretch is scanned.
   */
  private update(text: string, previous: LineIndex, previousLength: number, prefix: number, suffix: number): void {
    const old = previous.starts;
    const starts = this.starts;
    starts.length = 0;
    let k = 0;
    for (; k < old.length && old[k]! < prefix; k++) starts.push(old[k]!);
    if (starts.length === 0) starts.push(0);
    const scanEnd = text.length - suffix; // last character index scanned
    const limit = scanEnd + 2; // new starts below this come from the scan
    for (let i = Math.max(0, prefix - 1); i <= scanEnd && i < text.length; i++) {
      const code = text.charCodeAt(i);
      let start = -1;
      if (code === 10 /* \n */) start = i + 1;
      else if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
      if (start > starts.at(-1)! && start < limit) starts.push(start);
    }
    const delta = text.length - previousLength;
    for (k = 0; k < old.length; k++) {
      if (old[k]! >= previousLength - suffix + 2) starts.push(old[k]! + delta);
    }
  }

  /** The line table built as steps (see steps.ts), yielding every LINES_PER_STEP lines: a document of millions of short lines is not one long step. */
  static *build(text: string): Generator<number, LineIndex> {
    const index = new LineIndex('');
    let count = 0;
    let scanned = 0;
    for (const match of text.matchAll(LINE_BREAKS)) {
      index.starts.push(match.index + match[0].length);
      if (++count % LINES_PER_STEP === 0) {
        yield (match.index - scanned) / 8;
        scanned = match.index;
      }
    }
    return index;
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
