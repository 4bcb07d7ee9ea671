// The editor and the CLI cannot disagree: diagnostics published over real JSON-RPC, for documents
// and edits that used to split them, equal `lema-tutor check`'s output for the same texts; and a
// large document is read in slices, so a hover on another document is answered before it is done.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { messageOf, startLspSession, type LspSession } from '../../support/lspClient.ts';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';
import { prng, Random, randomDocument, randomEdit } from '../document/randomDocuments.ts';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

const hardCases = [
  'x\r\r\n## P\n\nQuestion: q?\n\n1. 9 × 2 = 19.',
  '## A\n\nQ?\n\n1. 1 + 1 = 2\n\n<!-- lema-tutor: ignore-next-step -->\n## P\n\nQ?\n\n1. 9 × 2 = 19\n',
  '- ## P\n\n  Q?\n\n1. 9 × 2 = 19\n\n## Q\n\nQ?\n\n1. 3 × 3 = 10\n',
  '## A\n\nQ?\n\n1. 1 + 1 = 3\n\n<!-- lema-tutor:\noff\n-->\n\n## B\n\nQ?\n\n1. 9 × 2 = 19\n\n<!-- lema-tutor: on -->\n\n## C\n\nQ?\n\n1. 2 × 2 = 5\n',
];

/** `file:line:col: severity: message` for every diagnostic, as the CLI prints them. */
function fromDiagnostics(name: string, diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.source?.startsWith('LeMa Tutor'))
    .map((d) => {
      // Lines, not columns: the editor underlines the wrong part of the step, the CLI points at the step.
      const at = `${name}:${d.range.start.line + 1}`;
      // The editor names the engine in the source (`LeMa Tutor · embedded verifier`), the CLI after the message.
      const engine = d.source!.split(' · ')[1];
      return d.code === 'skipped' ? `${at}: hint: ${messageOf(d).replace(/^Not checked/, 'not checked')}` : `${at}: warning: ${messageOf(d)} (${engine})`;
    })
    .sort();
}

describe('the editor and the CLI over the same reader', () => {
  let lsp: LspSession;
  const dir = mkdtempSync(join(tmpdir(), 'lema-editor-cli-'));
  before(async () => {
    lsp = await startLspSession({ settings: { debounceMs: 0 } });
  });
  after(async () => {
    await lsp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('editor diagnostics after each edit equal `check` on the same text', async () => {
    const r = new Random(prng(8));
    const documents = [...hardCases, ...Array.from({ length: 4 }, () => randomDocument(r, 40))];
    const editor = new Map<string, string[]>();
    const texts = new Map<string, string>();
    for (const [d, initial] of documents.entries()) {
      const uri = `file:///work/differential-${d}.md`;
      let text = initial;
      for (let version = 1; version <= 4; version++) {
        const name = `doc${d}-v${version}.md`;
        writeFileSync(join(dir, name), text);
        texts.set(name, text);
        const published = lsp.nextDiagnostics(uri, (p) => p.version === version);
        if (version === 1) {
          await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
        } else {
          await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        }
        editor.set(name, fromDiagnostics(name, (await published).diagnostics));
        text = randomEdit(r, text);
      }
    }
    const run = spawnSync(process.execPath, [CLI, 'check', '--exit-zero', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const cli = new Map<string, string[]>([...editor.keys()].map((name) => [name, []]));
    for (const line of run.stdout.trim().split('\n').filter(Boolean)) {
      cli.get(line.slice(0, line.indexOf(':')))!.push(line.replace(/^([^:]+:\d+):\d+:/, '$1:'));
    }
    for (const [name, lines] of editor) {
      // A file with no problem that has steps is no solution to the editor: it gets no hints at all.
      const solution = parseSolutionDocument(texts.get(name)!).problems.some((p) => p.steps.length > 0);
      assert.deepEqual(lines, solution ? cli.get(name)!.sort() : [], name);
    }
    assert.ok([...editor.values()].some((lines) => lines.some((l) => l.includes('warning'))), 'some documents have mistakes');
  });

  test('a request on a small document is answered while a large one is being read', async () => {
    const small = 'file:///work/small.md';
    const smallText = '## Sum\n\nQuestion: q?\n\n1. 9 × 2 = 19\n';
    const ready = lsp.nextDiagnostics(small);
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'markdown', version: 1, text: smallText } });
    const smallDiagnostics = (await ready).diagnostics;

    const problem = (i: number) => `## Problem ${i}\n\nQuestion: what is ${i} times 3?\n\nSolution:\n${i} * 3 = <<${i}*3=${3 * i}>>${3 * i}\n#### ${3 * i}\n\n`;
    const large = 'file:///work/large.md';
    const largeText = Array.from({ length: 4000 }, (_, i) => problem(i)).join('') + '## Last\n\nQ?\n\n1. 2 × 2 = 5\n';
    const events: string[] = [];
    const largeDone = lsp.nextDiagnostics(large, undefined, 120_000).then((p) => {
      events.push('large document published');
      return p;
    });
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: large, languageId: 'markdown', version: 1, text: largeText } });
    // A code-action request (the light bulb on the small document) must not wait for the large one.
    const actions = (await lsp.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: small },
      range: smallDiagnostics[0]!.range,
      context: { diagnostics: smallDiagnostics },
    })) as CodeAction[];
    events.push('request answered');
    const published = await largeDone;
    assert.deepEqual(events, ['request answered', 'large document published']);
    assert.ok(actions.some((a) => /step 1/.test(a.title)), actions.map((a) => a.title).join(', '));
    // Read in slices, the large document still gets every problem: the last one's slip is flagged.
    const flagged = published.diagnostics.filter((d) => d.code !== 'skipped');
    assert.deepEqual(flagged.map((d) => d.range.start.line), [4000 * 8 + 4]);
  });
});
