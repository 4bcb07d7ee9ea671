// Reads a markdown document of worked solutions into problems (question, steps, final answer) with
// exact LSP ranges. Problem boundaries: headings, `Question:`/`Problem:` labels and `---` breaks.
// Anything not understood becomes a `skipped` note; nothing here throws on odd input.
import type { Problem, SkippedProblem, SolutionDocument } from './types.ts';
import { LineIndex } from './lineIndex.ts';
import type { Directive, HeadingItem } from './markdownBlocks.ts';
import { sharedEnds, type KeptProblem, type PieceMemo } from './pieceMemo.ts';
import { readPieces } from './readPieces.ts';
import { runToEnd } from './steps.ts';
import { ProblemBuilder, type RawProblem } from './problemBuilder.ts';
import { placedAgain, relativeProblem, shapeKey } from './placeProblem.ts';
import { isAnswerValue, isQuestionHeading, isSolutionHeading, matchQuestionLabel, matchStepHeading } from './labels.ts';

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
  // With the memo of an earlier version, the cut scan and the line table redo only the edited stretch.
  const last = memo?.last;
  const shared = last && sharedEnds(last.text, text);
  const previous = last && shared && { previousLength: last.text.length, ...shared };
  const { blocks, directives, cuts } = yield* readPieces(text, memo, previous && last && { cuts: last.cuts, ...previous });
  const index = previous && last ? new LineIndex(text, { previous: last.index, ...previous }) : new LineIndex(text);
  yield previous ? 0 : text.length / 8;
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
  // `<!-- lema-tutor: ignore-next-step -->` marks the first step (outside `off` regions) after it.
  const pending = directives.filter((d) => d.name === 'ignore-next-step' && !regions.isOff(d.offset)).map((d) => d.offset);
  let nextDirective = 0;
  const problems: Problem[] = [];
  const kept = new Map<string, KeptProblem>();
  for (const problem of raw) {
    if (regions.isOff(problem.start)) continue;
    const steps = problem.steps
      .filter((step) => !regions.isOff(step.fullStart))
      .map((step) => {
        let ignored = false;
        while (nextDirective < pending.length && pending[nextDirective]! < step.fullStart) {
          nextDirective++;
          ignored = true;
        }
        return { step, ignored };
      });
    if (steps.length === 0) continue;
    const shape = { raw: problem, steps, answerOn: problem.answer !== undefined && !regions.isOff(problem.answer.start) };
    const key = memo ? shapeKey(text, shape) : undefined;
    let entry: KeptProblem | undefined;
    if (key) {
      const here = kept.get(key.source);
      entry = here?.signature === key.signature ? here : memo?.problem(key.source, key.signature);
    }
    entry ??= { signature: key?.signature ?? '', relative: relativeProblem(text, shape) };
    problems.push(placedAgain(entry, problem.start, index, problems.length));
    if (key) kept.set(key.source, entry);
    yield problem.steps.length * BLOCK_COST;
  }
  memo?.commitProblems(kept);
  if (memo) memo.last = { text, cuts, index };
  return {
    problems,
    skipped: skipped
      .filter((note) => !regions.isOff(note.start))
      .map((note): SkippedProblem => ({ range: index.rangeOf(note.start, note.end), reason: note.reason })),
  };
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

  /** Binary search: the intervals are sorted and disjoint, so this stays cheap however many there are. */
  isOff(offset: number): boolean {
    let low = 0;
    let high = this.intervals.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const [start, end] = this.intervals[mid]!;
      if (offset < start) high = mid - 1;
      else if (offset >= end) low = mid + 1;
      else return true;
    }
    return false;
  }
}
