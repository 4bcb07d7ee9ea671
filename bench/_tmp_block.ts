import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LemaServer } from '../server/lsp/lemaServer.ts';
import { Suppressions } from '../server/lsp/suppressions.ts';
const base = readFileSync('/tmp/parser-gsm8k.md', 'utf8');
const text = base.repeat(Number(process.argv[2] ?? 1));
async function main() {
  const documents = new Map<string, TextDocument>();
  const server = new LemaServer({ publishDiagnostics: () => {}, getDocument: (uri) => documents.get(uri) }, new Suppressions(undefined));
  const document = TextDocument.create('file:///bench/open.md', 'markdown', 1, text);
  documents.set(document.uri, document);
  const gaps: number[] = [];
  let last = performance.now();
  let running = true;
  let lastCpu = process.cpuUsage(); const cpus: number[] = [];
  const tick = () => { const now = performance.now(); const cpu = process.cpuUsage(); cpus.push((cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000); lastCpu = cpu; gaps.push(now - last); last = now; if (running) setImmediate(tick); };
  const started = performance.now();
  setImmediate(tick);
  await server.opened(document);
  tick(); running = false;
  gaps.sort((a, b) => b - a); cpus.sort((a, b) => b - a);
  console.log('size', (text.length / 1e6).toFixed(1), 'MB total', (performance.now() - started).toFixed(0), 'ticks', gaps.length, 'longest', gaps.slice(0, 5).map((g) => g.toFixed(0)).join(','), 'cpu', cpus.slice(0, 5).map((g) => g.toFixed(0)).join(','));
}
main();
