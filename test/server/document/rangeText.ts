// Test helper: the text a range covers, computed independently of the parser's line table.
import type { Range } from '../../../server/document/types.ts';

export function textAt(text: string, range: Range): string {
  const lines: string[] = [];
  const breaks: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    lines.push(text.slice(last, match.index));
    breaks.push(match[0]);
    last = match.index + match[0].length;
  }
  lines.push(text.slice(last));
  if (range.start.line === range.end.line) {
    return lines[range.start.line]!.slice(range.start.character, range.end.character);
  }
  let out = lines[range.start.line]!.slice(range.start.character) + breaks[range.start.line]!;
  for (let line = range.start.line + 1; line < range.end.line; line++) out += lines[line]! + breaks[line]!;
  return out + lines[range.end.line]!.slice(0, range.end.character);
}

export const r = (sl: number, sc: number, el: number, ec: number): Range => ({
  start: { line: sl, character: sc },
  end: { line: el, character: ec },
});

/** Applies an LSP edit, locating lines independently of the parser's line table. */
export function applyEdit(text: string, edit: { range: Range; newText: string }): string {
  const lineStarts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(match.index + match[0].length);
  const at = (p: Range['start']) => lineStarts[p.line]! + p.character;
  return text.slice(0, at(edit.range.start)) + edit.newText + text.slice(at(edit.range.end));
}
