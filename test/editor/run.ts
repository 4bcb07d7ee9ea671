// `npm run test:editor`: installs the toolchain (cached), packages the extension, then drives
// LeMa Tutor in code-server through Chromium, scenario group by group, and reports each step,
// the figures measured and, for a failure, the logs. Exit status 1 when any step failed.
// Environment: LEMA_EDITOR_CACHE (toolchain folder), LEMA_EDITOR_ARTIFACTS (screenshots, logs),
// LEMA_EDITOR_VSIX (use this .vsix instead of `npm run package`), LEMA_EDITOR_ONLY (run the groups
// whose name contains it: "embedded", "tutoring", "model"), LEMA_EDITOR_TOTAL_MS, LEMA_EDITOR_CHROMIUM.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, cacheDir, limits, repoRoot } from './config.ts';
import { ensureToolchain, type Toolchain } from './install.ts';
import { CommandError, killRunningCommands, runCommand } from './proc.ts';
import type { Figures, ScenarioGroup, StepOutcome } from './scenario.ts';
import { openSession, type Session } from './session.ts';
import { embeddedGroup } from './scenarios/embedded.ts';
import { modelGroup } from './scenarios/model.ts';
import { tutoringGroup } from './scenarios/tutoring.ts';

const groups: ScenarioGroup[] = [embeddedGroup, tutoringGroup, modelGroup];
const openSessions = new Set<Session>();
const startedAt = Date.now();

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Rejects after `ms` with a message naming what took too long. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${seconds(ms)}`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function packageVsix(): Promise<string> {
  const given = process.env.LEMA_EDITOR_VSIX;
  if (given) return given;
  console.log('[editor] npm run package ...');
  await runCommand('npm', ['run', '-s', 'package'], { cwd: repoRoot, timeoutMs: limits.packageVsix });
  const vsix = readdirSync(repoRoot)
    .filter((name) => name.endsWith('.vsix'))
    .map((name) => join(repoRoot, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!vsix) throw new Error('npm run package produced no .vsix in the repository root');
  return vsix;
}

async function runGroup(group: ScenarioGroup, toolchain: Toolchain, vsix: string, figures: Figures): Promise<StepOutcome[]> {
  console.log(`\n[editor] ${group.name}`);
  const prepared = await group.prepare();
  const outcomes: StepOutcome[] = [];
  let session: Session | undefined;
  try {
    session = await openSession({ toolchain, vsix, settings: prepared.settings, files: prepared.files });
    openSessions.add(session);
  } catch (error) {
    const message = (error as Error).message;
    const tail = (error as { logTail?: string }).logTail;
    console.log(`  could not open the editor: ${message}${tail ? `\n--- code-server output (tail) ---\n${tail}` : ''}`);
    await prepared.dispose();
    return prepared.steps.map((step) => ({ step: step.name, status: 'failed', ms: 0, error: `editor did not open: ${message}` }));
  }
  const live = session;
  let blocked: string | undefined;
  for (const step of prepared.steps) {
    if (blocked) {
      outcomes.push({ step: step.name, status: 'skipped', reason: `after ${blocked} failed` });
      console.log(`  - ${step.name}: skipped (after ${blocked} failed)`);
      continue;
    }
    const stepStarted = Date.now();
    try {
      await within(
        limits.scenario,
        step.name,
        step.run({
          session: live,
          figures,
          screenshot: async (name) => {
            await live.workbench.screenshot(name);
          },
        }),
      );
      outcomes.push({ step: step.name, status: 'passed', ms: Date.now() - stepStarted });
      console.log(`  ✓ ${step.name} (${seconds(Date.now() - stepStarted)})`);
    } catch (error) {
      const message = (error as Error).message;
      outcomes.push({ step: step.name, status: 'failed', ms: Date.now() - stepStarted, error: message });
      blocked = step.name;
      console.log(`  ✗ ${step.name}: ${message}`);
      await live.workbench.screenshot(`${step.name}-FAILED`).catch(() => undefined);
      const logs = live.logs();
      writeFileSync(join(artifactsDir, `${step.name}-FAILED.log`), `${message}\n\n${logs}\n${live.pageErrors.join('\n')}`);
      console.log(logs.replace(/^/gm, '    | '));
    }
  }
  openSessions.delete(live);
  await live.close();
  await prepared.dispose();
  return outcomes;
}

async function main(): Promise<number> {
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  console.log(`[editor] cache: ${cacheDir}`);
  const toolchain = await ensureToolchain();
  console.log(`[editor] toolchain ready after ${seconds(Date.now() - startedAt)}`);
  const packaging = Date.now();
  const vsix = await packageVsix();
  console.log(`[editor] ${vsix} ready after ${seconds(Date.now() - packaging)}`);
  if (!existsSync(vsix)) throw new Error(`no .vsix at ${vsix}`);
  const figures: Figures = new Map();
  const outcomes: StepOutcome[] = [];
  const only = process.env.LEMA_EDITOR_ONLY;
  for (const group of groups.filter((g) => !only || g.name.includes(only))) {
    outcomes.push(...(await runGroup(group, toolchain, vsix, figures)));
  }
  console.log('\n[editor] figures');
  for (const [name, ms] of figures) console.log(`  ${name}: ${ms} ms`);
  const failed = outcomes.filter((o) => o.status === 'failed');
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  const passed = outcomes.length - failed.length - skipped.length;
  console.log(
    `\n[editor] ${passed} passed, ${failed.length} failed, ${skipped.length} skipped in ${seconds(Date.now() - startedAt)}; screenshots in ${artifactsDir}`,
  );
  writeFileSync(join(artifactsDir, 'results.json'), JSON.stringify({ outcomes, figures: Object.fromEntries(figures) }, null, 2));
  return failed.length > 0 ? 1 : 0;
}

/** Ends everything this run started: installs in progress, code-server instances, browsers. */
async function closeAll(): Promise<void> {
  killRunningCommands();
  await Promise.all([...openSessions].map((session) => session.close().catch(() => undefined)));
}

const overall = setTimeout(() => {
  console.error(`[editor] the whole run passed its limit of ${seconds(limits.total)} (LEMA_EDITOR_TOTAL_MS); stopping`);
  for (const session of openSessions) console.error(session.logs());
  void closeAll().finally(() => process.exit(1));
}, limits.total);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[editor] ${signal}: stopping`);
    void closeAll().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    clearTimeout(overall);
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    clearTimeout(overall);
    console.error(`[editor] ${(error as Error).message}`);
    if (error instanceof CommandError && error.outputTail) console.error(error.outputTail);
    await closeAll();
    process.exitCode = 1;
  });
