// The tutoring experience of issue 11 in the real editor: a step typed key by key is not flagged while
// its line is being typed, a README is not checked, a step marked correct is listed and undone, the
// counts after an apply and a reject, and the endpoint settings on the tab where they can be set.
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { waitForLogRecords } from '../logFile.ts';
import type { ScenarioGroup, StepContext } from '../scenario.ts';
import { squiggleOnLine, type Workbench } from '../workbench.ts';


/** The LeMa Tutor side bar's tree rows (opened from the activity bar). */
async function lemaTree(workbench: Workbench): Promise<Locator> {
  const sidebar = workbench.page.locator('.part.sidebar');
  const title = sidebar.locator('.composite.title', { hasText: /LeMa Tutor/i });
  if (!(await title.isVisible())) await workbench.page.locator('.activitybar .action-label[aria-label^="LeMa Tutor"]').first().click();
  await title.waitFor();
  return sidebar.locator('.pane', { hasText: /^Problems/ }).locator('.monaco-list-row');
}

/**
 * Puts the cursor at `line:column` (1-based, as the status bar shows them) with Go to Line. F8 cannot
 * be used in a loop: from a marker's start it lands on that same marker again.
 */
async function goToPosition(workbench: Workbench, line: number, column: number): Promise<void> {
  await workbench.focusEditor();
  await workbench.page.keyboard.press('Control+g');
  const input = workbench.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await input.press('Enter');
  await workbench.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await workbench.statusItem(`Ln ${line}, Col ${column}`).waitFor();
}

async function typingIsNotJudged({ session, screenshot }: StepContext): Promise<void> {
  const { workbench } = session;
  const { page } = workbench;
  await workbench.openFile('homework.md');
  await workbench.squiggles().first().waitFor();
  await workbench.appendText('\n## 9. Tables\n\nQuestion: What is 7 times 8?\n\n');
  // Key by key, as a student types; `7 * 8 = 5` is half of `7 * 8 = 56`.
  await page.keyboard.type('1. 7 * 8 = 5', { delay: 30 });
  const tree = await lemaTree(workbench);
  // The server has checked the typed text (the view lists the new problem as wrong)...
  await tree.filter({ hasText: '9. Tables' }).filter({ hasText: 'step 1 wrong' }).first().waitFor();
  // ...and shows nothing on the line being typed.
  assert.equal(await page.evaluate(squiggleOnLine('7 * 8 = 5')), false, 'the step being typed is squiggled');
  await screenshot('08a-typing-not-judged');
  await workbench.focusEditor();
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(squiggleOnLine('7 * 8 = 5'));
  await screenshot('08b-left-the-line');
}

/** A project README with a worked example in it (a slip included) and headings over bullet lists. */
const README =
  '# Our course\n\n## Example\n\nQuestion: How many muffins are in 9 boxes of 2?\n\n1. There are 9 × 2 = 19 muffins.\n2. The answer is 19.\n\n## Install\n\nRun the setup.\n\n## Usage\n\n- Open a file.\n- Check it.\n';

async function readmeIsNotChecked({ session, screenshot }: StepContext): Promise<void> {
  const { workbench } = session;
  await workbench.openFile('README.md');
  await workbench.page.locator('.editor-instance .view-line', { hasText: 'Our course' }).first().waitFor();
  await workbench.command('LeMa Tutor: Check Document');
  await workbench.statusItem('LeMa Tutor: 0 problems').waitFor();
  assert.equal(await workbench.page.evaluate(squiggleOnLine('There are 9 × 2 = 19')), false, 'the README example is squiggled');
  const tree = await lemaTree(workbench);
  // The view says why: the README matches the default files.exclude.
  await workbench.page.locator('.part.sidebar .welcome-view-content', { hasText: 'This file is not checked: it matches' }).first().waitFor();
  assert.equal(await tree.filter({ hasText: 'Example' }).count(), 0, 'the README example is listed as a problem');
  await screenshot('09-readme-not-checked');
}

async function markAndUndo({ session, screenshot }: StepContext): Promise<void> {
  const { workbench } = session;
  const { page } = workbench;
  await workbench.openFile('homework.md');
  await workbench.squiggles().first().waitFor();
  // The wrong result `3,000` of step 2 of "3. Savings" (lines above the appended problem are unchanged).
  await goToPosition(workbench, 26, 34);
  const fixes = await workbench.quickFixes();
  await fixes.filter({ hasText: 'Step 2 is correct (stop flagging it)' }).first().click();
  await page.locator('.actionList').waitFor({ state: 'hidden' });
  const tree = await lemaTree(workbench);
  await tree.filter({ hasText: 'Marked correct by you (1)' }).first().waitFor();
  const mark = tree.filter({ hasText: 'Step 2 · 3. Savings' }).first();
  await mark.waitFor();
  await tree.filter({ hasText: '3. Savings' }).filter({ hasText: 'step 2 marked correct' }).first().waitFor();
  await screenshot('10a-marked-step-listed');
  // The row's inline action appears on hover, and the tree may re-render between the hover and the
  // click (diagnostics arrive in bursts), so a click can land on a row that is gone: try again, a
  // bounded number of times, until the marks group is gone.
  const group = tree.filter({ hasText: 'Marked correct by you' }).first();
  for (let attempt = 1; ; attempt++) {
    await mark.hover();
    await mark.locator('.action-label[aria-label^="Undo"]').click();
    const gone = await group.waitFor({ state: 'detached', timeout: 8_000 }).then(() => true, () => false);
    if (gone) break;
    // The undo went through and only the refresh is slow: wait for it rather than click again.
    if ((await mark.count()) === 0) {
      await group.waitFor({ state: 'detached' });
      break;
    }
    if (attempt === 4) throw new Error('the marked step is still listed after 4 clicks on its Undo action');
  }
  const rows = await workbench.problems();
  await rows.filter({ hasText: 'Step 2 of "3. Savings" looks wrong' }).first().waitFor();
  await screenshot('10b-mark-undone');
}

async function countsAfterApplyAndReject({ session, screenshot }: StepContext): Promise<void> {
  const { workbench } = session;
  const { page } = workbench;
  // The wrong result `19` of step 1 of "1. Bakery".
  await goToPosition(workbench, 9, 28);
  const fixes = await workbench.quickFixes();
  await fixes.filter({ hasText: 'Apply the correction' }).first().click();
  await page.locator('.actionList').waitFor({ state: 'hidden' });
  await page.locator('.editor-instance .monaco-editor .view-lines', { hasNotText: '9 × 2 = 19' }).first().waitFor();
  await workbench.save();
  // The rejection of step 10, the applied correction and its saved, human-verified version.
  const records = await waitForLogRecords(session.logPath, 3);
  assert.equal(records.length, 3, JSON.stringify(records).slice(0, 400));
  await workbench.command('LeMa Tutor: Show Corrections Statistics');
  const counts = page.locator('iframe.webview.ready').first().contentFrame().frameLocator('#active-frame').locator('p.counts');
  await counts.waitFor();
  // Three records, two things the person did: one applied (and saved), one rejected.
  assert.equal((await counts.innerText()).replace(/\s+/g, ' ').trim(), '2 corrections · 1 accepted · 1 rejected');
  await screenshot('11-counts-apply-and-reject');
}

async function remoteSettings({ session, screenshot }: StepContext): Promise<void> {
  const { workbench } = session;
  const { page } = workbench;
  await workbench.command('LeMa Tutor: Open Endpoint Settings');
  const editor = page.locator('.settings-editor');
  await editor.waitFor();
  // code-server is a remote window: machine settings live on the Remote tab, which is the one opened.
  await editor.locator('.settings-tabs-widget .checked', { hasText: /Remote/ }).first().waitFor();
  await editor.locator('.setting-item-contents', { hasText: 'Endpoint' }).first().waitFor();
  await screenshot('12-endpoint-settings-remote-tab');
}

export const tutoringGroup: ScenarioGroup = {
  name: 'tutoring (issue 11): typing, README, marks, counts, remote settings',
  prepare: async () => ({
    settings: { 'lemaTutor.engine': 'embedded', 'lemaTutor.mode': 'tutor' },
    files: { 'README.md': README },
    steps: [
      { name: '08-typing-not-judged', run: typingIsNotJudged },
      { name: '09-readme-not-checked', run: readmeIsNotChecked },
      { name: '10-mark-and-undo', run: markAndUndo },
      { name: '11-counts', run: countsAfterApplyAndReject },
      { name: '12-remote-settings', run: remoteSettings },
    ],
    dispose: async () => undefined,
  }),
};
