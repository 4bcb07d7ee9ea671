// Reads a markdown document of worked solutions into problems (question, steps, final answer) with
// exact LSP ranges. Problem boundaries: headings, `Question:`/`Problem:` labels and `---` breaks.
// Anything not understood becomes a `skipped` note; nothing here throws on odd input.
import type { Problem, SkippedProblem, SolutionDocument } from './types.ts';
import { LineIndex } from './lineIndex.ts';
import type { Directive } from './markdownBlocks.ts';
import { sharedEnds, type KeptProblem, type PieceMemo } from './pieceMemo.ts';
import { readPieces } from './readPieces.ts';
import { runToEnd } from './steps.ts';
import { collectProblems } from './collectProblems.ts';
import { placedAgain, relativeProblem, shapeKey } from './placeProblem.ts';

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
  const shared = last && { previousLength: last.text.length, ...sharedEnds(last.text, text) };
  const { blocks, directives, cuts, pieces } = yield* readPieces(text, memo, last && shared && { cuts: last.cuts, ...shared });
  const index = last && shared ? new LineIndex(text, { previous: last.index, ...shared }) : yield* LineIndex.build(text);
  // Segments whose pieces did not change keep the builder's results (the editor's memo only).
  const { raw, skipped } = yield* collectProblems(blocks, memo ? pieces : undefined);
  const regions = new DirectiveRegions(directives);
  // `<!-- lema-tutor: ignore-next-step -->` marks the first step (outside `off` regions) after it.
  const pending = directives.filter((d) => d.name === 'ignore-next-step' && !regions.isOff(d.offset)).map((d) => d.offset);
  let nextDirective = 0;
  const problems: Problem[] = [];
  const kept = new Map<string, KeptProblem>();
  // Without directives a problem's contents depend on its raw form alone, which a reused segment
  // carries over (moved or not): the editor then skips even the memo lookup.
  const plain = regions.isEmpty && pending.length === 0;
  for (const problem of raw) {
    let entry = memo && plain ? problem.kept : undefined;
    if (!entry) {
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
      if (key) {
        const here = kept.get(key.source);
        entry = here?.signature === key.signature ? here : memo?.problem(key.source, key.signature);
      }
      entry ??= { source: key?.source, signature: key?.signature ?? '', relative: relativeProblem(text, shape) };
      if (memo && plain) problem.kept = entry;
    }
    problems.push(placedAgain(entry, problem.start, index, problems.length));
    if (entry.source !== undefined) kept.set(entry.source, entry);
    yield problem.steps.length * BLOCK_COST;
  }
  memo?.commitProblems(kept);
  if (memo) memo.last = { text, cuts, index, pieces };
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

  get isEmpty(): boolean {
    return this.intervals.length === 0;
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
