// Resolves `check`'s arguments (files, folders, `-`) to documents, with one clear error per bad input.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import type { CliIo } from './io.ts';
import { UsageError } from './io.ts';

export const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd']);
/**
 * Files are not even read past this size. Below it, a document over the parser's limit
 * (5 M characters) is reported with a "not checked" note instead.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface InputDocument {
  /** As printed: relative to the working directory, or `<stdin>`. */
  name: string;
  text: string;
}

export async function* readInputs(paths: string[], io: CliIo): AsyncGenerator<InputDocument> {
  for (const path of paths) {
    if (path === '-') {
      yield { name: '<stdin>', text: decodeText(Buffer.from(await io.readStdin(), 'utf8'), '<stdin>') };
      continue;
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${path}: ${describeFsError(error)}`);
    });
    if (info.isDirectory()) {
      for (const file of await markdownFilesUnder(path)) yield await readDocument(file, io);
    } else {
      yield await readDocument(path, io);
    }
  }
}

async function readDocument(path: string, io: CliIo): Promise<InputDocument> {
  const name = relative(io.cwd, path) || path;
  const info = await stat(path);
  if (info.size > MAX_FILE_BYTES) {
    throw new UsageError(`${name}: ${(info.size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; not checked`);
  }
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${name}: ${describeFsError(error)}`);
  });
  return { name, text: decodeText(bytes, name) };
}

/** Text is UTF-8 without NUL bytes; anything else is reported, not guessed at. */
function decodeText(bytes: Buffer, name: string): string {
  if (bytes.includes(0)) throw new UsageError(`${name} is not a text file (it contains NUL bytes)`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UsageError(`${name} is not UTF-8 text`);
  }
}

async function markdownFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && MARKDOWN_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.split(/[\\/]/).includes('node_modules'))
    .sort();
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error.message;
  }
}
