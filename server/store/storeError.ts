// The one error the corrections log throws: a message a person can act on, naming the file and
// what went wrong in words ("read-only file system"), with the system code kept for callers.

const reasons: Record<string, string> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the path is a folder, not a file',
  ENAMETOOLONG: 'the path is too long',
  ELOCKED: 'another process holds the log lock for too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    message: string,
    /** The log file concerned. */
    readonly path: string,
    /** The system error code (EROFS, ENOSPC, ...), when there was one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** A system error in words ("read-only file system"), or its message. */
export function fsErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
}

/** Wraps any failure of `verb` (e.g. "write", "read") on the log at `path` into a StoreError. */
export function storeError(verb: string, path: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new StoreError(`cannot ${verb} the corrections log at ${path}: ${fsErrorReason(error)}`, path, code);
}
