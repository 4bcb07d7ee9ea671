// Which files are solutions: a README, a file that opts out and a file without a problem with steps
// get no diagnostics at all and are never sent to the model; a homework file is checked as before.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { ours, startLspSession, type LspSession } from '../../support/lspClient.ts';

const solution = (title: string, question: string) =>
  `## ${title}\n\nQuestion: ${question}\n\n1. It sold 9 × 2 = 19 muffins.\n2. The answer is 19.\n`;
const readme = `# A project\n\n${solution('Example', 'How many muffins did the bakery in the README sell?')}\n## Install\n\nRun it.\n\n## Usage\n\n- one\n- two\n`;
const optedOut = `<!-- lema-tutor: off-file -->\n\n${solution('Opted out', 'How many muffins did the opted-out bakery sell?')}`;
const showsDirective = `# Notes\n\n\`\`\`markdown\n<!-- lema-tutor: off-file -->\n\`\`\`\n\n${solution('Fenced', 'How many muffins did the fenced bakery sell?')}`;
const headingsOnly = '# Notes\n\n## Monday\n\nWhat is 2 + 2?\n\n## Tuesday\n\nNothing here.\n';

describe('which files are checked', () => {
  let endpoint: OpenAITestServer;
  let lsp: LspSession;
  before(async () => {
    endpoint = await OpenAITestServer.start({ answer: () => ' None.\nExplanation: fine.', ttftMs: 0, tokensPerSecond: 100_000 });
    lsp = await startLspSession({
      settings: { debounceMs: 0, model: { endpoint: endpoint.url, name: 'lema-test', retries: 0 } },
      initializationOptions: { trusted: true },
    });
  });
  after(async () => {
    await lsp.close();
    await endpoint.close();
  });

  const open = (uri: string, text: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true) => {
    const published = lsp.nextDiagnostics(uri, accept);
    void lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return published;
  };

  test('a README, an opted-out file and a file of headings get nothing; nothing of them reaches the model', async () => {
    for (const [uri, text] of [
      ['file:///w/README.md', readme],
      ['file:///w/docs/readme.md', readme],
      ['file:///w/notes/opted-out.md', optedOut],
      ['file:///w/notes/headings.md', headingsOnly],
    ] as const) {
      assert.deepEqual((await open(uri, text)).diagnostics, [], `${uri}: no diagnostics, not even "not checked" hints`);
    }
    // A solution opened last is checked, and its request is the only one the endpoint sees.
    const checked = await open('file:///w/homework.md', solution('Bakery', 'How many muffins did the homework bakery sell?'), (p) => ours(p.diagnostics).length === 1);
    assert.equal(ours(checked.diagnostics).length, 1);
    await endpoint.waitForRequests(1);
    const fenced = await open('file:///w/notes/fenced.md', showsDirective, (p) => ours(p.diagnostics).length === 1);
    assert.equal(ours(fenced.diagnostics).length, 1, 'a directive shown in a code fence does not opt the file out');
    await endpoint.waitForRequests(2);
    const prompts = endpoint.answerRequests.map((r) => r.prompt);
    assert.equal(prompts.filter((p) => /README|opted-out|Monday/.test(p)).length, 0, prompts.join('\n---\n'));
    assert.deepEqual(await lsp.connection.sendRequest('lemaTutor/documentProblems', { uri: 'file:///w/README.md' }), []);
    // The view says why a file is not checked.
    const status = (uri: string) => lsp.connection.sendRequest('lemaTutor/fileStatus', { uri });
    assert.deepEqual(await status('file:///w/README.md'), { status: 'excluded' });
    assert.deepEqual(await status('file:///w/notes/opted-out.md'), { status: 'off-file' });
    assert.deepEqual(await status('file:///w/notes/headings.md'), { status: 'no-problems' });
    assert.deepEqual(await status('file:///w/homework.md'), { status: 'checked' });
    assert.deepEqual(await status('file:///w/never-opened.md'), { status: 'unknown' });
  });

  test('the include and exclude settings decide by path; an untitled document is always checked', async () => {
    const custom = await startLspSession({ settings: { debounceMs: 0, files: { include: ['homework/**'], exclude: ['**/draft-*'] } } });
    try {
      const text = solution('Bakery', 'How many muffins?');
      const shown = async (uri: string) => ours((await (async () => {
        const published = custom.nextDiagnostics(uri);
        await custom.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        return published;
      })()).diagnostics).length;
      assert.equal(await shown('file:///w/homework/week1.md'), 1);
      assert.equal(await shown('file:///w/homework/draft-week2.md'), 0);
      assert.equal(await shown('file:///w/notes/week1.md'), 0);
      assert.equal(await shown('untitled:Untitled-1'), 1);
      // A README is checked when the person includes it and the default exclude is replaced.
      assert.equal(await shown('file:///w/homework/README.md'), 1);
    } finally {
      await custom.close();
    }
  });
});
