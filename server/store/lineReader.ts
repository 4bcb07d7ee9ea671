// Reads a file line by line in chunks and says whether the last line was terminated: an
// unterminated last line is what a write cut short by a crash leaves behind.
//
// Linear in the file's size and bounded in memory whatever its shape: each chunk's bytes are
// searched for `\n` once (a UTF-8 `\n` byte never occurs inside a multi-byte character, so bytes
// can be split there before decoding), the pieces of a line are kept until its end and decoded
// once, and a line longer than `maxLineBytes` is not kept at all: its bytes are counted and it is
// reported as `overlong`, so a 1 GB line costs one pass and no more than a chunk of memory.
import { createReadStream } from 'node:fs';

export interface FileLine {
  /** The line without its `\n`; empty for an over-long line. */
  text: string;
  /** 1-based line number. */
  number: number;
  /** False only for a last line without a final `\n`. */
  terminated: boolean;
  /** The line was longer than the reader's limit; its text was not kept. */
  overlong?: boolean;
  /** Length of the line in bytes (without the `\n`). */
  bytes: number;
}

/** No record comes near this (a record is a few KiB); the writer refuses longer lines. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface ReadLinesOptions {
  maxLineBytes?: number;
  /** Bytes per read (tests use small chunks to cut lines and characters across reads). */
  chunkBytes?: number;
}

export async function* readLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<FileLine> {
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  let pieces: Buffer[] = [];
  let lineBytes = 0;
  let overlong = false;
  let number = 0;
  const take = (piece: Buffer) => {
    lineBytes += piece.length;
    if (overlong) return;
    if (lineBytes > maxLineBytes) {
      overlong = true;
      pieces = [];
    } else if (piece.length > 0) {
      pieces.push(piece);
    }
  };
  const finish = (terminated: boolean): FileLine => {
    const line: FileLine = overlong
      ? { text: '', number: ++number, terminated, overlong: true, bytes: lineBytes }
      : { text: decode(pieces, lineBytes), number: ++number, terminated, bytes: lineBytes };
    pieces = [];
    lineBytes = 0;
    overlong = false;
    return line;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: options.chunkBytes ?? 256 * 1024 })) {
    const bytes = chunk as Buffer;
    let start = 0;
    let end: number;
    while ((end = bytes.indexOf(0x0a, start)) !== -1) {
      take(bytes.subarray(start, end));
      yield finish(true);
      start = end + 1;
    }
    // The rest of the chunk belongs to a line that goes on in the next chunk. A copy, so the
    // stream's chunk is not held alive by a short slice of it.
    if (start < bytes.length) take(start === 0 ? bytes : Buffer.from(bytes.subarray(start)));
  }
  if (lineBytes > 0 || overlong) yield finish(false);
}

function decode(pieces: Buffer[], length: number): string {
  if (pieces.length === 0) return '';
  const whole = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, length);
  return whole.toString('utf8');
}
