// Reads a file line by line in chunks (memory flat for any size) and says whether the last line
// was terminated: an unterminated last line is what a write cut short by a crash leaves behind.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface FileLine {
  text: string;
  /** 1-based line number. */
  number: number;
  /** False only for a last line without a final `\n`. */
  terminated: boolean;
}

export async function* readLines(path: string): AsyncGenerator<FileLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    pending += decoder.write(chunk as Buffer);
    let start = 0;
    let end: number;
    while ((end = pending.indexOf('\n', start)) !== -1) {
      yield { text: pending.slice(start, end), number: ++number, terminated: true };
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending.length > 0) yield { text: pending, number: ++number, terminated: false };
}
