// Where the values of a solution came from, for a correction that follows values, not text.
// Every claim from the wrong step on "produces" its result; a number read later refers to the
// latest result with its value. Only a number whose latest origin was corrected changes, so an
// equal number with another origin (`2 * 4 = 8 cm` after a wrong `5 - 1 = 8 hours`) is kept.
import { equal, type Exact } from './math/exact.ts';

/** A trail longer than this stops growing: later results are not followed (the check then fails). */
const MAX_ORIGINS = 2000;

interface Origin {
  /** The value as the solution wrote it. */
  written: Exact;
  /** Its corrected value, when the correction changed it. */
  corrected?: Exact;
}

export class ValueTrail {
  private readonly origins: Origin[] = [];

  /** Records a result as written and, when it changed, its corrected value. */
  produce(written: Exact, corrected?: Exact): void {
    if (this.origins.length >= MAX_ORIGINS) return;
    this.origins.push(corrected && !equal(corrected, written) ? { written, corrected } : { written });
  }

  /** The corrected value of a number read now, when its latest origin was corrected. */
  correctedValue(written: Exact): Exact | undefined {
    for (let i = this.origins.length - 1; i >= 0; i--) {
      const origin = this.origins[i]!;
      if (equal(origin.written, written)) return origin.corrected;
    }
    return undefined;
  }
}
