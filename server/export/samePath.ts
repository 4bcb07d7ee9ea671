// Whether two paths name the same file once links are resolved: the log reached through a linked
// folder and its real path are one file, and an export to either would replace it.
import { realpath } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';

/** The real path of `path`; for a file that does not exist yet, its real folder and its name. */
async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    try {
      return resolve(await realpath(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

export async function samePath(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  const [realA, realB] = await Promise.all([realPathOf(a), realPathOf(b)]);
  return realA === realB;
}
