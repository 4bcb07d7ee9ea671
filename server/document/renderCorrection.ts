// Turns a correction (the corrected steps from the first wrong step on) into one text edit,
// written the way the problem was written: the same list markers or `Step k:` labels, the same
// gap between steps, and the final answer line in its original form.
import type { Correction } from '../engine/types.ts';
import type { Problem, Range, Step } from './types.ts';
import { LineIndex } from './lineIndex.ts';
import { findAnswerInStep, matchStandaloneAnswer } from './labels.ts';

export interface TextEdit {
  range: Range;
  newText: string;
}

export function renderCorrection(text: string, problem: Problem, correction: Correction): TextEdit {
  const index = new LineIndex(text);
  const steps = problem.steps;
  const last = steps[steps.length - 1];
  if (!last) throw new Error('renderCorrection: the problem has no steps');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const from = Math.max(0, Math.min(correction.fromStep, steps.length));
  const appending = from === steps.length;

  const start = appending ? index.offsetAt(last.fullRange.end) : index.offsetAt(steps[from]!.fullRange.start);
  let end = index.offsetAt(last.fullRange.end);
  const answer = problem.finalAnswer;
  const standalone = answer !== undefined && answer.stepIndex === undefined;
  // LeMa corrections end with a `The answer is Y.` step; where the answer stood on its own line,
  // that step becomes the answer line instead of a step.
  let corrected = correction.steps;
  let newValue = correction.finalAnswer;
  const tail = corrected.at(-1);
  const tailAnswer = tail === undefined ? undefined : matchStandaloneAnswer(tail.trim());
  if (standalone && tail !== undefined && tailAnswer && corrected.length > 1) {
    corrected = corrected.slice(0, -1);
    newValue ??= tail.trim().slice(tailAnswer.start, tailAnswer.end);
  }
  newValue ??= answerOf(corrected.at(-1));

  const separator = stepSeparator(text, index, steps, from, eol);
  const prefix = markerFor(text, index, problem, from);
  const rendered = corrected.map((step, i) => prefix(from + i) + layoutStep(step, problem.style, prefix(from + i).length, eol));
  let newText = (appending ? separator : '') + rendered.join(separator);

  // A final answer on its own line is rewritten in its own form; one inside a step went with the step.
  if (answer && standalone && newValue !== undefined) {
    const valueStart = index.offsetAt(answer.range.start);
    const valueEnd = index.offsetAt(answer.range.end);
    const lineStart = index.offsetAt({ line: answer.range.start.line, character: 0 });
    const lineEnd = endOfLine(text, valueEnd);
    const gap = text.slice(end, lineStart);
    newText += (isBlank(gap) ? normaliseGap(gap, eol) : eol) + text.slice(lineStart, valueStart) + newValue + text.slice(valueEnd, lineEnd);
    end = Math.max(end, lineEnd);
  }
  return { range: index.rangeOf(start, end), newText };
}

/** The gap between two steps as written (a newline or a blank line), whitespace only. */
function stepSeparator(text: string, index: LineIndex, steps: Step[], from: number, eol: string): string {
  const candidates = [from - 1, from, ...steps.keys()];
  for (const i of candidates) {
    const a = steps[i];
    const b = steps[i + 1];
    if (!a || !b) continue;
    const gap = text.slice(index.offsetAt(a.fullRange.end), index.offsetAt(b.fullRange.start));
    if (isBlank(gap) && /[\r\n]/.test(gap)) return normaliseGap(gap, eol);
  }
  return eol;
}

/** The marker or label a corrected step gets, by its 0-based index. */
function markerFor(text: string, index: LineIndex, problem: Problem, from: number): (i: number) => string {
  const model = problem.steps[Math.min(from, problem.steps.length - 1)]!;
  const written = text.slice(index.offsetAt(model.fullRange.start), index.offsetAt(model.range.start));
  switch (problem.style) {
    case 'ordered-list': {
      const match = /^(\s*)(\d+)([.)])/.exec(written);
      const first = problem.steps[0]!;
      const firstMarker = /^\s*(\d+)/.exec(text.slice(index.offsetAt(first.fullRange.start), index.offsetAt(first.range.start)));
      const base = firstMarker ? Number(firstMarker[1]) : 1;
      return (i) => `${match?.[1] ?? ''}${base + i}${match?.[3] ?? '.'} `;
    }
    case 'bullet-list':
      return () => written || '- ';
    case 'labelled':
      // Keep the label as written (`**Step 3:** `), renumbered; LeMa numbers steps from 1.
      return (i) => (/\d/.test(written) ? written.replace(/\d+/, String(i + 1)) : `Step ${i + 1}: `);
    case 'lines':
      return () => '';
  }
}

/** Continuation lines of a list item are indented under its text; a line step stays on one line. */
function layoutStep(step: string, style: Problem['style'], markerWidth: number, eol: string): string {
  const lines = step.trim().split(/\r\n|\r|\n/);
  if (style === 'lines') return lines.map((line) => line.trim()).filter(Boolean).join(' ');
  const indent = style === 'labelled' ? '' : ' '.repeat(markerWidth);
  return lines.map((line, i) => (i === 0 || line.trim() === '' ? line : indent + line)).join(eol);
}

function answerOf(step: string | undefined): string | undefined {
  if (step === undefined) return undefined;
  const found = findAnswerInStep(step);
  return found ? step.slice(found.start, found.end) : undefined;
}

function normaliseGap(gap: string, eol: string): string {
  const breaks = gap.match(/\r\n|\r|\n/g)?.length ?? 0;
  return eol.repeat(Math.max(1, breaks));
}

const isBlank = (gap: string): boolean => gap.trim() === '';

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
