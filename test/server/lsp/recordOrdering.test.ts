// Applying a correction records it whatever reaches the server first: the command, or the re-check
// of the edited text (issue: with debounceMs 0 the re-check won, and nothing was recorded).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { codeActionsFor, ours, startLspSession, type LspSession } from '../../support/lspClient.ts';

const dir = mkdtempSync(join(tmpdir(), 'lema-order-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Five problems, each with a wrong first step (9 × 2 = wrong) carried consistently to its answer. */
const wrongs = [19, 17, 16, 15, 14];
const problem = (k: number, wrong: number) =>
  `## Pears ${k}\n\nQuestion: Ann ${k} has 9 bags of 2 pears and eats 1. How many pears are left?\n\n1. She has 9 × 2 = ${wrong} pears.\n2. She has ${wrong} − 1 = ${wrong - 1} pears left.\n3. The answer is ${wrong - 1}.\n`;
const workbook = wrongs.map((wrong, k) => problem(k + 1, wrong)).join('\n');

type Order = 'recheck first' | 'command first';

/** Opens the workbook and applies each problem's correction in turn, as an editor does. */
async function applyAll(lsp: LspSession, uri: string, order: Order): Promise<void> {
  let text = workbook;
  let version = 1;
  let diagnostics: Diagnostic[] = ours(
    (
      await (() => {
        const first = lsp.nextDiagnostics(uri, (p) => p.version === 1);
        void lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
        return first;
      })()
    ).diagnostics,
  );
  for (let remaining = wrongs.length; remaining > 0; remaining--) {
    assert.equal(diagnostics.length, remaining);
    const fix = (await codeActionsFor(lsp, uri, [diagnostics[0]!])).find((a) => a.edit !== undefined)!;
    const change = fix.edit!.documentChanges![0] as unknown as { edits: { range: never; newText: string }[] };
    text = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', version, text), change.edits);
    version++;
    const rechecked = lsp.nextDiagnostics(uri, (p) => p.version === version);
    await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    if (order === 'recheck first') {
      // The server has checked the edited text: the problem the command names is gone from it.
      diagnostics = ours((await rechecked).diagnostics);
      await lsp.connection.sendRequest('workspace/executeCommand', fix.command);
    } else {
      await lsp.connection.sendRequest('workspace/executeCommand', fix.command);
      diagnostics = ours((await rechecked).diagnostics);
    }
  }
}

function records(path: string) {
  return readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

describe('every applied correction is recorded, whatever runs first', () => {
  for (const debounceMs of [0, 200]) {
    for (const order of ['recheck first', 'command first'] as const) {
      test(`debounceMs ${debounceMs}, ${order}: 5 of 5 recorded, each describing the text before its edit, and verified on save`, async () => {
        const logPath = join(dir, `${debounceMs}-${order.replace(' ', '-')}.jsonl`);
        const lsp = await startLspSession({ settings: { debounceMs, log: { path: logPath } } });
        try {
          const uri = `file:///tmp/order-${debounceMs}-${order.replace(' ', '-')}.md`;
          await applyAll(lsp, uri, order);
          // Saving makes each applied correction human-verified, superseding its first record.
          await lsp.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
          const stats = (await lsp.connection.sendRequest('lemaTutor/logStats')) as { accepted: number; total: number };
          // Counts are of what a person did: a verified record and the one it supersedes count once.
          assert.deepEqual([stats.accepted, stats.total], [5, 5]);
          const all = records(logPath);
          assert.equal(all.length, 10);
          const verified = all.filter((r) => r.humanVerified);
          const logged = all.filter((r) => !r.humanVerified);
          assert.deepEqual(verified.map((r) => r.supersedes).sort(), logged.map((r) => r.id).sort());
          assert.deepEqual(logged.map((r) => r.question).sort(), wrongs.map((_, k) => `Ann ${k + 1} has 9 bags of 2 pears and eats 1. How many pears are left?`).sort());
          for (const record of logged) {
            const wrong = wrongs[Number(/Ann (\d)/.exec(record.question)![1]) - 1]!;
            assert.equal(record.action, 'accepted');
            assert.equal(record.incorrectStep, 1);
            assert.equal(record.originalSteps[0], `She has 9 × 2 = ${wrong} pears.`);
            assert.equal(record.originalAnswer, String(wrong - 1));
            assert.match(record.correctedSteps[0], /9 × 2 = 18/);
            assert.equal(record.correctedAnswer, '17');
            assert.equal(record.documentPath, uri.split('/').pop());
          }
        } finally {
          await lsp.close();
        }
      });
    }
  }
});
