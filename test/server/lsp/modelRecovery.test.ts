// Over real LSP: model diagnostics follow the engine setting and workspace trust, a broken answer
// does not leave its "still writing" placeholder up, and settings typed one keystroke at a time
// cause one round of requests. Every wait is on a notification, never on elapsed time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { EngineState } from '../../../server/protocol.ts';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { messageOf, ours, startLspSession, type LspSession } from '../../support/lspClient.ts';

// Arithmetic right everywhere; the reasoning of step 2 is not (she gave away 5, not 3).
const problemText = (n: number, slip = false) =>
  `## Stickers ${n}\n\nQuestion: Lena has ${10 + n} stickers and gives 5 to a friend. Then she buys 4 more. How many stickers does she have?\n\n` +
  `1. Lena starts with ${10 + n} stickers.\n2. After giving some away she has ${10 + n} - 3 = ${7 + n} stickers.\n` +
  `3. After buying more she has ${7 + n} + 4 = ${slip ? 12 + n : 11 + n} stickers.\n4. The answer is ${slip ? 12 + n : 11 + n}.\n`;
const correction = ' Step 2.\nExplanation: Lena gives away 5 stickers, not 3.\nCorrect Solution:\n{\n...\nStep 2: She has 7 stickers.\nStep 3: The answer is 11.\n}';

// The engine is named in the diagnostic's source (`LeMa Tutor · model lema-test`).
const fromModel = (p: PublishDiagnosticsParams) => ours(p.diagnostics).filter((d) => /· model /.test(d.source ?? ''));
const modelFlag = (p: PublishDiagnosticsParams) => fromModel(p).some((d) => !/still writing/.test(messageOf(d)));
const stillWriting = (p: PublishDiagnosticsParams) => fromModel(p).some((d) => /still writing/.test(messageOf(d)));

let endpoint: OpenAITestServer;
before(async () => {
  endpoint = await OpenAITestServer.start({ answer: () => correction });
});
after(() => endpoint.close());

const modelSettings = (overrides: Record<string, unknown> = {}) => ({ endpoint: endpoint.url, name: 'lema-test', timeoutMs: 60_000, retries: 0, ...overrides });

async function open(lsp: LspSession, uri: string, text: string, accept: (p: PublishDiagnosticsParams) => boolean) {
  const published = lsp.nextDiagnostics(uri, accept, 20_000);
  await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  return published;
}

const push = (lsp: LspSession, lemaTutor: Record<string, unknown>) => lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: { lemaTutor } });

/** Waits until the model has been asked and has answered: a `checking` state, then `ready` with nothing pending. */
async function settled(lsp: LspSession, from: number): Promise<void> {
  const after = (accept: (s: EngineState) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => lsp.notifications.slice(from).some((n) => n.method === 'lemaTutor/engineState' && accept(n.params as EngineState));
      if (check()) return resolve();
      lsp.waitForNotification<EngineState>('lemaTutor/engineState', () => check(), 20_000).then(() => resolve(), reject);
    });
  await after((s) => s.state === 'checking');
  const checkingAt = lsp.notifications.findIndex((n, i) => i >= from && n.method === 'lemaTutor/engineState' && (n.params as EngineState).state === 'checking');
  from = checkingAt + 1;
  await after((s) => s.state === 'ready' && s.pending === 0);
}

describe('model diagnostics follow the engine and trust', { timeout: 60_000 }, () => {
  test('switching the engine to embedded removes the model diagnostics at once', async () => {
    const lsp = await startLspSession({ settings: { model: modelSettings() }, initializationOptions: { trusted: true } });
    try {
      const uri = 'file:///r/switch.md';
      await open(lsp, uri, problemText(1), modelFlag);
      const cleared = lsp.nextDiagnostics(uri, (p) => fromModel(p).length === 0, 20_000);
      await push(lsp, { engine: 'embedded', model: modelSettings() });
      await cleared;
    } finally {
      await lsp.close();
    }
  });

  test('a folder that becomes untrusted loses its model diagnostics; the verifier\'s stay', async () => {
    const lsp = await startLspSession({ settings: { model: modelSettings() }, initializationOptions: { trusted: true } });
    try {
      const uri = 'file:///r/untrust.md';
      // A proven slip in step 3 and the model's earlier flag on step 2 (which wins while trusted).
      await open(lsp, uri, problemText(2, true), modelFlag);
      const cleared = lsp.nextDiagnostics(uri, (p) => fromModel(p).length === 0 && ours(p.diagnostics).length === 1, 20_000);
      await lsp.connection.sendNotification('lemaTutor/setTrust', { trusted: false });
      const published = await cleared;
      assert.match(ours(published.diagnostics)[0]!.source ?? '', /embedded verifier/);
    } finally {
      await lsp.close();
    }
  });

  test('engine "model" shows the model alone: no verifier diagnostics beside its "no mistake"', async () => {
    const agreeing = await OpenAITestServer.start({ answer: () => ' None.' });
    const lsp = await startLspSession({
      settings: { engine: 'model', model: { ...modelSettings(), endpoint: agreeing.url } },
      initializationOptions: { trusted: true },
    });
    try {
      const uri = 'file:///r/model-only.md';
      const from = lsp.notifications.length;
      await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: problemText(3, true) } });
      await settled(lsp, from);
      const last = lsp.published.filter((p) => p.uri === uri).at(-1);
      assert.ok(last, 'diagnostics were published');
      assert.deepEqual(ours(last.diagnostics), [], 'the proven slip in step 3 is not shown with engine "model"');
      assert.equal(agreeing.answerRequests.length, 1);
    } finally {
      await lsp.close();
      await agreeing.close();
    }
  });
});

describe('a broken answer does not leave its placeholder', { timeout: 60_000 }, () => {
  test('malformed SSE after the model named the step: "still writing" goes, and nothing from the model stays', async () => {
    const lsp = await startLspSession({ settings: { model: modelSettings() }, initializationOptions: { trusted: true } });
    try {
      endpoint.enqueue({ fault: { kind: 'malformed-sse', afterChars: 12 }, text: correction });
      const uri = 'file:///r/broken.md';
      const gone = lsp.nextDiagnostics(uri, (p) => fromModel(p).length === 0 && lsp.published.some((q) => q.uri === uri && stillWriting(q)), 20_000);
      await open(lsp, uri, problemText(4), stillWriting);
      await gone;
      // The breaker probes, the endpoint answers in full this time: the model's flag comes back.
      await lsp.nextDiagnostics(uri, modelFlag, 20_000);
    } finally {
      await lsp.close();
    }
  });
});

describe('settings typed one keystroke at a time', { timeout: 60_000 }, () => {
  test('five changes in a row: one round of requests, with the final settings; a severity change asks nothing', async () => {
    const lsp = await startLspSession({ settings: {}, initializationOptions: { trusted: true } });
    try {
      const uri = 'file:///r/typing.md';
      const text = [1, 2, 3, 4].map((n) => problemText(10 + n)).join('\n');
      await open(lsp, uri, text, () => true);
      const before = endpoint.answerRequests.length;
      const flagged = lsp.nextDiagnostics(uri, (p) => fromModel(p).filter((d) => /model lema-test$/.test(d.source ?? '')).length === 4, 20_000);
      const from = lsp.notifications.length;
      for (const name of ['l', 'le', 'lem', 'lema', 'lema-test']) void push(lsp, { model: modelSettings({ name }) });
      await flagged;
      await settled(lsp, from);
      const asked = endpoint.answerRequests.slice(before);
      assert.equal(asked.length, 4, `one request per problem, not one per keystroke (${asked.map((r) => r.body?.model).join(', ')})`);
      assert.ok(asked.every((r) => r.body?.model === 'lema-test'));

      const stricter = lsp.nextDiagnostics(uri, (p) => ours(p.diagnostics).length === 4 && ours(p.diagnostics).every((d) => d.severity === 1), 20_000);
      await push(lsp, { severity: 'error', model: modelSettings({ name: 'lema-test' }) });
      await stricter;
      assert.equal(endpoint.answerRequests.length - before, 4, 'a severity change asks the endpoint nothing');
    } finally {
      await lsp.close();
    }
  });
});

describe('credentials in the endpoint URL over LSP', { timeout: 60_000 }, () => {
  test('an unreachable endpoint with user:pass@: the state and the log never show the password', async () => {
    const closed = await OpenAITestServer.start();
    const url = closed.url.replace('http://', 'http://student:hunter2@');
    await closed.close();
    const lsp = await startLspSession({ settings: { model: modelSettings({ endpoint: url }) }, initializationOptions: { trusted: true } });
    try {
      await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///r/secret.md', languageId: 'markdown', version: 1, text: problemText(5) } });
      const down = await lsp.waitForNotification<EngineState>('lemaTutor/engineState', (s) => s.state === 'unreachable', 20_000);
      assert.match(down.reason ?? '', /connect|ECONNREFUSED/);
      const everything = JSON.stringify(lsp.notifications);
      assert.match(everything, /window\/logMessage/, 'the output channel got lines');
      assert.doesNotMatch(everything, /hunter2/);
    } finally {
      await lsp.close();
    }
  });
});
