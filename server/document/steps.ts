// Work done as steps: a generator yields the work done since its last yield (in units of about
// one character read), so that a caller can stop between steps and let other work run (the
// server, checkInSlices.ts), or run it straight to its end (the CLI).

/** Runs a step generator to its end: the synchronous result. */
export function runToEnd<T>(steps: Generator<number, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
