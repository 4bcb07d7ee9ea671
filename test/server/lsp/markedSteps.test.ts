// "Step k is correct" leaves a trace the person can find and undo: listed with its problem and step,
// shown as their decision in the problems summary, undone one by one or all at once, kept over restarts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { MarkedStep, ProblemSummary } from '../../../server/protocol.ts';
import { codeActionsFor, ours, startLspSession, type LspSession } from '../../support/lspClient.ts';

const storage = mkdtempSync(join(tmpdir(), 'lema-marks-'));
after(() => rmSync(storage, { recursive: true, force: true }));

const text = (result: number) =>
  ['## Muffins', '', 'Question: A bakery sold 9 boxes with 2 muffins each. How many muffins?', '', `1. It sold 9 × 2 = ${result} muffins.`, `2. The answer is ${result}.`, ''].join('\n');

async function openFlagged(lsp: LspSession, uri: string, content: string) {
  const published = lsp.nextDiagnostics(uri, (p) => ours(p.diagnostics).length > 0);
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: content } });
  return ours((await published).diagnostics);
}

async function markCorrect(lsp: LspSession, uri: string, content: string) {
  const diagnostics = await openFlagged(lsp, uri, content);
  const actions = await codeActionsFor(lsp, uri, diagnostics);
  const correct = actions.find((a) => a.title === 'Step 1 is correct (stop flagging it)');
  const cleared = lsp.nextDiagnostics(uri, (p) => ours(p.diagnostics).length === 0);
  await lsp.connection.sendRequest('workspace/executeCommand', correct!.command);
  await cleared;
}

test('a marked step is listed, shown as the person\'s decision, undone, and forgotten', async () => {
  const lsp = await startLspSession({ settings: { debounceMs: 0, log: { enabled: false } }, initializationOptions: { storagePath: storage } });
  try {
    const uri = 'file:///work/marks.md';
    await markCorrect(lsp, uri, text(19));
    const marks = (await lsp.connection.sendRequest('lemaTutor/markedSteps')) as MarkedStep[];
    assert.equal(marks.length, 1);
    assert.deepEqual({ ...marks[0], id: undefined }, { id: undefined, stepIndex: 0, title: 'Muffins', stepText: 'It sold 9 × 2 = 19 muffins.', uri, line: 4 });

    const [summary] = (await lsp.connection.sendRequest('lemaTutor/documentProblems', { uri })) as ProblemSummary[];
    assert.equal(summary!.status, 'marked', 'not "nothing proven"');
    assert.equal(summary!.stepIndex, 0);

    const flaggedAgain = lsp.nextDiagnostics(uri, (p) => ours(p.diagnostics).length === 1);
    assert.deepEqual(await lsp.connection.sendRequest('lemaTutor/unmarkStep', { id: marks[0]!.id }), { removed: true });
    await flaggedAgain;
    assert.deepEqual(await lsp.connection.sendRequest('lemaTutor/markedSteps'), []);
    assert.deepEqual(await lsp.connection.sendRequest('lemaTutor/unmarkStep', { id: marks[0]!.id }), { removed: false });

    await markCorrect(lsp, 'file:///work/marks-2.md', text(21));
    const back = lsp.nextDiagnostics('file:///work/marks-2.md', (p) => ours(p.diagnostics).length === 1);
    assert.deepEqual(await lsp.connection.sendRequest('lemaTutor/forgetMarkedSteps'), { forgotten: 1 });
    await back;
  } finally {
    await lsp.close();
  }
});

test('marks and their labels survive a restart', async () => {
  const first = await startLspSession({ settings: { debounceMs: 0, log: { enabled: false } }, initializationOptions: { storagePath: storage } });
  try {
    await markCorrect(first, 'file:///work/kept.md', text(23));
  } finally {
    await first.close();
  }
  const second = await startLspSession({ settings: { debounceMs: 0 }, initializationOptions: { storagePath: storage } });
  try {
    const marks = (await second.connection.sendRequest('lemaTutor/markedSteps')) as MarkedStep[];
    assert.deepEqual(marks.map((m) => [m.title, m.stepText]), [['Muffins', 'It sold 9 × 2 = 23 muffins.']]);
  } finally {
    await second.close();
  }
});
