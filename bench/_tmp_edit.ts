import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LemaServer } from '../server/lsp/lemaServer.ts';
import { Suppressions } from '../server/lsp/suppressions.ts';
const text = readFileSync('/tmp/parser-gsm8k.md', 'utf8');
const documents = new Map<string, TextDocument>();
const server = new LemaServer({ publishDiagnostics: () => {}, getDocument: (uri) => documents.get(uri) }, new Suppressions(undefined));
const uri = 'file:///bench/workbook.md';
let document = TextDocument.create(uri, 'markdown', 1, text);
documents.set(uri, document);
server.checkNow(document);
const problems = server.session(uri)!.checked!.document.problems;
const timings: number[] = [];
for (let i = 0; i < 201; i++) {
  const at = problems[(i * 7919) % problems.length]!.questionRange?.end ?? { line: 0, character: 0 };
  document = TextDocument.update(document, [{ range: { start: at, end: at }, text: i % 2 ? ' ' : '?' }], document.version + 1);
  documents.set(uri, document);
  const started = performance.now();
  server.checkNow(document);
  timings.push(performance.now() - started);
}
timings.sort((a, b) => a - b);
console.log('median', timings[100]!.toFixed(1));
