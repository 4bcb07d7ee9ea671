// A step still being typed is not judged: its diagnostic waits until the cursor leaves the line (the
// client's lemaTutor/cursorMoved notification) or a long pause passes. Waits on published events.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { messageOf, ours, startLspSession, type LspSession } from '../../support/lspClient.ts';

const question = ['## Tables', '', 'Question: What is 7 times 8, plus 4?', '', '1. '];
const typed = (step: string) => [...question.slice(0, -1), `1. ${step}`, '2. The answer is 60.', ''].join('\n');
const STEP_LINE = 4;

describe('holding back the step being typed', () => {
  let lsp: LspSession;
  let counter = 0;

  before(async () => {
    // A reveal delay no test waits out: only the cursor releases a held line here.
    lsp = await startLspSession({ settings: { debounceMs: 0, revealIssuesAfterDelayMs: 60_000 } });
  });
  after(async () => {
    await lsp.close();
  });

  async function openAt(content: string, line: number) {
    const uri = `file:///work/typing-${++counter}.md`;
    const opened = lsp.nextDiagnostics(uri);
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: content } });
    await opened;
    await lsp.connection.sendNotification('lemaTutor/cursorMoved', { uri, line });
    return uri;
  }
  const edit = async (uri: string, version: number, content: string) => {
    const published = lsp.nextDiagnostics(uri, (p) => p.version === version);
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: content }] });
    return published;
  };
  const move = (uri: string, line: number, accept: (p: PublishDiagnosticsParams) => boolean) => {
    const published = lsp.nextDiagnostics(uri, accept);
    void lsp.connection.sendNotification('lemaTutor/cursorMoved', { uri, line });
    return published;
  };

  test('typing `7 × 8 = 5` on its line shows nothing; leaving the line shows the mistake', async () => {
    const uri = await openAt(typed(''), STEP_LINE);
    const half = await edit(uri, 2, typed('7 × 8 = 5'));
    assert.deepEqual(ours(half.diagnostics), [], 'a half-typed step is not judged');
    const left = await move(uri, STEP_LINE + 1, (p) => ours(p.diagnostics).length > 0);
    assert.match(messageOf(ours(left.diagnostics)[0]!), /^Step 1 of "Tables" looks wrong/);
  });

  test('finishing the step on its line leaves no flag behind, and none appears on leaving', async () => {
    const uri = await openAt(typed(''), STEP_LINE);
    assert.deepEqual(ours((await edit(uri, 2, typed('7 × 8 = 5'))).diagnostics), []);
    assert.deepEqual(ours((await edit(uri, 3, typed('7 × 8 = 56, and 56 + 4 = 60.'))).diagnostics), []);
    // The cursor leaves: nothing was held (the step is right), so nothing new is published; a later
    // edit elsewhere republishes and still shows no mistake.
    await lsp.connection.sendNotification('lemaTutor/cursorMoved', { uri, line: 0 });
    const later = await edit(uri, 4, typed('7 × 8 = 56, and 56 + 4 = 60.').replace('## Tables', '## Times tables'));
    assert.deepEqual(ours(later.diagnostics), []);
  });

  test('a flag already shown on a line goes while that line is typed again', async () => {
    const content = typed('7 × 8 = 55');
    const uri = `file:///work/typing-${++counter}.md`;
    const opened = lsp.nextDiagnostics(uri, (p) => ours(p.diagnostics).length > 0);
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: content } });
    await opened;
    await lsp.connection.sendNotification('lemaTutor/cursorMoved', { uri, line: STEP_LINE });
    assert.deepEqual(ours((await edit(uri, 2, typed('7 × 8 = 5'))).diagnostics), [], 'the stale squiggle does not stay');
  });

  test('typing on another line does not hide a mistake elsewhere', async () => {
    const uri = await openAt(typed('7 × 8 = 54'), 0);
    const published = await edit(uri, 2, typed('7 × 8 = 54').replace('## Tables', '## Tables!'));
    assert.equal(ours(published.diagnostics).length, 1);
  });
});

describe('revealing after a pause, and switching the hold off', () => {
  test('a held step is shown once the reveal delay has passed, without the cursor moving', async () => {
    const lsp = await startLspSession({ settings: { debounceMs: 0, revealIssuesAfterDelayMs: 50 } });
    try {
      const uri = 'file:///work/typing-pause.md';
      const opened = lsp.nextDiagnostics(uri);
      await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: typed('') } });
      await opened;
      await lsp.connection.sendNotification('lemaTutor/cursorMoved', { uri, line: STEP_LINE });
      const held = lsp.nextDiagnostics(uri, (p) => p.version === 2);
      const revealed = lsp.nextDiagnostics(uri, (p) => p.version === 2 && ours(p.diagnostics).length > 0);
      await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: typed('7 × 8 = 5') }] });
      assert.deepEqual(ours((await held).diagnostics), []);
      assert.equal(ours((await revealed).diagnostics).length, 1);
    } finally {
      await lsp.close();
    }
  });

  test('hideIssuesWhileTyping: false judges the line at once', async () => {
    const lsp = await startLspSession({ settings: { debounceMs: 0, hideIssuesWhileTyping: false } });
    try {
      const uri = 'file:///work/typing-off.md';
      const opened = lsp.nextDiagnostics(uri);
      await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: typed('') } });
      await opened;
      await lsp.connection.sendNotification('lemaTutor/cursorMoved', { uri, line: STEP_LINE });
      const published = lsp.nextDiagnostics(uri, (p) => p.version === 2);
      await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: typed('7 × 8 = 5') }] });
      assert.equal(ours((await published).diagnostics).length, 1);
    } finally {
      await lsp.close();
    }
  });
});
