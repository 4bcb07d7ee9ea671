// The embedded verifier in tutor mode, as a student meets it: open the homework, see the first
// wrong step squiggled and listed in Problems, reveal the explanation, apply the correction, and
// find the accepted correction in the log.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../config.ts';
import type { ScenarioGroup, StepContext } from '../scenario.ts';
import { correctionRecordSchema } from '../../../server/store/record.ts';
import { waitForLogRecords, waitForText } from '../logFile.ts';
import { SQUIGGLES } from '../workbench.ts';

/** The homework's first problem multiplies 9 × 2 wrongly in its first step. */
const WRONG_STEP_TEXT = '9 × 2 = 19';

/** The bakery problem's section of the homework, heading to the next heading. */
function bakery(text: string): string {
  return text.slice(text.indexOf('## 1. Bakery'), text.indexOf('## 2.'));
}

async function openHomework({ session, figures, screenshot }: StepContext): Promise<void> {
  const { workbench } = session;
  const opened = await workbench.openFile('homework.md');
  figures.set('open homework.md → editor shown', Date.now() - opened);
  await workbench.statusItem('LeMa:').waitFor();
  figures.set('open homework.md → LeMa status item', Date.now() - opened);
  await workbench.squiggles().first().waitFor();
  figures.set('open homework.md → first embedded diagnostic', Date.now() - opened);
  await screenshot('01-homework-squiggle');
  figures.set('activation (activate(), as VS Code measures it)', await workbench.activationTime('LeMa Tutor'));
  await workbench.page.locator('.tabs-container .tab.active', { hasText: 'homework.md' }).waitFor();
}

async function problemsPanel({ session, screenshot }: StepContext): Promise<void> {
  const rows = await session.workbench.problems();
  const ours = rows.filter({ hasText: 'LeMa Tutor' });
  await ours.first().waitFor();
  const texts = await ours.allInnerTexts();
  assert.ok(
    texts.some((text) => /Step 1 of "1\. Bakery" looks wrong: check the multiplication\./.test(text)),
    `no Problems row for step 1 of the bakery problem; rows: ${JSON.stringify(texts)}`,
  );
  await screenshot('02-problems-panel');
}

async function revealExplanation({ session, screenshot }: StepContext): Promise<void> {
  const { workbench } = session;
  const { page } = workbench;
  const peek = await workbench.goToNextProblem();
  assert.match(peek, /Step 1 of "1\. Bakery" looks wrong/, 'F8 did not land on the bakery mistake');
  const fixes = await workbench.quickFixes();
  const explain = fixes.filter({ hasText: /Explain the mistake in step 1/ });
  await explain.first().waitFor();
  // Tutor mode: explaining comes before correcting.
  const order = await fixes.allInnerTexts();
  assert.match(order[0] ?? '', /Explain the mistake in step 1/, `quick fixes in this order: ${JSON.stringify(order)}`);
  await screenshot('03a-quick-fix-explain');
  await explain.first().click();
  await page.locator('.actionList').waitFor({ state: 'hidden' });
  // The diagnostic now carries the explanation instead of the hint.
  const rows = await workbench.problems();
  await rows.filter({ hasText: 'Step 1 of "1. Bakery" is wrong' }).first().waitFor();
  const hover = await workbench.hoverFirstSquiggle();
  await hover.filter({ hasText: 'Corrected answer' }).waitFor();
  const hoverText = await hover.innerText();
  // Each thing once: the explanation (the message) and the corrected answer (our hover).
  assert.equal(hoverText.split('9 × 2 is 18').length - 1, 1, `the explanation is not shown exactly once: ${hoverText}`);
  assert.equal(hoverText.split('Corrected answer').length - 1, 1, `hover: ${hoverText}`);
  assert.match(hoverText, /\$54/, `the hover has no corrected answer: ${hoverText}`);
  await screenshot('03b-explanation-hover');
  await page.keyboard.press('Escape');
}

async function applyCorrection(context: StepContext): Promise<void> {
  const { session, screenshot } = context;
  const { workbench } = session;
  const { page } = workbench;
  const before = await workbench.squiggles().count();
  assert.ok((await workbench.editorText()).includes(WRONG_STEP_TEXT), `the editor does not show "${WRONG_STEP_TEXT}"`);
  await workbench.goToNextProblem();
  const fixes = await workbench.quickFixes();
  // Explained: the fix says what it changes.
  const apply = fixes.filter({ hasText: 'Replace "9 × 2 = 19" with "9 × 2 = 18" and recompute steps 2–3' });
  await apply.first().waitFor();
  await screenshot('04a-quick-fix-apply');
  await apply.first().click();
  await page.locator('.actionList').waitFor({ state: 'hidden' });
  await page.locator('.editor-instance .monaco-editor .view-lines', { hasNotText: WRONG_STEP_TEXT }).first().waitFor();
  // The fixed problem's squiggle goes; the other problems keep theirs.
  await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(SQUIGGLES)}).length < ${before}`);
  await workbench.save();
  const original = readFileSync(join(repoRoot, 'examples', 'homework.md'), 'utf8');
  const onDisk = await waitForText(
    join(session.workspace, 'homework.md'),
    // A write lands in pieces (truncate, then data): wait for the whole file, tail included.
    (text) => text !== original && text.endsWith(original.slice(-80)),
    'the corrected file was not saved',
  );
  assert.ok(!bakery(onDisk).includes(WRONG_STEP_TEXT), `the saved file still has the wrong step:\n${bakery(onDisk)}`);
  assert.match(bakery(onDisk), /9 × 2 = 18[\s\S]*\$54/, `the saved bakery solution is not corrected:\n${bakery(onDisk)}`);
  assert.equal(onDisk.replace(bakery(onDisk), ''), original.replace(bakery(original), ''), 'text outside the bakery problem changed');
  const rows = await workbench.problems();
  await rows.filter({ hasText: 'LeMa Tutor' }).first().waitFor();
  await rows.filter({ hasText: /9 × 2|value 19/ }).first().waitFor({ state: 'detached' });
  await screenshot('04b-correction-applied');
}

async function correctionsLog({ session, screenshot }: StepContext): Promise<void> {
  const records = await waitForLogRecords(session.logPath, 1);
  const parsed = records.map((record) => correctionRecordSchema.parse(record));
  const accepted = parsed.filter((r) => r.action === 'accepted' && r.question.includes('bakery'));
  assert.ok(accepted.length > 0, `no accepted bakery correction in the log: ${JSON.stringify(records).slice(0, 600)}`);
  for (const record of accepted) {
    assert.equal(record.incorrectStep, 1);
    assert.equal(record.mode, 'tutor');
    assert.match((record.correctedSteps ?? []).join(' '), /18/);
  }
  console.log(`    log: ${parsed.map((r) => `${r.action}${r.humanVerified ? ' (human-verified)' : ''} step ${r.incorrectStep}`).join('; ')}`);
  // The person finds it through the command too.
  await session.workbench.command('LeMa Tutor: Open Corrections Log');
  await session.workbench.page.locator('.tabs-container .tab.active', { hasText: 'corrections.jsonl' }).waitFor();
  await session.workbench.page.locator('.editor-instance .view-lines', { hasText: 'bakery' }).first().waitFor();
  await screenshot('05-corrections-log');
}

export const embeddedGroup: ScenarioGroup = {
  name: 'embedded verifier, tutor mode',
  prepare: async () => ({
    settings: { 'lemaTutor.engine': 'embedded', 'lemaTutor.mode': 'tutor' },
    steps: [
      { name: '01-open-homework', run: openHomework },
      { name: '02-problems-panel', run: problemsPanel },
      { name: '03-reveal-explanation', run: revealExplanation },
      { name: '04-apply-correction', run: applyCorrection },
      { name: '05-corrections-log', run: correctionsLog },
    ],
    dispose: async () => undefined,
  }),
};
