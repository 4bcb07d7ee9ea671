import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { EngineState } from '../../../server/protocol.ts';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { messageOf, ours, startLspSession, type LspSession } from '../../support/lspClient.ts';

// Arithmetic is right everywhere; the reasoning in step 2 is not (she gave away 5, not 3).
const question = 'Lena has 12 stickers and gives 5 to a friend. Then she buys 4 more. How many stickers does she have?';
const doc = (n: number) =>
  `## Stickers ${n}\n\nQuestion: ${question}\n\n1. Lena starts with 12 stickers.\n2. After giving some away she has 12 - 3 = 9 stickers.\n3. After buying more she has 9 + 4 = 13 stickers.\n4. The answer is 13.\n`;
const correction =
  ' Step 2.\nExplanation: Lena gives away 5 stickers, not 3, so she has 12 - 5 = 7 stickers.\nCorrect Solution:\n{\n...\nStep 2: After giving some away she has 12 - 5 = 7 stickers.\nStep 3: After buying more she has 7 + 4 = 11 stickers.\nStep 4: The answer is 11.\n}';

const storage = mkdtempSync(join(tmpdir(), 'lema-model-lsp-'));
after(() => rmSync(storage, { recursive: true, force: true }));

const fromModel = (d: Diagnostic) => /model lema-test/.test(d.source ?? '');
const modelFlag = (p: PublishDiagnosticsParams) => ours(p.diagnostics).some((d) => fromModel(d) && !/still writing/.test(messageOf(d)));

describe('the model engine behind the language server', () => {
  let endpoint: OpenAITestServer;
  before(async () => {
    endpoint = await OpenAITestServer.start({ answer: () => correction, ttftMs: 20, tokensPerSecond: 2000 });
  });
  after(async () => {
    await endpoint.close();
  });

  const start = () =>
    startLspSession({
      settings: { debounceMs: 10, model: { endpoint: endpoint.url, name: 'lema-test', style: 'completion', timeoutMs: 60_000, retries: 0 } },
      initializationOptions: { trusted: true, storagePath: storage },
    });

  async function open(lsp: LspSession, uri: string, text: string, accept: (p: PublishDiagnosticsParams) => boolean) {
    const published = lsp.nextDiagnostics(uri, accept, 15_000);
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return published;
  }

  test('a reasoning mistake found by the model becomes a diagnostic that names the model', async () => {
    const lsp = await start();
    try {
      const published = await open(lsp, 'file:///m/one.md', doc(1), modelFlag);
      const [d] = ours(published.diagnostics);
      assert.equal(d!.code, 'reasoning');
      assert.deepEqual(d!.range.start, { line: 5, character: 3 });
      assert.match(messageOf(d!), /^Step 2 of .* looks wrong: /);
      assert.equal(d!.source, 'LeMa Tutor · model lema-test');
      await lsp.waitForNotification<EngineState>('lemaTutor/engineState', (s) => s.state === 'ready' && s.model === 'lema-test');
      const body = endpoint.answerRequests.at(-1)!.body!;
      assert.match(String(body.prompt), /Step 2: After giving some away she has 12 - 3 = 9 stickers\.\n/);
      assert.match(String(body.prompt), /Incorrect Step:$/);
    } finally {
      await lsp.close();
    }
  });

  test('the step is shown as soon as the model names it, before its explanation has arrived', async () => {
    const slow = await OpenAITestServer.start({ answer: () => correction, ttftMs: 50, tokensPerSecond: 40 });
    const lsp = await startLspSession({
      settings: { model: { endpoint: slow.url, name: 'lema-test', timeoutMs: 10_000 } },
      initializationOptions: { trusted: true },
    });
    try {
      const uri = 'file:///m/early.md';
      const early = open(lsp, uri, doc(4), (p) => ours(p.diagnostics).some((d) => /still writing/.test(messageOf(d))));
      const complete = lsp.nextDiagnostics(uri, modelFlag, 20_000);
      const first = await early;
      assert.equal(ours(first.diagnostics)[0]!.range.start.line, 5, 'on step 2 already');
      const final = await complete;
      assert.match(ours(final.diagnostics)[0]!.source!, /model lema-test/);
    } finally {
      await lsp.close();
      await slow.close();
    }
  });

  test('saving right after typing asks the model about the saved text', async () => {
    const lsp = await startLspSession({
      settings: { debounceMs: 5_000, model: { endpoint: endpoint.url, name: 'lema-test', trigger: 'openAndSave' } },
      initializationOptions: { trusted: true, storagePath: storage },
    });
    try {
      const uri = 'file:///m/typed.md';
      await open(lsp, uri, '# Notes\n', () => true);
      const before = endpoint.answerRequests.length;
      // New content (titles are not part of a problem's content), and a long typing pause:
      // without the save, nothing would be checked for 5 s.
      const typed = doc(5).replace('Lena has 12 stickers', 'Lena has 15 stickers');
      await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: typed }] });
      const flagged = lsp.nextDiagnostics(uri, modelFlag, 20_000);
      await lsp.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      await flagged;
      assert.equal(endpoint.answerRequests.length, before + 1);
      assert.match(String(endpoint.answerRequests.at(-1)!.body!.prompt), /Lena has 15 stickers/);
    } finally {
      await lsp.close();
    }
  });

  test('reopening an unchanged document asks the endpoint nothing (disk cache)', async () => {
    const before = endpoint.answerRequests.length;
    const lsp = await start();
    try {
      await open(lsp, 'file:///m/again.md', doc(1), modelFlag);
      assert.equal(endpoint.answerRequests.length, before);
    } finally {
      await lsp.close();
    }
  });

  test('an endpoint that goes down: embedded diagnostics stay, the state says why, checks resume by themselves', async () => {
    const lsp = await start();
    try {
      endpoint.down = { kind: 'status', status: 503, message: 'overloaded' };
      // An arithmetic slip in step 3 that the embedded verifier proves on its own.
      const text = doc(2).replace('9 + 4 = 13', '9 + 4 = 14');
      const uri = 'file:///m/down.md';
      const embedded = await open(lsp, uri, text, (p) => ours(p.diagnostics).length > 0);
      assert.match(ours(embedded.diagnostics)[0]!.source!, /embedded verifier/);
      const down = await lsp.waitForNotification<EngineState>('lemaTutor/engineState', (s) => s.state === 'unreachable');
      assert.match(down.reason ?? '', /503|overloaded/);

      const recovered = lsp.nextDiagnostics(uri, modelFlag, 20_000);
      endpoint.down = undefined;
      const published = await recovered;
      assert.equal(ours(published.diagnostics)[0]!.code, 'reasoning', 'the model found the earlier step once back');
    } finally {
      endpoint.down = undefined;
      await lsp.close();
    }
  });

  test('an untrusted workspace never calls the endpoint', async () => {
    const before = endpoint.requests.length;
    const lsp = await startLspSession({
      settings: { model: { endpoint: endpoint.url, name: 'lema-test' } },
      initializationOptions: { trusted: false, storagePath: storage },
    });
    try {
      await open(lsp, 'file:///m/untrusted.md', doc(3).replace('9 + 4 = 13', '9 + 4 = 15'), (p) => ours(p.diagnostics).length > 0);
      await lsp.waitForNotification<EngineState>('lemaTutor/engineState', (s) => s.state === 'embedded-only');
      assert.equal(endpoint.requests.length, before);
    } finally {
      await lsp.close();
    }
  });
});
