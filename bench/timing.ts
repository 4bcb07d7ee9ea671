// Small timing helpers shared by the benchmarks (never by tests: tests wait on events).
import type { Problem } from '../server/document/types.ts';
import type { ModelEngine } from '../server/model/modelEngine.ts';

/** The middle value (the upper middle for an even count); 0 for none. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Streams `runs` checks of `problem`: the time to the early "Step k." and to the whole answer, in ms. */
export async function timeStreamed(engine: ModelEngine, problem: Problem, runs: number): Promise<{ early: number[]; whole: number[] }> {
  const early: number[] = [];
  const whole: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    let first = NaN;
    await engine.checkStreaming(problem, { onStep: () => (first = performance.now() - started) });
    early.push(first);
    whole.push(performance.now() - started);
  }
  return { early, whole };
}
