// Runs every test/**/*.test.ts with Node's own test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
// Tests spawn the built server and CLI: a dist/ older than the sources is rebuilt first, once.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { staleDist } from './distFreshness.mjs';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'vscode' || name === 'editor' ? [] : find(path);
    return path.endsWith('.test.ts') ? [path] : [];
  });
}

const stale = staleDist(process.cwd());
if (stale) {
  console.log(`Building first: ${stale}.`);
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const filter = process.argv[2];
const files = find('test').filter((f) => !filter || f.includes(filter)).sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
