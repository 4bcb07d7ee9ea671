// LSP and CLI tests spawn dist/: they must know when it is older than what it is built from.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { staleDist } from '../../../scripts/distFreshness.mjs';

const root = mkdtempSync(join(tmpdir(), 'lema-dist-'));
after(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, seconds: number): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), seconds, seconds);
}

test('dist/ is stale when a bundle is missing or any source, the lock file or the build script is newer', () => {
  file('server/lsp/startServer.ts', 100);
  file('extension/extension.ts', 100);
  file('package.json', 100);
  file('scripts/build.mjs', 100);
  assert.equal(staleDist(root), 'dist/server.js is missing');
  for (const bundle of ['dist/server.js', 'dist/cli.js', 'dist/extension.js']) file(bundle, 200);
  assert.equal(staleDist(root), undefined);
  file('server/store/deep/newer.ts', 300);
  assert.equal(staleDist(root), 'server/store/deep/newer.ts is newer than dist/');
  file('dist/server.js', 400);
  file('dist/cli.js', 400);
  assert.match(staleDist(root) ?? '', /newer than dist/, 'the oldest bundle counts');
  file('dist/extension.js', 400);
  assert.equal(staleDist(root), undefined);
  file('package-lock.json', 500);
  assert.equal(staleDist(root), 'package-lock.json is newer than dist/');
});
