// The embedded verifier: exact arithmetic over the claims written in a problem's steps, no network.
// It reports only what it can prove wrong (see findMistake.ts and rounding.ts) and says "unknown"
// for everything it cannot read with certainty. Any unexpected failure inside is "unknown" too.
import type { Problem } from '../document/types.ts';
import type { Engine, EngineInfo, Verdict } from '../engine/types.ts';
import { correctSolution } from './correctSolution.ts';
import { inspectProblem } from './findMistake.ts';

export class EmbeddedEngine implements Engine {
  readonly info: EngineInfo = { kind: 'embedded' };

  async check(problem: Problem, signal?: AbortSignal): Promise<Verdict> {
    signal?.throwIfAborted();
    return this.checkSync(problem);
  }

  checkSync(problem: Problem): Verdict {
    try {
      const inspection = inspectProblem(problem);
      const finding = inspection.finding;
      if (!finding) {
        return inspection.verified > 0
          ? { status: 'correct', engine: this.info }
          : { status: 'unknown', engine: this.info, reason: 'no computation the verifier can check' };
      }
      let extra: ReturnType<typeof correctSolution> = {};
      try {
        // Offered only when it holds up: no slip left and the final answer carried through.
        extra = correctSolution(problem, inspection.readings, finding);
      } catch {
        // A correction is a bonus: the finding stands without it.
      }
      return {
        status: 'wrong',
        engine: this.info,
        stepIndex: finding.stepIndex,
        kind: finding.kind,
        explanation: finding.explanation,
        hint: finding.hint,
        ...(finding.span ? { span: finding.span } : {}),
        ...(extra.correction ? { correction: extra.correction } : {}),
        ...(extra.related ? { related: extra.related } : {}),
        ...(extra.withheld ? { correctionWithheld: `No corrected solution is offered: ${extra.withheld}.` } : {}),
      };
    } catch {
      return { status: 'unknown', engine: this.info, reason: 'the verifier could not read this problem' };
    }
  }
}
