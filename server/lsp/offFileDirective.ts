// The file-level opt-out `<!-- lema-tutor: off-file -->`, on a line of its own anywhere in the file
// (as markdownlint's `disable-file`). Shared by the server (fileFilter.ts) and the client's toggle command.

export const OFF_FILE_DIRECTIVE = '<!-- lema-tutor: off-file -->';
const OFF_FILE = /^ {0,3}<!--\s*lema-tutor:\s*off-file\s*-->\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The 0-based lines holding the directive; fenced code (a README showing it) does not count. */
export function offFileLines(text: string): number[] {
  if (!text.includes('off-file')) return [];
  const found: number[] = [];
  let fence: string | undefined;
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const opening = FENCE.exec(line)?.[1];
    if (fence) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined;
      return;
    }
    if (opening) fence = opening;
    else if (OFF_FILE.test(line)) found.push(index);
  });
  return found;
}
