// The part of a step to underline: the verdict's span (the wrong result, the false claim) when the
// engine gave one that fits the step, else the whole step. A step's text is the document's text
// over `step.range`, so offsets into it map to positions line by line.
import { LineIndex } from '../document/lineIndex.ts';
import type { Range, Step } from '../document/types.ts';
import type { TextSpan } from '../engine/types.ts';

export function spanRange(step: Step, span: TextSpan | undefined): Range {
  if (!span || span.start < 0 || span.end <= span.start || span.end > step.text.length) return step.range;
  if (step.text.slice(span.start, span.end).trim() === '') return step.range;
  const lines = new LineIndex(step.text);
  const at = (offset: number) => {
    const position = lines.positionAt(offset);
    return position.line === 0
      ? { line: step.range.start.line, character: step.range.start.character + position.character }
      : { line: step.range.start.line + position.line, character: position.character };
  };
  return { start: at(span.start), end: at(span.end) };
}
