// Runs the problem builder over a document's blocks and collects the raw problems and skipped
// notes, in order. The blocks fall into segments at "plain" headings (those no builder state
// takes as a step, solution, answer or question heading: every such heading closes the problem
// before it and opens a new one), so a segment's results depend on its own blocks only. In the
// editor, a segment made of whole pieces is kept with its first piece and reused while those
// pieces are the same (moved to where they are now): an edit re-runs the builder over the
// segment it touched. The glue between segments (a problem closed by the next segment's
// heading, the document-title rule) is the same code path for every segment.
import type { BlockItem, HeadingItem, PieceBlocks } from './markdownBlocks.ts';
import { isAnswerValue, isQuestionHeading, isSolutionHeading, matchQuestionLabel, matchStepHeading } from './labels.ts';
import { ProblemBuilder, type RawProblem, type RawSkip } from './problemBuilder.ts';
import type { PieceSpan } from './readPieces.ts';

/** One segment's results, offsets as of `base` (the start of its first piece then). */
export interface SegmentResult {
  through: PieceBlocks[];
  base: number;
  emitted: (RawProblem | RawSkip)[];
  /** What the segment's last builder gives when it is closed (by the next segment or the end). */
  final: RawProblem | RawSkip | undefined;
}

export interface Collected {
  raw: RawProblem[];
  skipped: RawSkip[];
}

const SEGMENT_COST = 8; // per block, in the units of steps.ts
const BLOCKS_PER_YIELD = 2000;

const isPlainHeading = (heading: HeadingItem): boolean =>
  !matchStepHeading(heading.text) && !isSolutionHeading(heading.text) && !isAnswerValue(heading.text) && !isQuestionHeading(heading.text);

export function* collectProblems(blocks: BlockItem[], pieces: PieceSpan[] | undefined): Generator<number, Collected> {
  const raw: RawProblem[] = [];
  const skipped: RawSkip[] = [];
  const pieceAt = new Map<number, number>(); // first block index -> piece index
  if (pieces) pieces.forEach((piece, i) => pieceAt.has(piece.firstBlock) || pieceAt.set(piece.firstBlock, i));
  let pending: RawProblem | RawSkip | undefined;
  const settle = (result: RawProblem | RawSkip | undefined, next: HeadingItem | undefined) => {
    if (result?.kind === 'problem') raw.push(result);
    // A heading with nothing under it, directly above a deeper heading, is a document or chapter title.
    else if (result?.kind === 'skip' && !(next && result.heading && next.depth > result.heading.depth)) skipped.push(result);
  };
  let from = 0;
  while (from <= blocks.length) {
    // The segment runs to the next plain heading (the one at `from` opens it).
    let to = from + (from < blocks.length && isHeadingAt(blocks, from) ? 1 : 0);
    while (to < blocks.length && !(blocks[to]!.kind === 'heading' && isPlainHeading(blocks[to] as HeadingItem))) to++;
    const heading = from < to && isHeadingAt(blocks, from) && isPlainHeading(blocks[from] as HeadingItem) ? (blocks[from] as HeadingItem) : undefined;
    settle(pending, heading);
    const segment = reused(pieces, pieceAt, from, to, blocks.length) ?? (yield* runSegment(blocks, from, to, heading, pieces, pieceAt));
    for (const result of segment.emitted) settle(result, undefined);
    pending = segment.final;
    yield (to - from) * SEGMENT_COST;
    if (to >= blocks.length) break;
    from = to;
  }
  settle(pending, undefined);
  return { raw, skipped };
}

const isHeadingAt = (blocks: BlockItem[], i: number): boolean => blocks[i]!.kind === 'heading';

/** The builder over blocks [from, to), opened by `heading` when there is one. */
function* runSegment(
  blocks: BlockItem[],
  from: number,
  to: number,
  heading: HeadingItem | undefined,
  pieces: PieceSpan[] | undefined,
  pieceAt: Map<number, number>,
): Generator<number, { emitted: (RawProblem | RawSkip)[]; final: RawProblem | RawSkip | undefined }> {
  const emitted: (RawProblem | RawSkip)[] = [];
  let builder = new ProblemBuilder(heading);
  const close = (next?: HeadingItem) => {
    const result = builder.finish();
    if (result?.kind === 'problem') emitted.push(result);
    else if (result?.kind === 'skip' && !(next && result.heading && next.depth > result.heading.depth)) emitted.push(result);
  };
  for (let i = heading ? from + 1 : from; i < to; i++) {
    if ((i - from) % BLOCKS_PER_YIELD === BLOCKS_PER_YIELD - 1) yield BLOCKS_PER_YIELD * SEGMENT_COST; // a long segment is sliced too
    const block = blocks[i]!;
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
  const result = { emitted, final: builder.finish() };
  keep(result, pieces, pieceAt, from, to, blocks.length);
  return result;
}

/** The pieces that make up blocks [from, to) exactly, or undefined when the segment does not start and end at piece starts. */
function piecesOf(pieces: PieceSpan[] | undefined, pieceAt: Map<number, number>, from: number, to: number, total: number): PieceSpan[] | undefined {
  if (!pieces || from === to) return undefined;
  const first = pieceAt.get(from);
  if (first === undefined) return undefined;
  let last = first;
  while (last + 1 < pieces.length && pieces[last + 1]!.firstBlock < to) last++;
  const end = last + 1 < pieces.length ? pieces[last + 1]!.firstBlock : total;
  if (end !== to) return undefined;
  return pieces.slice(first, last + 1);
}

function keep(result: { emitted: (RawProblem | RawSkip)[]; final: RawProblem | RawSkip | undefined }, pieces: PieceSpan[] | undefined, pieceAt: Map<number, number>, from: number, to: number, total: number): void {
  const span = piecesOf(pieces, pieceAt, from, to, total);
  if (!span) return;
  span[0]!.result.segment = { through: span.map((p) => p.result), base: span[0]!.base, emitted: result.emitted, final: result.final };
}

function reused(pieces: PieceSpan[] | undefined, pieceAt: Map<number, number>, from: number, to: number, total: number): SegmentResult | undefined {
  const span = piecesOf(pieces, pieceAt, from, to, total);
  const kept = span?.[0]!.result.segment;
  if (!span || !kept || kept.through.length !== span.length || kept.through.some((result, i) => result !== span[i]!.result)) return undefined;
  const delta = span[0]!.base - kept.base;
  if (delta === 0) return kept;
  const moved = { through: kept.through, base: span[0]!.base, emitted: kept.emitted.map((r) => shift(r, delta)), final: kept.final && shift(kept.final, delta) };
  span[0]!.result.segment = moved;
  return moved;
}

function shiftHeading(heading: HeadingItem | undefined, delta: number): HeadingItem | undefined {
  return heading && { ...heading, start: heading.start + delta, end: heading.end + delta, textStart: heading.textStart + delta };
}

function shift<T extends RawProblem | RawSkip>(result: T, delta: number): T {
  if (result.kind === 'skip') return { ...result, start: result.start + delta, end: result.end + delta, heading: shiftHeading(result.heading, delta) };
  const problem = result as RawProblem;
  return {
    ...problem,
    start: problem.start + delta,
    end: problem.end + delta,
    heading: shiftHeading(problem.heading, delta),
    question: problem.question.map((span) => ({ ...span, start: span.start + delta, end: span.end + delta })),
    steps: problem.steps.map((step) => ({ fullStart: step.fullStart + delta, textStart: step.textStart + delta, textEnd: step.textEnd + delta })),
    answer: problem.answer && { ...problem.answer, start: problem.answer.start + delta, end: problem.answer.end + delta },
  } as T;
}
