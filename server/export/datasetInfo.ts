// The `dataset_info.json` entry LLaMA-Factory needs to load an alpaca export: the file name and
// which columns hold the instruction, the input and the output. Written next to the export,
// merged into an existing dataset_info.json (other entries are kept).
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface DatasetInfoEntry {
  file_name: string;
  formatting: 'alpaca';
  columns: { prompt: 'instruction'; query: 'input'; response: 'output' };
}

/** Entry name from the file name: `corrections.train.jsonl` -> `corrections_train`. */
function datasetName(filePath: string): string {
  return basename(filePath).replace(/\.jsonl?$/i, '').replace(/[^A-Za-z0-9_-]+/g, '_') || 'lema_corrections';
}

export function datasetInfoEntries(filePaths: string[]): Record<string, DatasetInfoEntry> {
  const entries: Record<string, DatasetInfoEntry> = {};
  for (const path of filePaths) {
    entries[datasetName(path)] = {
      file_name: basename(path),
      formatting: 'alpaca',
      columns: { prompt: 'instruction', query: 'input', response: 'output' },
    };
  }
  return entries;
}

/**
 * Adds the entries to `dataset_info.json` in the folder of the first file. Returns its path.
 * An existing file that is not a JSON object is left alone (throws: the caller reports it).
 */
export async function writeDatasetInfo(filePaths: string[]): Promise<string> {
  const first = filePaths[0];
  if (!first) throw new Error('no export file to describe');
  const path = join(dirname(first), 'dataset_info.json');
  let existing: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path} is not a JSON object; left unchanged`);
    existing = parsed as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error instanceof SyntaxError ? new Error(`${path} is not valid JSON; left unchanged`) : error;
    }
  }
  const merged = { ...existing, ...datasetInfoEntries(filePaths) };
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(merged, null, 2) + '\n');
  await rename(temporary, path);
  return path;
}
