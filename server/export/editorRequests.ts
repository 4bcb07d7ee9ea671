// What the language server answers to the editor's log requests (Requests.exportLog and
// Requests.logStats in protocol.ts), so the server only passes the log path through.
import type { ExportLogParams, ExportLogResult, LogStats } from '../protocol.ts';
import { CorrectionStore } from '../store/correctionStore.ts';
import { computeStats } from '../store/stats.ts';
import { StoreError } from '../store/storeError.ts';
import { ExportError, exportToFile, storeSource } from './exportLog.ts';

/** Never throws: a failure comes back as `{ ok: false, message }` a person can act on. */
export async function exportLogForEditor(logPath: string, params: ExportLogParams): Promise<ExportLogResult> {
  try {
    const result = await exportToFile(storeSource(new CorrectionStore(logPath)), { format: params.format }, params.outPath);
    return {
      ok: true,
      path: params.outPath,
      written: result.written,
      skipped: result.skipped,
      superseded: result.superseded,
      duplicates: result.duplicates,
    };
  } catch (error) {
    if (error instanceof StoreError || error instanceof ExportError) return { ok: false, message: error.message };
    return { ok: false, message: `cannot export the corrections log: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Counts for the statistics view; a missing log gives zeros. Throws StoreError when the log cannot be read. */
export async function logStatsForEditor(logPath: string): Promise<LogStats> {
  const { humanVerified: _humanVerified, ...stats } = await computeStats(new CorrectionStore(logPath).read(), 20);
  return stats;
}
