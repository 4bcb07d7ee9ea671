// One editor session: a temp folder holding a copy of the examples workspace, code-server with
// the packaged extension and the given user settings, and a browser page on the workbench.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './config.ts';
import { launchBrowser, type BrowserSession } from './browser.ts';
import { startCodeServer, type CodeServer } from './codeServer.ts';
import type { Toolchain } from './install.ts';
import { Workbench } from './workbench.ts';

export interface Session {
  workbench: Workbench;
  /** The workspace folder (a copy; scenarios may edit it). */
  workspace: string;
  /** Where `lemaTutor.log.path` points. */
  logPath: string;
  codeServer: CodeServer;
  /** Errors the page threw (kept for failure reports). */
  pageErrors: string[];
  /** Tails of code-server's output, the extension host log and the LeMa Tutor output channel. */
  logs(): string;
  close(): Promise<void>;
}

export interface SessionOptions {
  toolchain: Toolchain;
  vsix: string;
  /** `lemaTutor.*` settings added to the defaults below. */
  settings?: Record<string, unknown>;
  /** More files for the workspace, by name (there before the editor opens, so Quick Open finds them). */
  files?: Record<string, string>;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const root = mkdtempSync(join(tmpdir(), 'lema-editor-'));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  copyFileSync(join(repoRoot, 'examples', 'homework.md'), join(workspace, 'homework.md'));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(workspace, name), text);
  const logPath = join(root, 'corrections.jsonl');
  const userSettings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'editor.hover.delay': 200,
    'editor.minimap.enabled': false,
    // Scenarios save explicitly (and check the file on disk).
    'files.autoSave': 'off',
    'remote.autoForwardPorts': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'lemaTutor.log.path': logPath,
    ...options.settings,
  };
  let codeServer: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  const cleanup = async (): Promise<void> => {
    await browser?.close();
    await codeServer?.stop();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    codeServer = await startCodeServer({ toolchain: options.toolchain, root, vsix: options.vsix, userSettings });
    browser = await launchBrowser(options.toolchain.chromium);
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const workbench = new Workbench(page);
    await workbench.open(codeServer.folderUrl(workspace));
    const logs = (): string => collectLogs(root, codeServer?.logTail() ?? '');
    return { workbench, workspace, logPath, codeServer, pageErrors, logs, close: cleanup };
  } catch (error) {
    const tail = codeServer?.logTail();
    await cleanup();
    throw Object.assign(error as Error, tail ? { logTail: tail } : {});
  }
}

const LOG_TAIL = 3000;

/** The logs worth reading when a step fails: code-server's output, exthost.log, LeMa Tutor's channel. */
function collectLogs(root: string, codeServerTail: string): string {
  const parts = [`--- code-server output (tail) ---\n${codeServerTail.slice(-LOG_TAIL)}`];
  let files: string[] = [];
  try {
    files = readdirSync(join(root, 'user-data', 'logs'), { recursive: true, encoding: 'utf8' });
  } catch {
    // No logs written yet.
  }
  for (const file of files.filter((name) => /exthost\.log$|LeMa/i.test(name)).sort()) {
    try {
      const text = readFileSync(join(root, 'user-data', 'logs', file), 'utf8');
      parts.push(`--- ${file} (tail) ---\n${text.slice(-LOG_TAIL)}`);
    } catch {
      // A folder or an unreadable file.
    }
  }
  return parts.join('\n');
}
