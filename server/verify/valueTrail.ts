// Where the values of a solution came from, for a correction that follows values, not text.
// Every claim from the wrong step on "produces" its result; a number read later refers to the
// latest result with its value. Only a number whose latest origin was corrected changes, so an
// equal number with another origin (`2 * 4 = 8 cm` after a wrong `5 - 1 = 8 hours`) is kept.
import { equal, type Exact } from './math/exact.ts';

/** A trail longer than this stops growing: later results are not followed (the check then fails). */
const MAX_ORIGINS = 2000;

interface Origin {
  /** Where the result stands: a key that orders positions through the solution (see `at`). */
  at: number;
  /** The value as the solution wrote it. */
  written: Exact;
  /** Its corrected value, when the correction changed it. */
  corrected?: Exact;
  /** Written as a fraction (`2/6`): only fractions refer to it, and it is no origin for `0.5` or `48/4`. */
  fraction: boolean;
}

export class ValueTrail {
  private readonly origins: Origin[] = [];

  /** Records a result written at `at` and, when it changed, its corrected value. */
  produce(at: number, written: Exact, corrected?: Exact, fraction = false): void {
    if (this.origins.length >= MAX_ORIGINS) return;
    this.origins.push(corrected && !equal(corrected, written) ? { at, written, corrected, fraction } : { at, written, fraction });
  }

  /** The corrected value of a number (or `fraction`) read at `at`, when its latest origin before it was corrected. */
  correctedValue(at: number, written: Exact, fraction = false): Exact | undefined {
    return this.lookup(at, written, fraction).corrected;
  }

  /**
   * The latest origin's correction, and whether an earlier origin of the same value was corrected
   * while the latest was not (`3 * 3 = 6` corrected, then `5 + 1 = 6`: a later 6 may mean either).
   */
  lookup(at: number, written: Exact, fraction = false): { corrected?: Exact; shadowed: boolean } {
    let best: Origin | undefined;
    let anyCorrected = false;
    for (const origin of this.origins) {
      if (origin.fraction !== fraction || origin.at >= at || !equal(origin.written, written)) continue;
      if (origin.corrected) anyCorrected = true;
      if (!best || origin.at >= best.at) best = origin;
    }
    return best?.corrected ? { corrected: best.corrected, shadowed: false } : { shadowed: anyCorrected };
  }
}

/** The order key of offset `offset` in step `step` (steps are far shorter than this). */
export function at(step: number, offset: number): number {
  return step * 1_000_000 + offset;
}
