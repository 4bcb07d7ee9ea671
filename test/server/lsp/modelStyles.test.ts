// The lema style behind the language server (spawned, JSON-RPC): a correction offered only when
// it passes LeMa's acceptance rule, the reason in the hover otherwise, and disagreeing samples
// shown as a hint rather than a warning.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, type Hover, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { codeActionsFor, messageOf, ours, startLspSession, type LspSession } from '../../support/lspClient.ts';

const question = 'Lena has 12 stickers and gives 5 to a friend. Then she buys 4 more. How many stickers does she have?';
const doc = (n: number) =>
  `## Stickers ${n}\n\nQuestion: ${question}\n\n1. Lena starts with 12 stickers.\n2. After giving some away she has 12 - 3 = 9 stickers.\n3. After buying more she has 9 + 4 = 13 stickers.\n4. The answer is 13.\n`;
const correction = (answer: number, left: number) =>
  ` Step 2.\nExplanation: Lena gives away 5 stickers, not 3.\nCorrect Solution:\n{\n...\nStep 2: After giving some away she has 12 - 5 = ${left} stickers.\nStep 3: After buying more she has ${left} + 4 = ${answer} stickers.\nStep 4: The answer is ${answer}.\n}`;
const SOLVED = 'She gives 5 away: 12 - 5 = 7. She buys 4: 7 + 4 = 11. The answer is 11.';

const modelFlag = (p: PublishDiagnosticsParams) => ours(p.diagnostics).some((d) => /model lema-test/.test(d.source ?? '') && !/still writing/.test(messageOf(d)));

describe('the lema style behind the language server', { timeout: 60_000 }, () => {
  let endpoint: OpenAITestServer;
  let corrections: string[] = [];
  let solutions: string[] = [SOLVED];
  before(async () => {
    endpoint = await OpenAITestServer.start({
      answer: (prompt) => (prompt.startsWith('Please solve') ? { samples: solutions } : { samples: corrections }),
    });
  });
  after(() => endpoint.close());

  async function session(samples = 1): Promise<LspSession> {
    return startLspSession({
      settings: { debounceMs: 10, mode: 'reveal', model: { endpoint: endpoint.url, name: 'lema-test', style: 'lema', samples, timeoutMs: 5000, retries: 0 } },
      initializationOptions: { trusted: true },
    });
  }

  async function check(lsp: LspSession, uri: string, text: string) {
    const published = lsp.nextDiagnostics(uri, modelFlag, 20_000);
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return ours((await published).diagnostics)[0]!;
  }

  test('an accepted correction is offered as a fix', async () => {
    corrections = [correction(11, 7)];
    solutions = [SOLVED];
    const lsp = await session();
    try {
      const uri = 'file:///s/accepted.md';
      const diagnostic = await check(lsp, uri, doc(1));
      assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
      const actions = await codeActionsFor(lsp, uri, [diagnostic]);
      assert.ok(actions.some((a) => a.edit !== undefined), actions.map((a) => a.title).join(', '));
    } finally {
      await lsp.close();
    }
  });

  test("a correction against the model's own answer: no Apply, the reason in the hover", async () => {
    corrections = [correction(12, 8).replace('12 - 5 = 8', '12 - 4 = 8')];
    solutions = [SOLVED];
    const lsp = await session();
    try {
      const uri = 'file:///s/withheld.md';
      const diagnostic = await check(lsp, uri, doc(2));
      const actions = await codeActionsFor(lsp, uri, [diagnostic]);
      assert.ok(!actions.some((a) => a.edit !== undefined), actions.map((a) => a.title).join(', '));
      const hover = await lsp.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 6 } });
      // The hover's markdown escapes the note's punctuation: compare the text it renders.
      const text = (typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '').replace(/\\(.)/g, '$1');
      assert.match(text, /not offered: its answer \(12\) differs from the model's own solution \(11\)/);
    } finally {
      await lsp.close();
    }
  });

  test('a directive inside the model\'s correction never reaches the document', async () => {
    corrections = [correction(11, 7).replace('Step 2: After', 'Step 2: <!-- lema-tutor: off -->After').replace('= 11 stickers.', '= 11 stickers. ![x](http://evil.example/t.png)')];
    solutions = [SOLVED];
    const lsp = await session();
    try {
      const uri = 'file:///s/directive.md';
      const diagnostic = await check(lsp, uri, doc(4));
      const actions = await codeActionsFor(lsp, uri, [diagnostic]);
      const apply = actions.find((a) => a.edit !== undefined);
      const edits = JSON.stringify(apply?.edit ?? null);
      assert.match(edits, /12 - 5 = 7/);
      assert.doesNotMatch(edits, /lema-tutor|<!--|evil\.example/);
    } finally {
      await lsp.close();
    }
  });

  test('samples that disagree: a hint that the model is unsure, not a warning', async () => {
    corrections = [correction(11, 7), ' Step 3.\nExplanation: 9 + 4 is fine but the plan is not.', ' Step 1.\nExplanation: Lena starts with 12.'];
    solutions = [SOLVED, SOLVED, SOLVED];
    const lsp = await session(3);
    try {
      const diagnostic = await check(lsp, 'file:///s/unsure.md', doc(3));
      assert.equal(diagnostic.severity, DiagnosticSeverity.Hint);
      assert.equal(endpoint.answerRequests.at(-1)?.body?.n, 3);
    } finally {
      await lsp.close();
    }
  });
});
