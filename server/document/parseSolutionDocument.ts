// Reads a markdown document of worked solutions into problems (question, steps, final answer) with
// exact LSP ranges. Problem boundaries: headings, `Question:`/`Problem:` labels and `---` breaks.
// Anything not understood becomes a `skipped` note; nothing here throws on odd input.
import type { FinalAnswer, Problem, SkippedProblem, SolutionDocument, Step } from './types.ts';
import { LineIndex } from './lineIndex.ts';
import type { Directive, HeadingItem } from './markdownBlocks.ts';
import type { PieceMemo } from './pieceMemo.ts';
import { readPieces, runToEnd } from './readPieces.ts';
import { ProblemBuilder, type RawProblem } from './problemBuilder.ts';
import { findAnswerInStep, isAnswerValue, isQuestionHeading, isSolutionHeading, matchQuestionLabel, matchStepHeading } from './labels.ts';
import { contentKey } from './contentKey.ts';

const BLOCKS_PER_YIELD = 2000;
/** Building from a block costs about as much as reading this many characters. */
const BLOCK_COST = 8;

/** Past this many UTF-16 units a document is not a worksheet; parsing it would stall the editor. */
export const MAX_DOCUMENT_LENGTH = 5_000_000;

/** Reads a document whole, at once: what the CLI does, and what the editor's slices add up to. */
export function parseSolutionDocument(text: string, memo?: PieceMemo): SolutionDocument {
  return runToEnd(readSolutionDocument(text, memo));
}

/**
 * The document read as steps: yields the work done since the last yield (see readPieces.ts).
 * `memo` (the editor's, per document) only saves work: the result is the same without it.
 */
export function* readSolutionDocument(text: string, memo?: PieceMemo): Generator<number, SolutionDocument> {
  if (text.length > MAX_DOCUMENT_LENGTH) {
    const size = (text.length / 1_000_000).toFixed(1);
    const start = { line: 0, character: 0 };
    return { problems: [], skipped: [{ range: { start, end: start }, reason: `document too large to check (${size} M characters; the limit is 5 M)` }] };
  }
  const index = new LineIndex(text);
  const { blocks, directives } = yield* readPieces(text, memo);
  const raw: RawProblem[] = [];
  const skipped: { start: number; end: number; reason: string }[] = [];
  let builder = new ProblemBuilder();

  const close = (next?: HeadingItem) => {
    const result = builder.finish();
    if (result?.kind === 'problem') raw.push(result);
    // A heading with nothing under it, directly above a deeper heading, is a document or chapter title.
    const isTitle = result?.kind === 'skip' && next && result.heading && next.depth > result.heading.depth;
    if (result?.kind === 'skip' && !isTitle) skipped.push(result);
  };

  let work = 0;
  for (const block of blocks) {
    if (++work % BLOCKS_PER_YIELD === 0) yield BLOCKS_PER_YIELD * BLOCK_COST;
    if (block.kind === 'break') {
      close();
      builder = new ProblemBuilder();
    } else if (block.kind === 'line') {
      const label = matchQuestionLabel(block.text);
      if (!label) builder.addLine(block);
      else {
        if (!builder.isBare) {
          close();
          builder = new ProblemBuilder();
        }
        builder.addQuestionLabel(block, label.length);
      }
    } else if (block.kind === 'list') builder.addList(block);
    else if (block.kind === 'block') builder.addBlock(block);
    else {
      const stepLabel = matchStepHeading(block.text);
      if (stepLabel && !builder.isDone) builder.addStepHeading(block, stepLabel.length);
      else if (isSolutionHeading(block.text) && !builder.isDone) builder.addSolutionHeading(block);
      else if (builder.takesAnswerHeading(block) && isAnswerValue(block.text)) builder.addAnswerHeading(block);
      else if (isQuestionHeading(block.text) && builder.isBare && builder.heading) builder.addQuestionHeading(block);
      else {
        close(block);
        builder = new ProblemBuilder(block);
      }
    }
  }
  close();
  const regions = new DirectiveRegions(directives);
  const problems: Problem[] = [];
  for (const problem of raw) {
    if (regions.isOff(problem.start)) continue;
    const built = buildProblem(text, index, problem, regions, problems.length);
    if (built) problems.push(built);
    yield problem.steps.length * BLOCK_COST;
  }
  markIgnoredSteps(problems, directives, index, regions);
  for (const problem of problems) problem.contentKey = contentKey(problem);
  return {
    problems,
    skipped: skipped
      .filter((note) => !regions.isOff(note.start))
      .map((note): SkippedProblem => ({ range: index.rangeOf(note.start, note.end), reason: note.reason })),
  };
}

function buildProblem(text: string, index: LineIndex, raw: RawProblem, regions: DirectiveRegions, problemIndex: number): Problem | undefined {
  const steps: Step[] = [];
  for (const step of raw.steps) {
    if (regions.isOff(step.fullStart)) continue;
    const [start, end] = trimSpan(text, step.textStart, step.textEnd);
    steps.push({
      index: steps.length,
      text: text.slice(start, end),
      range: index.rangeOf(start, end),
      fullRange: index.rangeOf(step.fullStart, Math.max(end, step.fullStart)),
      ignored: false,
    });
  }
  if (steps.length === 0) return undefined;

  let finalAnswer: FinalAnswer | undefined;
  if (raw.answer && !regions.isOff(raw.answer.start)) {
    const { start, end, form } = raw.answer;
    finalAnswer = { value: text.slice(start, end), range: index.rangeOf(start, end), form };
  } else {
    const last = steps[steps.length - 1]!;
    const found = findAnswerInStep(last.text);
    if (found) {
      const base = index.offsetAt(last.range.start);
      const value = last.text.slice(found.start, found.end);
      finalAnswer = { value, range: index.rangeOf(base + found.start, base + found.end), form: found.form, stepIndex: last.index };
    }
  }

  const first = raw.question[0];
  const lastSpan = raw.question[raw.question.length - 1];
  const [qStart, qEnd] = first && lastSpan ? trimSpan(text, first.start, lastSpan.end) : [0, 0];
  return {
    index: problemIndex,
    title: raw.heading ? raw.heading.text : undefined,
    question: text.slice(qStart, qEnd),
    questionRange: qEnd > qStart ? index.rangeOf(qStart, qEnd) : undefined,
    steps,
    finalAnswer,
    style: raw.style,
    range: index.rangeOf(raw.start, raw.end),
    contentKey: '',
  };
}

/** `<!-- lema-tutor: ignore-next-step -->` marks the first step that starts after it. */
function markIgnoredSteps(problems: Problem[], directives: Directive[], index: LineIndex, regions: DirectiveRegions): void {
  const pending = directives.filter((d) => d.name === 'ignore-next-step' && !regions.isOff(d.offset));
  if (pending.length === 0) return;
  const steps = problems.flatMap((problem) => problem.steps);
  let next = 0;
  for (const step of steps) {
    const start = index.offsetAt(step.fullRange.start);
    let hit = false;
    while (next < pending.length && pending[next]!.offset < start) {
      next++;
      hit = true;
    }
    if (hit) step.ignored = true;
  }
}

/** The `off`/`on` regions: half-open offset intervals in which nothing is produced. */
class DirectiveRegions {
  private readonly intervals: [number, number][] = [];

  constructor(directives: Directive[]) {
    let offAt: number | undefined;
    for (const directive of directives) {
      if (directive.name === 'off' && offAt === undefined) offAt = directive.offset;
      else if (directive.name === 'on' && offAt !== undefined) {
        this.intervals.push([offAt, directive.offset]);
        offAt = undefined;
      }
    }
    if (offAt !== undefined) this.intervals.push([offAt, Number.POSITIVE_INFINITY]);
  }

  isOff(offset: number): boolean {
    return this.intervals.some(([start, end]) => offset >= start && offset < end);
  }
}

function trimSpan(text: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return [a, b];
}
