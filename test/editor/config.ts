// Pinned versions, folders and time limits of the editor test (`npm run test:editor`).
// Everything the harness installs goes into a cache folder outside the repository.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** code-server publishes VS Code for the browser on the npm registry; 4.139.x needs Node 24. */
export const CODE_SERVER_VERSION = '4.139.1';
/** Node 24 as an npm package (binary plus the headers node-gyp needs for code-server's native modules). */
export const NODE_PACKAGE_VERSION = '24.21.0';
/**
 * Debian packages: the browser (its recommended fonts come along), the Kerberos headers code-server's
 * `kerberos` module compiles against, and the compilers node-gyp drives.
 */
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'g++', 'make', 'python3'] as const;
export const CHROMIUM_PATH = process.env.LEMA_EDITOR_CHROMIUM ?? '/usr/bin/chromium';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const cacheDir = resolve(process.env.LEMA_EDITOR_CACHE ?? join(homedir(), '.cache', 'lema-tutor-editor'));
export const artifactsDir = resolve(process.env.LEMA_EDITOR_ARTIFACTS ?? join(repoRoot, '.artifacts', 'editor'));

/** Time limits in milliseconds; every wait in the harness is bounded by one of these. */
export const limits = {
  /** The whole run, first install included. */
  total: Number(process.env.LEMA_EDITOR_TOTAL_MS ?? 20 * 60_000),
  aptInstall: 10 * 60_000,
  npmInstall: 12 * 60_000,
  packageVsix: 3 * 60_000,
  installExtension: 2 * 60_000,
  codeServerStart: 60_000,
  /** Workbench visible after navigation. */
  workbench: 90_000,
  /** Any single UI condition inside a scenario. */
  ui: 30_000,
  /** A whole scenario. */
  scenario: 3 * 60_000,
} as const;
