// Self-consistency: the majority over n samples. Unreadable samples (undefined) do not vote.
export interface Vote<T> {
  /** The value most samples gave; undefined when no sample was readable. */
  winner: T | undefined;
  /** Samples that gave the winner. */
  count: number;
  /** Samples that gave a readable value. */
  voters: number;
  /** Samples asked. */
  total: number;
  /** Another value had as many votes as the winner (the earliest sample's value wins the tie). */
  tie: boolean;
  /** Each readable value with its count, most first. */
  tally: { value: T; count: number }[];
}

export function vote<T>(values: readonly (T | undefined)[], key: (value: T) => string = (v) => JSON.stringify(v)): Vote<T> {
  const counts = new Map<string, { value: T; count: number; first: number }>();
  values.forEach((value, i) => {
    if (value === undefined) return;
    const k = key(value);
    const entry = counts.get(k);
    if (entry) entry.count++;
    else counts.set(k, { value, count: 1, first: i });
  });
  const tally = [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first);
  const top = tally[0];
  const voters = tally.reduce((sum, t) => sum + t.count, 0);
  return {
    winner: top?.value,
    count: top?.count ?? 0,
    voters,
    total: values.length,
    tie: tally.length > 1 && tally[1]!.count === top!.count,
    tally: tally.map(({ value, count }) => ({ value, count })),
  };
}

/** A hint that the model is unsure, or undefined when the vote is clear enough (`minAgreement` of the samples asked). */
export function unsureNote<T>(result: Vote<T>, minAgreement: number, describe: (value: T) => string): string | undefined {
  if (result.total <= 1 || result.winner === undefined) return undefined;
  if (!result.tie && result.count / result.total >= minAgreement) return undefined;
  const parts = result.tally.map((t) => `${t.count} × ${describe(t.value)}`).join(', ');
  return `The model is unsure: ${result.count} of ${result.total} samples agree (${parts}${result.voters < result.total ? `, ${result.total - result.voters} unreadable` : ''}).`;
}
