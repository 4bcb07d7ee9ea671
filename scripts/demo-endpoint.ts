// A local OpenAI-compatible endpoint that answers like a LeMa-tuned model, for trying the model
// engine without a GPU: `npm run demo:endpoint -- --port 8765 [--ttft-ms 300] [--tokens-per-second 30]`.
// Point the extension (lemaTutor.model.endpoint) or the CLI (--endpoint) at http://127.0.0.1:<port>/v1,
// with any model name and any request style (completion, chat, lema, critic). Answers are generic:
// the first wrong `a op b = c` is corrected, otherwise None; the example's reasoning mistake is scripted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSolutionDocument } from '../server/document/parseSolutionDocument.ts';
import { OpenAITestServer } from '../test/support/openaiTestServer.ts';
import { styleAnswerer } from '../test/support/demoAnswers.ts';

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`demo-endpoint: --${name} must be a number >= 0 (got '${text}')\n`);
    process.exit(2);
  }
  return n;
}

/** The example workbook's steps by question, so the lema style's solve request gets a plausible solution. */
function exampleSteps(): (question: string) => string[] | undefined {
  const text = readFileSync(join(__dirname, '..', 'examples', 'homework.md'), 'utf8');
  const steps = new Map(parseSolutionDocument(text).problems.map((p) => [p.question.replace(/\s*\n\s*/g, ' ').trim(), p.steps.map((s) => s.text)]));
  return (question) => steps.get(question);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'ttft-ms': { type: 'string' },
        'tokens-per-second': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`demo-endpoint: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write('Usage: npm run demo:endpoint -- [--port 8765] [--host 127.0.0.1] [--ttft-ms 300] [--tokens-per-second 30]\n');
    return;
  }
  const port = number('port', values.port, 8765);
  const server = await OpenAITestServer.start({
    port,
    host: values.host ?? '127.0.0.1',
    answer: styleAnswerer({ stepsOf: exampleSteps() }),
    ttftMs: number('ttft-ms', values['ttft-ms'], 300),
    tokensPerSecond: number('tokens-per-second', values['tokens-per-second'], 30),
    models: ['lema-demo'],
  }).catch((error: NodeJS.ErrnoException) => {
    process.stderr.write(`demo-endpoint: cannot listen on port ${port}: ${error.code ?? error.message}\n`);
    process.exit(1);
  });
  server.on('request', (r: { method: string; path: string }) => process.stdout.write(`${new Date().toISOString()} ${r.method} ${r.path}\n`));
  process.stdout.write(`LeMa demo endpoint on http://127.0.0.1:${server.port}/v1 (model "lema-demo"). Ctrl+C stops it.\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
