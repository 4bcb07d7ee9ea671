import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { CheckCancelled, runInSlices } from '../../../server/check/checkInSlices.ts';
import { DocumentChecker } from '../../../server/check/documentChecker.ts';
import { LemaServer } from '../../../server/lsp/lemaServer.ts';
import { Suppressions } from '../../../server/lsp/suppressions.ts';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';

const problem = (i: number) => `## Problem ${i}\n\nQuestion: q${i}?\n\n1. ${i} × 2 = ${2 * i + (i % 97 === 0 ? 1 : 0)}\n2. The answer is ${2 * i}.\n\n`;
const workbook = (count: number) => Array.from({ length: count }, (_, i) => problem(i)).join('');

test('a check run in slices equals the check run at once, and gives the event loop back between slices', async () => {
  const text = workbook(1500);
  const sliced = new DocumentChecker(new EmbeddedEngine());
  let turns = 0;
  let counting = true;
  const count = () => {
    if (!counting) return;
    turns++;
    setImmediate(count);
  };
  setImmediate(count);
  const result = await runInSlices(sliced.checkInSteps(text), () => false);
  counting = false;
  assert.deepEqual(result, new DocumentChecker(new EmbeddedEngine()).check(text));
  assert.ok(turns > 10, `only ${turns} turns of the event loop during the check`);
});

test('a cancelled run stops between slices', async () => {
  let cancel = false;
  let slices = 0;
  function* steps(): Generator<number, string> {
    for (let i = 0; i < 100; i++) {
      slices++;
      if (i === 3) cancel = true;
      yield 1_000_000;
    }
    return 'done';
  }
  await assert.rejects(runInSlices(steps(), () => cancel), CheckCancelled);
  assert.equal(slices, 4);
});

test('a newer version cancels the check of an older one: only the newer is published', async () => {
  const published: { version: number; diagnostics: Diagnostic[] }[] = [];
  const documents = new Map<string, TextDocument>();
  const server = new LemaServer(
    { publishDiagnostics: (_uri, version, diagnostics) => published.push({ version, diagnostics }), getDocument: (uri) => documents.get(uri) },
    new Suppressions(undefined),
  );
  const uri = 'file:///work/big.md';
  const first = TextDocument.create(uri, 'markdown', 1, workbook(2000));
  documents.set(uri, first);
  const opening = server.opened(first);
  const second = TextDocument.update(first, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Intro.\n\n' }], 2);
  documents.set(uri, second);
  const newer = server.checkInBackground(second);
  await opening;
  assert.equal(await newer, true);
  assert.deepEqual(published.map((p) => p.version), [2]);
  const lines = published[0]!.diagnostics.map((d) => d.range.start.line);
  assert.deepEqual(lines, [0, 97, 194, 291, 388, 485, 582, 679, 776, 873, 970, 1067, 1164, 1261, 1358, 1455, 1552, 1649, 1746, 1843, 1940].map((i) => i * 7 + 2 + 4));
});
