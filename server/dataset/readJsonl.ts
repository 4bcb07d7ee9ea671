// Streams a JSONL file one validated record at a time (readline, never the whole file in memory).
// Problems are reported as a DatasetError naming the file and line, so a person can fix the line.
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { z } from 'zod';

export class DatasetError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly line?: number,
  ) {
    super(line === undefined ? `cannot read ${path}: ${message}` : `${path}:${line}: ${message}`);
  }
}

export interface JsonlRecord<T> {
  /** 1-based line number in the file. */
  line: number;
  /** 0-based position among the records (blank lines are not records). */
  index: number;
  record: T;
}

export async function* readJsonl<S extends z.ZodType>(path: string, schema: S): AsyncGenerator<JsonlRecord<z.infer<S>>> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new DatasetError(reason(error), path);
  }
  const lines = createInterface({ input: handle.createReadStream({ encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  let index = 0;
  try {
    for await (const raw of lines) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new DatasetError(`not valid JSON (${reason(error)})`, path, line);
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) throw new DatasetError(describeIssues(parsed.error), path, line);
      yield { line, index: index++, record: parsed.data };
    }
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(reason(error), path);
  } finally {
    lines.close();
    await handle.close();
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'record'}: ${issue.message}`)
    .join('; ');
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return message;
}
