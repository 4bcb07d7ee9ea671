// Whether dist/ is older than what it is built from. Tests that spawn dist/server.js or dist/cli.js
// must never exercise a stale build: the test runner rebuilds when this says so, and the LSP test
// client refuses to start a stale server.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const outputs = ['dist/server.js', 'dist/cli.js', 'dist/extension.js'];
const sourceFolders = ['server', 'extension'];
const sourceFiles = ['package.json', 'package-lock.json', 'scripts/build.mjs'];

function newest(root, dir, best) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest(root, path, best);
    else if (entry.isFile()) {
      const time = statSync(join(root, path)).mtimeMs;
      if (time > best.time) Object.assign(best, { time, path });
    }
  }
  return best;
}

/** Undefined when every bundle is newer than every source; else why not, in words. */
export function staleDist(root) {
  let oldest = Infinity;
  for (const output of outputs) {
    try {
      oldest = Math.min(oldest, statSync(join(root, output)).mtimeMs);
    } catch {
      return `${output} is missing`;
    }
  }
  const best = { time: 0, path: '' };
  for (const folder of sourceFolders) newest(root, folder, best);
  for (const file of sourceFiles) {
    const time = statSync(join(root, file), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (time > best.time) Object.assign(best, { time, path: file });
  }
  return best.time > oldest ? `${relative(root, join(root, best.path))} is newer than dist/` : undefined;
}
