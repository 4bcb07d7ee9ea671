// The file-level opt-out `<!-- lema-tutor: off-file -->`, on a line of its own anywhere in the file
// (as markdownlint's `disable-file`). Shared by the server (fileFilter.ts) and the client's toggle command.

import { OpenBlocks } from '../document/parseChunks.ts';

export const OFF_FILE_DIRECTIVE = '<!-- lema-tutor: off-file -->';
const OFF_FILE = /^ {0,3}<!--\s*lema-tutor:\s*off-file\s*-->\s*$/;

/** The 0-based lines holding the directive; one inside fenced code, `$$` math or an HTML block (a README showing it) does not count. */
export function offFileLines(text: string): number[] {
  if (!text.includes('off-file')) return [];
  const found: number[] = [];
  // The reader's own block tracking (parseChunks.ts), so this agrees with where the reader sees blocks.
  const blocks = new OpenBlocks();
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (blocks.startsOutside(line.slice(0, 200), line.trim() === '', () => line) && OFF_FILE.test(line)) found.push(index);
  });
  return found;
}
