// The validator: document text in, problems with verdicts out. Shared by the language server and
// the CLI. Verdicts are cached on each problem's content, so only problems whose text changed are
// verified again, wherever they moved in the document.
import { parseSolutionDocument } from '../document/parseSolutionDocument.ts';
import type { Problem, SolutionDocument } from '../document/types.ts';
import type { EngineInfo, Verdict } from '../engine/types.ts';
import { GenerationalCache } from './generationalCache.ts';
import { SectionedParser } from './sectionedParser.ts';

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

export class DocumentChecker {
  private readonly verdicts = new GenerationalCache<string, Verdict>(20_000);

  constructor(private readonly engine: SyncEngine) {}

  /** A parser keeps the sections of one document; give each open document its own. */
  createParser(): SectionedParser {
    return new SectionedParser();
  }

  /**
   * Checks a document. Pass the document's own SectionedParser when it will be checked again after
   * edits (the server); without one, the text is parsed whole, which is faster for a single pass
   * (the CLI) than parsing it section by section.
   */
  check(text: string, parser?: SectionedParser): CheckedDocument {
    const document = parser ? parser.parse(text) : parseSolutionDocument(text);
    const problems = document.problems.map((problem) => ({ problem, verdict: this.verdictFor(problem) }));
    return { document, problems };
  }

  private verdictFor(problem: Problem): Verdict {
    const key = verdictKey(problem);
    const cached = this.verdicts.get(key);
    if (cached) return cached;
    const verdict = this.engine.checkSync(problem);
    this.verdicts.set(key, verdict);
    return verdict;
  }
}

// The content key covers the text; ignored steps change what may be flagged, so they count too.
function verdictKey(problem: Problem): string {
  const ignored = problem.steps.filter((s) => s.ignored).map((s) => s.index);
  return ignored.length === 0 ? problem.contentKey : `${problem.contentKey}:${ignored.join(',')}`;
}
