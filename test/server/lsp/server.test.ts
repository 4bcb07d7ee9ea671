import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { codeActionsFor, messageOf, ours, startLspSession, type LspSession } from '../../support/lspClient.ts';

const text = [
  '# Worksheet',
  '',
  '## Muffins',
  '',
  'Question: A bakery sold 9 boxes with 2 muffins each at $3 a muffin. How much money did it make?',
  '',
  '1. It sold 9 × 2 = 19 muffins.',
  '2. It made 19 × 3 = 57 dollars.',
  '3. The answer is 57.',
  '',
  '## Apples',
  '',
  'Question: Tom has 4 bags of 5 apples. How many apples does he have?',
  '',
  '1. He has 4 × 5 = 20 apples.',
  '2. The answer is 20.',
  '',
].join('\n');

const hasMistake = (p: PublishDiagnosticsParams) => ours(p.diagnostics).length > 0;

describe('language server over stdio', () => {
  let lsp: LspSession;
  let counter = 0;
  const open = async (content: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true) => {
    const uri = `file:///work/doc-${++counter}.md`;
    const published = lsp.nextDiagnostics(uri, accept);
    await lsp.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: content },
    });
    return { uri, diagnostics: (await published).diagnostics };
  };

  before(async () => {
    lsp = await startLspSession({ settings: { debounceMs: 20 } });
  });
  after(async () => {
    await lsp.close();
  });

  test('publishes one diagnostic on the first wrong step, with a hint in tutor mode', async () => {
    const { diagnostics } = await open(text);
    const mine = ours(diagnostics);
    assert.equal(mine.length, 1);
    const [d] = mine;
    // The engine is named once, in the source; the message is one sentence naming problem and step.
    assert.equal(d!.source, 'LeMa Tutor · embedded verifier');
    assert.equal(d!.code, 'arithmetic');
    assert.match(d!.codeDescription!.href, /#mistake-arithmetic$/);
    assert.equal(d!.severity, 2);
    assert.equal(messageOf(d!), 'Step 1 of "Muffins" looks wrong: check the multiplication.');
    assert.doesNotMatch(messageOf(d!), /18|embedded/, 'tutor mode must not give the answer away');
    // The squiggle sits under the wrong result `19`, not the whole step `It sold 9 × 2 = 19 muffins.`
    const line = text.split('\n')[6]!;
    assert.deepEqual(d!.range, {
      start: { line: 6, character: line.indexOf('19') },
      end: { line: 6, character: line.indexOf('19') + 2 },
    });
  });

  test('each thing once: the hint in the message, then the explanation in the message and the corrected answer in the hover', async () => {
    const { uri, diagnostics } = await open(text);
    const position = { line: 6, character: 12 };
    // The editor shows the diagnostic's message on hover; a hover of our own would repeat it.
    const hover = await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    assert.equal(hover, null);

    const actions = await codeActionsFor(lsp, uri, ours(diagnostics));
    const explain = actions.find((a) => a.title === 'Explain the mistake in step 1');
    assert.ok(explain?.command, 'tutor mode offers to explain the mistake');
    const republished = lsp.nextDiagnostics(uri, (p) => ours(p.diagnostics).some((d) => /is wrong:/.test(messageOf(d))));
    await lsp.connection.sendRequest('workspace/executeCommand', explain.command);
    const revealed = ours((await republished).diagnostics)[0]!;
    assert.equal(messageOf(revealed), 'Step 1 of "Muffins" is wrong: 9 × 2 is 18, not 19.');
    const related = (revealed.relatedInformation ?? []).map((r) => r.message).join('\n');
    assert.doesNotMatch(related, /is 18, not 19/, 'the explanation is not repeated as related information');
    const after = (await lsp.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover;
    const shown = (after.contents as { value: string }).value;
    assert.equal(shown, 'Corrected answer: ` 54 `');
  });

  test('tutor mode: Explain comes first and is preferred, applying is offered but never pre-selected', async () => {
    const { uri, diagnostics } = await open(text.replace('= 19 muffins', '= 29 muffins'), hasMistake);
    const actions = await codeActionsFor(lsp, uri, ours(diagnostics));
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred === true]),
      [
        ['Explain the mistake in step 1', true],
        ['Apply the correction', false],
        ['Step 1 is correct (stop flagging it)', false],
      ],
    );
  });

  test('no hover outside a flagged step', async () => {
    const { uri } = await open(text);
    const hover = await lsp.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 14, character: 5 },
    });
    assert.equal(hover, null);
  });

  test('the quick fix applies the correction through a versioned edit and the diagnostic goes', async () => {
    const { uri, diagnostics } = await open(text);
    const actions = await codeActionsFor(lsp, uri, ours(diagnostics));
    const apply = actions.find((a) => a.title === 'Apply the correction');
    assert.ok(apply, 'a quick fix that applies the correction');
    assert.equal(apply.kind, 'quickfix');
    const change = apply.edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: { range: never; newText: string }[] };
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), change.edits);
    assert.match(fixed, /9 × 2 = 18 muffins/);
    assert.match(fixed, /18 × 3 = 54 dollars/);
    assert.match(fixed, /The answer is 54\./);
    assert.ok(fixed.includes('He has 4 × 5 = 20 apples.'), 'the other problem is untouched');

    const cleared = lsp.nextDiagnostics(uri, (p) => p.version === 2);
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    assert.deepEqual(ours((await cleared).diagnostics), []);
  });

  test('"This step is correct" silences the diagnostic for that content', async () => {
    const { uri, diagnostics } = await open(text);
    const actions = await codeActionsFor(lsp, uri, ours(diagnostics));
    const correct = actions.find((a) => /is correct/.test(a.title));
    assert.ok(correct?.command);
    const republished = lsp.nextDiagnostics(uri, (p) => !hasMistake(p));
    await lsp.connection.sendRequest('workspace/executeCommand', correct.command);
    assert.deepEqual(ours((await republished).diagnostics), []);
  });

  test('rapid edits are debounced and only the latest version is published', async () => {
    // A pause longer than any test: the edits cannot be checked one by one, however slow the
    // machine. The save ends the pause (as it does before a record or a model request).
    const slow = await startLspSession({ settings: { debounceMs: 10_000 } });
    try {
      let current = text.replace('= 19 muffins', '= 31 muffins');
      const uri = 'file:///work/rapid.md';
      const opened = slow.nextDiagnostics(uri, hasMistake);
      await slow.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: current } });
      await opened;
      const start = slow.published.length;
      const last = slow.nextDiagnostics(uri, (p) => p.version === 6);
      for (let version = 2; version <= 6; version++) {
        current = current.replace(/= \d+ muffins/, `= ${17 + version} muffins`);
        await slow.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ text: current }],
        });
      }
      await slow.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const lastPublished = await last;
      const versions = slow.published.slice(start).filter((p) => p.uri === uri).map((p) => p.version);
      assert.deepEqual(versions, [6], 'one check, of the latest text');
      // 9 × 2 = 23: still wrong, and the diagnostic is on the latest text.
      assert.equal(ours(lastPublished.diagnostics).length, 1);
      assert.match(messageOf(ours(lastPublished.diagnostics)[0]!), /^Step 1 of .* looks wrong/);
    } finally {
      await slow.close();
    }
  });

  test('Check Workspace: a file that is not open is checked from its text, and its diagnostics published', async () => {
    const uri = 'file:///work/not-open.md';
    const published = lsp.nextDiagnostics(uri);
    const result = await lsp.connection.sendRequest('lemaTutor/checkDocument', { uri, text: text.replace('= 19 muffins', '= 27 muffins') });
    assert.deepEqual(result, { problems: 2, mistakes: 1 });
    assert.equal(ours((await published).diagnostics).length, 1);
    // Nothing is kept for it: the problems view only knows open documents.
    assert.deepEqual(await lsp.connection.sendRequest('lemaTutor/documentProblems', { uri }), []);
  });

  test('in a solution file, a problem without steps gets a hint-level note, not an error', async () => {
    const { diagnostics } = await open(`${text}\n## Lonely\n\nQuestion: What is 2 + 2?\n`);
    const notes = diagnostics.filter((d) => d.code === 'skipped');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.severity, 4);
  });

  test('a file without any problem with steps is not a solution: no notes at all', async () => {
    const { diagnostics } = await open('## Lonely\n\nQuestion: What is 2 + 2?\n');
    assert.deepEqual(diagnostics, []);
  });

  test('binary garbage and deep nesting do not crash the server', async () => {
    const garbage = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    await open(garbage);
    await open(`## Deep\n\n1. ${'('.repeat(10_000)}1${')'.repeat(10_000)} = 2\n2. The answer is 2.\n`);
    await open('## Towers\n\n1. 9^9^9^9 = 1\n2. 10^10^10 = 5\n3. 1/0 = 3\n4. The answer is 3.\n');
    // Fresh content: the muffin step may have been marked correct by another test.
    const { diagnostics } = await open(text.replace('= 19 muffins', '= 21 muffins'));
    assert.equal(ours(diagnostics).length, 1, 'still serving');
  });
});

describe('server settings', () => {
  test('severity and reveal mode come from the client configuration', async () => {
    const lsp = await startLspSession({ settings: { severity: 'error', mode: 'reveal' } });
    try {
      const uri = 'file:///work/settings.md';
      const published = lsp.nextDiagnostics(uri, hasMistake);
      await lsp.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'markdown', version: 1, text },
      });
      const [d] = ours((await published).diagnostics);
      assert.equal(d!.severity, 1);
      assert.equal(messageOf(d!), 'Step 1 of "Muffins" is wrong: 9 × 2 is 18, not 19.');
      // Reveal mode: applying comes first, is preferred, and its title says what changes.
      const actions = await codeActionsFor(lsp, uri, [d!]);
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred === true]),
        [
          ['Replace "9 × 2 = 19" with "9 × 2 = 18" and recompute steps 2–3', true],
          ['Step 1 is correct (stop flagging it)', false],
        ],
      );
    } finally {
      await lsp.close();
    }
  });
});
