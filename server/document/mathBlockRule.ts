// `$$` math blocks for markdown-it, with the rules of fenced code (and of micromark's math
// extension, which this project read them with before): an opening run of two or more `$` after
// at most three spaces, an optional meta string without `$`, and a closing run at least as long
// with nothing but spaces after it; an unclosed block runs to the end of its container. Like a
// fence it may interrupt a paragraph. Its content is never read as markdown.
import type { StateBlock } from 'markdown-it';

const DOLLAR = 36;

export function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (state.src.charCodeAt(pos) !== DOLLAR) return false;
  const open = pos;
  pos = state.skipChars(pos, DOLLAR);
  const length = pos - open;
  if (length < 2) return false;
  const meta = state.src.slice(pos, max);
  if (meta.includes('$')) return false;
  if (silent) return true;

  let next = startLine;
  let closed = false;
  for (;;) {
    next++;
    if (next >= endLine) break;
    const start = state.bMarks[next]! + state.tShift[next]!;
    const lineMax = state.eMarks[next]!;
    if (start < lineMax && state.sCount[next]! < state.blkIndent) break; // the container ended
    if (state.src.charCodeAt(start) !== DOLLAR || state.sCount[next]! - state.blkIndent >= 4) continue;
    const after = state.skipChars(start, DOLLAR);
    if (after - start < length || state.skipSpaces(after) < lineMax) continue;
    closed = true;
    break;
  }
  state.line = next + (closed ? 1 : 0);
  const token = state.push('math_block', 'math', 0);
  token.info = meta;
  token.markup = state.src.slice(open, open + length);
  token.map = [startLine, state.line];
  return true;
}
