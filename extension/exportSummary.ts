// The words of the export toast, counting what the person did: an applied correction and the
// version they saved are one correction (written once, as saved), not "left out".
import type { ExportLogResult } from '../server/protocol.ts';

type Exported = Extract<ExportLogResult, { ok: true }>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function exportSummary(result: Exported, fileName: string): string {
  const notes: string[] = [];
  // Skipped: records the format has no place for, such as a "step is correct" decision in an SFT format.
  if (result.skipped) notes.push(`${plural(result.skipped, 'record', 'records')} this format cannot use`);
  if (result.duplicates) notes.push(plural(result.duplicates, 'duplicate', 'duplicates'));
  const saved = result.superseded ? `, ${result.superseded} of them as you saved ${result.superseded === 1 ? 'it' : 'them'}` : '';
  const tail = notes.length > 0 ? `; left out: ${notes.join(', ')}` : '';
  return `LeMa Tutor: exported ${plural(result.written, 'correction', 'corrections')} to ${fileName}${saved}${tail}.`;
}
