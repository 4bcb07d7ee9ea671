// Counts of the corrections log for `lema-tutor stats` and the editor's statistics view.
// Pure: it reads records and returns numbers; the caller decides where the records come from.
import type { LogStats, RecentCorrection } from '../protocol.ts';
import type { CorrectionRecord } from './record.ts';

/** The editor's LogStats (`recent`: newest first, at most `recentLimit`), plus the human-verified count. */
export interface CorrectionStats extends LogStats {
  humanVerified: number;
}

function engineKey(record: CorrectionRecord): string {
  return record.engine.kind === 'embedded' ? 'embedded' : `model:${record.engine.model}`;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export async function computeStats(
  records: AsyncIterable<CorrectionRecord> | Iterable<CorrectionRecord>,
  recentLimit = 20,
): Promise<CorrectionStats> {
  const stats: CorrectionStats = { total: 0, accepted: 0, rejected: 0, humanVerified: 0, byEngine: {}, byKind: {}, byDay: {}, recent: [] };
  // A human-verified record and the applied correction it supersedes are one thing the person did:
  // whichever of the two comes first is counted, the other only adds to humanVerified.
  const seen = new Set<string>();
  const replaced = new Set<string>();
  for await (const record of records) {
    if (record.humanVerified) stats.humanVerified++;
    const twin = (record.supersedes !== undefined && seen.has(record.supersedes)) || replaced.has(record.id);
    seen.add(record.id);
    if (record.supersedes !== undefined) replaced.add(record.supersedes);
    if (twin) continue;
    stats.total++;
    stats[record.action]++;
    bump(stats.byEngine, engineKey(record));
    bump(stats.byKind, record.kind);
    bump(stats.byDay, new Date(record.time).toISOString().slice(0, 10));
    keepRecent(stats.recent, record, recentLimit);
  }
  return stats;
}

/** Keeps the newest `limit` records, newest first, without holding the whole log. */
function keepRecent(recent: RecentCorrection[], record: CorrectionRecord, limit: number): void {
  if (limit <= 0) return;
  const time = Date.parse(record.time);
  const oldest = recent[recent.length - 1];
  if (recent.length >= limit && oldest && Date.parse(oldest.time) >= time) return;
  const entry: RecentCorrection = { time: record.time, question: record.question, step: record.incorrectStep - 1, kind: record.kind, action: record.action };
  let at = recent.findIndex((other) => Date.parse(other.time) < time);
  if (at === -1) at = recent.length;
  recent.splice(at, 0, entry);
  if (recent.length > limit) recent.pop();
}
