// usage: node --import tsx ab.ts <root> reader|edit
import { readFileSync } from 'node:fs';
const root = process.argv[2]!;
const what = process.argv[3]!;
const text = readFileSync('/tmp/parser-gsm8k.md', 'utf8');
async function main() {
  if (what === 'reader') {
    const { parseSolutionDocument } = await import(root + '/server/document/parseSolutionDocument.ts');
    const t = performance.now();
    parseSolutionDocument(text);
    console.log(`ms=${(performance.now() - t).toFixed(0)}`);
  } else {
    const { TextDocument } = await import('vscode-languageserver-textdocument');
    const { LemaServer } = await import(root + '/server/lsp/lemaServer.ts');
    const { Suppressions } = await import(root + '/server/lsp/suppressions.ts');
    const documents = new Map();
    const server = new LemaServer({ publishDiagnostics: () => {}, getDocument: (uri: string) => documents.get(uri) }, new Suppressions(undefined));
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
      const cpu = process.cpuUsage();
      server.checkNow(document);
      const used = process.cpuUsage(cpu);
      timings.push((used.user + used.system) / 1000);
    }
    timings.sort((a, b) => a - b);
    console.log(`ms=${timings[100]!.toFixed(1)}`);
  }
}
main();
