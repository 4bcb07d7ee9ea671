import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { codeActionsFor, ours, startLspSession, type LspSession } from '../../support/lspClient.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A solution whose first step says 9 × 2 = `wrong`; the later steps follow from it consistently. */
const variant = (wrong: number) =>
  `## Sum\n\nQuestion: Ann has 9 bags of 2 pears and eats 1. How many pears are left?\n\n1. She has 9 × 2 = ${wrong} pears.\n2. She has ${wrong} − 1 = ${wrong - 1} pears left.\n3. The answer is ${wrong - 1}.\n`;
const text = variant(19);

async function openFlagged(lsp: LspSession, uri: string, content = text) {
  const published = lsp.nextDiagnostics(uri, (p) => ours(p.diagnostics).length > 0);
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: content } });
  return ours((await published).diagnostics);
}

function records(path: string) {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

/** Applies a code action as an editor does: the edit, then its command. */
async function apply(lsp: LspSession, uri: string, action: CodeAction, before: string) {
  const change = action.edit!.documentChanges![0] as unknown as { edits: { range: never; newText: string }[] };
  const after = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, before), change.edits);
  await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: after }] });
  await lsp.connection.sendRequest('workspace/executeCommand', action.command);
  return after;
}

describe('training-data log over LSP', () => {
  test('applying a correction records it; saving records the human-verified steps', async () => {
    const logPath = join(dir, 'applied.jsonl');
    const lsp = await startLspSession({ settings: { log: { path: logPath } }, initializationOptions: { trusted: true } });
    try {
      const uri = 'file:///home/student/work/sheet.md';
      const diagnostics = await openFlagged(lsp, uri);
      const fix = (await codeActionsFor(lsp, uri, diagnostics)).find((a) => a.edit !== undefined)!;
      const fixed = await apply(lsp, uri, fix, text);
      const [accepted] = records(logPath);
      assert.equal(accepted.action, 'accepted');
      assert.equal(accepted.incorrectStep, 1);
      assert.equal(accepted.humanVerified, false);
      assert.deepEqual(accepted.engine, { kind: 'embedded' });
      assert.match(accepted.correctedSteps[0], /9 × 2 = 18/);
      assert.equal(accepted.documentPath, 'sheet.md', 'no absolute path');

      // The person edits the corrected text further, then saves.
      const edited = fixed.replace('pears left.', 'pears remain.');
      const republished = lsp.nextDiagnostics(uri, (p) => p.version === 3);
      await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: edited }] });
      await republished;
      await lsp.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const stats = (await lsp.connection.sendRequest('lemaTutor/logStats')) as { total: number; accepted: number };
      // Two records, one thing the person did: the saved version supersedes the applied one.
      assert.equal(records(logPath).length, 2);
      assert.deepEqual([stats.total, stats.accepted], [1, 1]);
      const verified = records(logPath)[1];
      assert.equal(verified.humanVerified, true);
      assert.equal(verified.supersedes, accepted.id);
      assert.ok(verified.correctedSteps.some((s: string) => s.includes('pears remain')));
    } finally {
      await lsp.close();
    }
  });

  test('"This step is correct" records a rejection; export and delete work through requests', async () => {
    const logPath = join(dir, 'rejected.jsonl');
    const lsp = await startLspSession({ settings: { log: { path: logPath } } });
    try {
      const uri = 'file:///tmp/reject.md';
      const diagnostics = await openFlagged(lsp, uri, variant(17));
      const reject = (await codeActionsFor(lsp, uri, diagnostics)).find((a) => /is correct/.test(a.title))!;
      await lsp.connection.sendRequest('workspace/executeCommand', reject.command);
      assert.equal(records(logPath)[0].action, 'rejected');

      const location = (await lsp.connection.sendRequest('lemaTutor/logLocation')) as { path: string; exists: boolean; enabled: boolean };
      assert.deepEqual(location, { path: logPath, exists: true, enabled: true });
      const out = join(dir, 'export.jsonl');
      const exported = (await lsp.connection.sendRequest('lemaTutor/exportLog', { format: 'trl-dpo', outPath: out })) as { ok: boolean };
      assert.equal(exported.ok, true);
      const bad = (await lsp.connection.sendRequest('lemaTutor/exportLog', { format: 'nope', outPath: out })) as { ok: boolean; message: string };
      assert.equal(bad.ok, false);
      const deleted = (await lsp.connection.sendRequest('lemaTutor/deleteLog')) as { deleted: boolean };
      assert.equal(deleted.deleted, true);
      assert.equal(existsSync(logPath), false);
    } finally {
      await lsp.close();
    }
  });

  test('an untrusted workspace records nothing', async () => {
    const logPath = join(dir, 'untrusted.jsonl');
    const lsp = await startLspSession({ settings: { log: { path: logPath } }, initializationOptions: { trusted: false } });
    try {
      const uri = 'file:///tmp/untrusted.md';
      const diagnostics = await openFlagged(lsp, uri, variant(16));
      const fix = (await codeActionsFor(lsp, uri, diagnostics)).find((a) => a.edit !== undefined)!;
      await apply(lsp, uri, fix, variant(16));
      const location = (await lsp.connection.sendRequest('lemaTutor/logLocation')) as { enabled: boolean; exists: boolean };
      assert.deepEqual([location.enabled, location.exists], [false, false]);
    } finally {
      await lsp.close();
    }
  });

  test('an unwritable log location gives a clear warning and the editor keeps working', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const lsp = await startLspSession({ settings: { log: { path: join(blocker, 'corrections.jsonl') } } });
    try {
      const warned = new Promise<{ message: string }>((resolve) => lsp.connection.onNotification('window/showMessage', resolve));
      const uri = 'file:///tmp/readonly.md';
      const content = variant(15);
      const diagnostics = await openFlagged(lsp, uri, content);
      const fix = (await codeActionsFor(lsp, uri, diagnostics)).find((a) => a.edit !== undefined)!;
      await apply(lsp, uri, fix, content);
      assert.match((await warned).message, /could not record the correction: .*corrections\.jsonl/);
      const cleared = await lsp.nextDiagnostics(uri, (p) => p.version === 2);
      assert.deepEqual(ours(cleared.diagnostics), []);
    } finally {
      await lsp.close();
    }
  });

  test('trust fails closed: no options, or a `trusted` that is not true, records nothing', async () => {
    for (const [name, initializationOptions] of [['none', {}], ['a string', { trusted: 'yes' }], ['null', { trusted: null }]] as const) {
      const logPath = join(dir, `trust-${name.replace(' ', '-')}.jsonl`);
      const lsp = await startLspSession({ settings: { log: { path: logPath } }, initializationOptions });
      try {
        const uri = `file:///tmp/trust-${name.replace(' ', '-')}.md`;
        const diagnostics = await openFlagged(lsp, uri, variant(14));
        const fix = (await codeActionsFor(lsp, uri, diagnostics)).find((a) => a.edit !== undefined)!;
        await apply(lsp, uri, fix, variant(14));
        const location = (await lsp.connection.sendRequest('lemaTutor/logLocation')) as { enabled: boolean };
        assert.equal(location.enabled, false, `${name}: not enabled`);
        assert.equal(existsSync(logPath), false, `${name}: nothing written`);
      } finally {
        await lsp.close();
      }
    }
  });

  test('the same command for the same version is one decision, recorded once; malformed arguments are reported', async () => {
    const logPath = join(dir, 'twice.jsonl');
    const lsp = await startLspSession({ settings: { log: { path: logPath } } });
    try {
      const uri = 'file:///tmp/twice.md';
      const diagnostics = await openFlagged(lsp, uri, variant(13));
      const reject = (await codeActionsFor(lsp, uri, diagnostics)).find((a) => /is correct/.test(a.title))!;
      await lsp.connection.sendRequest('workspace/executeCommand', reject.command);
      await lsp.connection.sendRequest('workspace/executeCommand', reject.command);
      assert.equal(records(logPath).length, 1);

      const [args] = reject.command!.arguments as [{ verdict: { stepIndex: number } }];
      const warned = lsp.waitForNotification<{ message: string }>('window/showMessage');
      await lsp.connection.sendRequest('workspace/executeCommand', {
        command: 'lemaTutor.server.correctionApplied',
        arguments: [{ ...args, verdict: { ...args.verdict, stepIndex: 99 } }],
      });
      assert.match((await warned).message, /could not record the correction: .*malformed arguments \(verdict\.stepIndex\)/);
      assert.equal(records(logPath).length, 1);
    } finally {
      await lsp.close();
    }
  });

  test('a workspace log that a cloned repository ships as a link is refused with a warning; its target is untouched', async () => {
    const workspace = join(dir, 'cloned');
    mkdirSync(join(workspace, '.lema-tutor'), { recursive: true });
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'keep me\n');
    symlinkSync(target, join(workspace, '.lema-tutor', 'corrections.jsonl'));
    const lsp = await startLspSession({ settings: { log: { location: 'workspace' } }, workspaceFolders: [pathToFileURL(workspace).href] });
    try {
      const uri = pathToFileURL(join(workspace, 'sheet.md')).href;
      const warned = lsp.waitForNotification<{ message: string }>('window/showMessage');
      const diagnostics = await openFlagged(lsp, uri, variant(12));
      const fix = (await codeActionsFor(lsp, uri, diagnostics)).find((a) => a.edit !== undefined)!;
      await apply(lsp, uri, fix, variant(12));
      assert.match((await warned).message, /could not record the correction: .*symbolic link; LeMa Tutor does not write through links/);
      assert.equal(readFileSync(target, 'utf8'), 'keep me\n');
    } finally {
      await lsp.close();
    }
  });
});
