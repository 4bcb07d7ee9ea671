// Reading batch output files and writing batch input files, with one-line errors.
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { batchOutputLineSchema, type BatchOutputLine, type BatchRequestLine } from './batchLines.ts';

export class BatchFileError extends Error {}

/** Output lines by custom_id, from every file given (later files win: a retry's output replaces a failure). */
export async function readBatchOutputs(paths: readonly { path: string; shown: string }[]): Promise<Map<string, BatchOutputLine>> {
  const outputs = new Map<string, BatchOutputLine>();
  for (const { path, shown } of paths) {
    let number = 0;
    try {
      const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
      for await (const raw of lines) {
        number++;
        if (raw.trim() === '') continue;
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          throw new BatchFileError(`${shown}:${number}: not JSON`);
        }
        const parsed = batchOutputLineSchema.safeParse(json);
        if (!parsed.success) throw new BatchFileError(`${shown}:${number}: not a batch output line (expected "custom_id", "response" and "error")`);
        const known = outputs.get(parsed.data.custom_id);
        // A success is never replaced by a later failure of the same request.
        if (!known || known.response?.status_code !== 200 || parsed.data.response?.status_code === 200) outputs.set(parsed.data.custom_id, parsed.data);
      }
    } catch (error) {
      if (error instanceof BatchFileError) throw error;
      throw new BatchFileError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  return outputs;
}

export async function writeBatchRequests(path: string, shown: string, lines: readonly BatchRequestLine[]): Promise<void> {
  try {
    await writeFile(path, lines.map((line) => JSON.stringify(line)).join('\n') + (lines.length > 0 ? '\n' : ''), 'utf8');
  } catch (error) {
    throw new BatchFileError(`cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
