// Which log records an export takes: by action, human verification, engine and time.
import type { CorrectionRecord } from '../store/record.ts';

export interface RecordFilter {
  /** Default both. */
  records?: 'accepted' | 'rejected' | 'both';
  /** Only records whose corrected steps are the ones the person saved. */
  humanVerified?: boolean;
  /** `embedded`, `model` (any model), or a model name. */
  engine?: string;
  /** Records at or after this instant. */
  since?: Date;
  /** Records before this instant (parseDateOption makes a bare date mean "up to the end of that day"). */
  until?: Date;
}

export function matchesFilter(record: CorrectionRecord, filter: RecordFilter): boolean {
  const records = filter.records ?? 'both';
  if (records !== 'both' && record.action !== records) return false;
  if (filter.humanVerified && !record.humanVerified) return false;
  if (filter.engine !== undefined) {
    const engine = record.engine;
    if (filter.engine === 'embedded' || filter.engine === 'model') {
      if (engine.kind !== filter.engine) return false;
    } else if (engine.kind !== 'model' || engine.model !== filter.engine) {
      return false;
    }
  }
  if (filter.since || filter.until) {
    const time = Date.parse(record.time);
    if (filter.since && time < filter.since.getTime()) return false;
    if (filter.until && time >= filter.until.getTime()) return false;
  }
  return true;
}

/**
 * Parses `--since` / `--until`: an ISO date (`2026-11-23`, a whole UTC day) or date-time. For
 * `until` a bare date means the end of that day, so `--since D --until D` is the whole day D.
 * Returns undefined for text that is not an ISO date.
 */
export function parseDateOption(text: string, edge: 'since' | 'until'): Date | undefined {
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (!bareDate && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.test(text)) return undefined;
  const date = new Date(bareDate ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime())) return undefined;
  if (bareDate && edge === 'until') return new Date(date.getTime() + 24 * 60 * 60 * 1000);
  if (!bareDate && edge === 'until') return new Date(date.getTime() + 1); // inclusive of the instant given
  return date;
}
