// Turns a problem the builder collected (source offsets) into the engines' Problem: texts, exact
// LSP ranges, the final answer and the content key. The part that does not depend on where the
// problem stands (texts, offsets relative to its start, the content key) is a pure function of
// the problem's source and shape, so the editor keeps it per problem (PieceMemo) and an edit
// elsewhere costs only new ranges here.
import { contentKey } from './contentKey.ts';
import { findAnswerInStep } from './labels.ts';
import type { LineIndex } from './lineIndex.ts';
import type { KeptProblem } from './pieceMemo.ts';
import type { RawProblem, RawStep } from './problemBuilder.ts';
import type { FinalAnswerForm, Problem, StepStyle } from './types.ts';

/** A problem's contents with offsets relative to its start. */
export interface RelativeProblem {
  title?: string;
  question: string;
  questionSpan?: [number, number];
  steps: { text: string; start: number; end: number; fullStart: number; fullEnd: number; ignored: boolean }[];
  answer?: { value: string; start: number; end: number; form: FinalAnswerForm; stepIndex?: number };
  style: StepStyle;
  end: number;
  contentKey: string;
}

export interface ProblemShape {
  raw: RawProblem;
  /** The steps outside `off` regions, with whether an ignore-next-step directive marks each. */
  steps: { step: RawStep; ignored: boolean }[];
  /** Whether the standalone answer (if any) is outside `off` regions. */
  answerOn: boolean;
}

/**
 * The memo key: the problem's source, and a short signature of every offset and flag its contents
 * are built from (relative to its start). Undefined when something lies outside the source.
 */
export function shapeKey(text: string, shape: ProblemShape): { source: string; signature: string } | undefined {
  const { raw } = shape;
  const base = raw.start;
  let signature = `${raw.style},${raw.heading ? raw.heading.textStart - base : -1}`;
  for (const span of raw.question) signature += `,${span.start - base},${span.end - base}`;
  signature += '|';
  for (const { step, ignored } of shape.steps) {
    if (step.fullStart < base || step.textEnd > raw.end) return undefined;
    signature += `${step.fullStart - base},${step.textStart - base},${step.textEnd - base},${ignored ? 1 : 0};`;
  }
  if (shape.answerOn && raw.answer) signature += `|${raw.answer.start - base},${raw.answer.end - base},${raw.answer.form}`;
  return { source: text.slice(base, raw.end), signature };
}

export function relativeProblem(text: string, shape: ProblemShape): RelativeProblem {
  const { raw } = shape;
  const base = raw.start;
  const steps: RelativeProblem['steps'] = shape.steps.map(({ step, ignored }) => {
    const [start, end] = trimSpan(text, step.textStart, step.textEnd);
    return { text: text.slice(start, end), start: start - base, end: end - base, fullStart: step.fullStart - base, fullEnd: Math.max(end, step.fullStart) - base, ignored };
  });
  let answer: RelativeProblem['answer'];
  if (shape.answerOn && raw.answer) {
    const { start, end, form } = raw.answer;
    answer = { value: text.slice(start, end), start: start - base, end: end - base, form };
  } else {
    const last = steps[steps.length - 1]!;
    const found = findAnswerInStep(last.text);
    if (found) {
      answer = { value: last.text.slice(found.start, found.end), start: last.start + found.start, end: last.start + found.end, form: found.form, stepIndex: steps.length - 1 };
    }
  }
  const first = raw.question[0];
  const lastSpan = raw.question[raw.question.length - 1];
  const [qStart, qEnd] = first && lastSpan ? trimSpan(text, first.start, lastSpan.end) : [0, 0];
  const question = text.slice(qStart, qEnd);
  return {
    title: raw.heading ? raw.heading.text : undefined,
    question,
    questionSpan: qEnd > qStart ? [qStart - base, qEnd - base] : undefined,
    steps,
    answer,
    style: raw.style,
    end: raw.end - base,
    contentKey: contentKey({
      question,
      steps,
      finalAnswer: answer && { value: answer.value, stepIndex: answer.stepIndex },
    }),
  };
}

/**
 * The problem at `base`, reusing its last placement when it starts at the same line and column
 * (every range in it then stays: they depend only on its own text below that point).
 */
export function placedAgain(kept: KeptProblem, base: number, index: LineIndex, problemIndex: number): Problem {
  const { line, character } = index.positionAt(base);
  const last = kept.placed;
  if (last && last.line === line && last.character === character) {
    return last.problem.index === problemIndex ? last.problem : { ...last.problem, index: problemIndex };
  }
  const problem = placeProblem(kept.relative, base, index, problemIndex);
  kept.placed = { line, character, problem };
  return problem;
}

/** The Problem at `base` in the document: ranges from the document's line index. */
export function placeProblem(relative: RelativeProblem, base: number, index: LineIndex, problemIndex: number): Problem {
  const { answer, questionSpan } = relative;
  return {
    index: problemIndex,
    title: relative.title,
    question: relative.question,
    questionRange: questionSpan ? index.rangeOf(base + questionSpan[0], base + questionSpan[1]) : undefined,
    steps: relative.steps.map((step, i) => ({
      index: i,
      text: step.text,
      range: index.rangeOf(base + step.start, base + step.end),
      fullRange: index.rangeOf(base + step.fullStart, base + step.fullEnd),
      ignored: step.ignored,
    })),
    finalAnswer: answer && {
      value: answer.value,
      range: index.rangeOf(base + answer.start, base + answer.end),
      form: answer.form,
      ...(answer.stepIndex === undefined ? {} : { stepIndex: answer.stepIndex }),
    },
    style: relative.style,
    range: index.rangeOf(base, base + relative.end),
    contentKey: relative.contentKey,
  };
}

function trimSpan(text: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return [a, b];
}

/** What `/\s/` matches, by code (no regex per character). */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
