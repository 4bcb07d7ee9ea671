// What the tutoring layer adds to a check, on a synthetic workbook (no ../shared/data needed):
// deciding whether a file is a solution (globs, off-file line, problems with steps), the typing hold,
// and building every diagnostic (message, span, carried steps) of a re-published document.
// A fixed workbook, so the figures compare across runs: 1,000 problems, every third with a slip.
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mistakeDiagnostic } from '../server/diagnostics/buildDiagnostics.ts';
import { checkedFileVerdict, fileExcluded } from '../server/lsp/fileFilter.ts';
import { correctionTitle } from '../server/lsp/fixTitle.ts';
import { LemaServer } from '../server/lsp/lemaServer.ts';
import { Suppressions } from '../server/lsp/suppressions.ts';
import { defaultSettings } from '../server/settings.ts';
import { median } from './timing.ts';

const PROBLEMS = 1000;
const RUNS = 200;

function workbook(): string {
  const parts = ['# Synthetic workbook\n'];
  for (let i = 0; i < PROBLEMS; i++) {
    const a = 3 + (i % 17);
    const b = 2 + (i % 9);
    const product = a * b + (i % 3 === 0 ? 1 : 0);
    parts.push(
      `\n## ${i + 1}. Boxes\n\nQuestion: A shop packs ${a} boxes with ${b} pens each and sells them at $2 a pen. How much does it make?\n\n` +
        `1. It packs ${a} × ${b} = ${product} pens.\n2. It makes ${product} × $2 = $${product * 2}.\n3. The answer is $${product * 2}.\n`,
    );
  }
  return parts.join('');
}


function time(run: () => void): number {
  const timings: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    run();
    timings.push(performance.now() - started);
  }
  return median(timings.slice(1));
}

const text = workbook();
const uri = 'file:///bench/course/homework.md';
const documents = new Map<string, TextDocument>();
const server = new LemaServer({ publishDiagnostics: () => {}, getDocument: (u) => documents.get(u) }, new Suppressions(undefined));
server.workspaceFolders = ['file:///bench/course'];
let document = TextDocument.create(uri, 'markdown', 1, text);
documents.set(uri, document);
server.opened(document);
const session = server.session(uri)!;
const checked = session.checked!;
const flagged = server.flagged(session);

const filterMs = time(() => fileExcluded(uri, text, defaultSettings, server.workspaceFolders) ?? checkedFileVerdict(checked));
const diagnosticsMs = time(() => {
  for (const { problem, verdict } of flagged) mistakeDiagnostic(problem, verdict, { uri, severity: 'warning', revealed: false });
});
const titlesMs = time(() => {
  for (const { problem, verdict } of flagged) if (verdict.correction) correctionTitle(problem, verdict.correction);
});
// A one-character edit with the cursor on a wrong step: checked, and that step held back.
const heldLine = flagged[flagged.length >> 1]!.problem.steps[0]!.range.start.line;
server.cursorMoved(uri, heldLine);
let edits = 0;
const editMs = time(() => {
  // Type a space at the end of the held step, then delete it: the step's text changes every time.
  const end = document.positionAt(document.offsetAt({ line: heldLine + 1, character: 0 }) - 1);
  const range = edits++ % 2 ? { start: { line: end.line, character: end.character - 1 }, end } : { start: end, end };
  document = TextDocument.update(document, [{ range, text: edits % 2 ? ' ' : '' }], document.version + 1);
  documents.set(uri, document);
  server.changed(document);
  server.checkNow(document);
});
server.dispose();

console.log(`| figure | value |`);
console.log(`|---|---|`);
console.log(`| workbook | ${(text.length / 1024).toFixed(0)} KiB, ${checked.problems.length} problems, ${flagged.length} flagged |`);
console.log(`| is it a solution? (globs, off-file line, problems with steps), per check | median ${filterMs.toFixed(3)} ms |`);
console.log(`| building all ${flagged.length} diagnostics (message, span, carried steps), per publish | median ${diagnosticsMs.toFixed(2)} ms |`);
console.log(`| reveal-mode fix titles for all ${flagged.length} | median ${titlesMs.toFixed(2)} ms |`);
console.log(`| re-check and re-publish with the typed step held back, server side | median ${editMs.toFixed(2)} ms (${RUNS} runs) |`);
