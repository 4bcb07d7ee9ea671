// The validator: document text in, problems with verdicts out. Shared by the language server and
// the CLI through one reader (readSolutionDocument): the server passes the document's PieceMemo so
// that only pieces an edit touched are read again, the CLI reads without one. Verdicts are cached
// on each problem's content, so only problems whose text changed are verified again, wherever they
// moved in the document.
import { readSolutionDocument } from '../document/parseSolutionDocument.ts';
import { PieceMemo } from '../document/pieceMemo.ts';
import { runToEnd } from '../document/steps.ts';
import type { Problem, SolutionDocument } from '../document/types.ts';
import type { EngineInfo, Verdict } from '../engine/types.ts';
import { GenerationalCache } from './generationalCache.ts';

/** An engine that answers at once (the embedded verifier). */
export interface SyncEngine {
  readonly info: EngineInfo;
  checkSync(problem: Problem): Verdict;
}

export interface CheckedProblem {
  problem: Problem;
  verdict: Verdict;
}

export interface CheckedDocument {
  document: SolutionDocument;
  problems: CheckedProblem[];
}

/** Verifying one problem costs about as much as reading this many characters. */
const VERIFY_COST = 1500;

export class DocumentChecker {
  private readonly verdicts = new GenerationalCache<string, Verdict>(20_000);

  constructor(private readonly engine: SyncEngine) {}

  /** The incremental cache of one open document; give each its own. */
  createMemo(): PieceMemo {
    return new PieceMemo();
  }

  /** Checks a document at once. With the document's memo, unchanged pieces are not read again. */
  check(text: string, memo?: PieceMemo): CheckedDocument {
    return runToEnd(this.checkInSteps(text, memo));
  }

  /**
   * The check as steps, yielding the work done since the last yield, so a server can run it in
   * slices (checkInSlices.ts). Run to its end it is `check`: the same reader, the same verdicts.
   */
  *checkInSteps(text: string, memo?: PieceMemo): Generator<number, CheckedDocument> {
    const document = yield* readSolutionDocument(text, memo);
    const problems: CheckedProblem[] = [];
    for (const problem of document.problems) {
      const key = verdictKey(problem);
      let verdict = this.verdicts.get(key);
      if (!verdict) {
        verdict = this.engine.checkSync(problem);
        this.verdicts.set(key, verdict);
        yield VERIFY_COST;
      }
      problems.push({ problem, verdict });
    }
    return { document, problems };
  }
}

// The content key covers the text; ignored steps change what may be flagged, so they count too.
function verdictKey(problem: Problem): string {
  let key = problem.contentKey;
  let first = true;
  for (const step of problem.steps) {
    if (!step.ignored) continue;
    key += `${first ? ':' : ','}${step.index}`;
    first = false;
  }
  return key;
}
