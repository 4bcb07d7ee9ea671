// What the server knows about one open document: its latest check, the model's verdicts for its
// problems, and what the person has asked to see.
import type { CheckedDocument } from '../check/documentChecker.ts';
import type { PieceMemo } from '../document/pieceMemo.ts';
import type { Problem } from '../document/types.ts';
import type { Verdict } from '../engine/types.ts';

export interface AppliedCorrection {
  /** Record id of the accepted correction, superseded by the human-verified one on save. */
  recordId: string;
  problemIndex: number;
  /** The problem as it was when the correction was applied (to find it again after the edit). */
  question: string;
}

export class DocumentSession {
  /** Version the last published diagnostics were computed for. */
  version = -1;
  checked: CheckedDocument | undefined;
  /** Model verdicts by problem content key (they arrive later than the embedded ones). */
  readonly modelVerdicts = new Map<string, Verdict>();
  /** Content keys whose explanation the person asked to see (tutor mode). */
  readonly revealed = new Set<string>();
  /** Line of the last hover or code-action request: where the person is working. */
  cursorLine: number | undefined;
  /** Corrections applied and not yet saved: on save the steps as left become human-verified records. */
  readonly appliedCorrections: AppliedCorrection[] = [];

  /** Counts checks started; a check whose number is no longer the latest is dropped. */
  checkGeneration = 0;

  /** `memo`: the reader's pieces of this document, so an edit re-reads only the pieces it touched. */
  constructor(readonly uri: string, readonly memo: PieceMemo) {}

  problem(index: number, contentKey: string): Problem | undefined {
    const problem = this.checked?.document.problems[index];
    return problem && problem.contentKey === contentKey ? problem : undefined;
  }
}
