// Times the model answer parser on adversarial answers: long runs of spaces where its patterns
// allow many ways to split them, and long answers streamed a few characters at a time (the parser
// must not re-read the whole answer per delta). Sizes: 2,000 characters, 64 Ki characters and the
// longest answer the engine reads (8 characters per max token, max tokens at its 32,768 cap).
// Run: node --import tsx bench/adversarial.ts [--max N] [--case TEXT]
// (N: the largest size to run; TEXT: only the cases whose name contains it).
import { CorrectionParser, parseCorrection } from '../server/model/parseCorrection.ts';
import { redactCredentials } from '../server/model/endpointCredentials.ts';

const LONGEST_ANSWER = 32_768 * 8;
const maxArg = process.argv.indexOf('--max');
const limit = maxArg >= 0 ? Number(process.argv[maxArg + 1]) : Infinity;
const caseArg = process.argv.indexOf('--case');
const only = caseArg >= 0 ? (process.argv[caseArg + 1] ?? '') : '';
const sizes = [2_000, 65_536, LONGEST_ANSWER].filter((n) => n <= limit);

interface Case {
  name: string;
  /** The whole answer of about `n` characters. */
  text(n: number): string;
  /** Completion style: the label is in the prompt. */
  labelInPrompt?: boolean;
  /** Characters per streamed delta; undefined: parsed in one piece. */
  delta?: number;
}

const head = 'Incorrect Step: Step 1.\nExplanation: the product is wrong.\nCorrect Solution:\n{\n';
const cases: Case[] = [
  // "The answer is a", many spaces, then text: the corrected-step answer pattern tried every split of the spaces.
  { name: 'corrected step: "The answer is a" + spaces + "b"', text: (n) => `${head}Step 1: The answer is a${' '.repeat(n)}b\n}` },
  { name: 'corrected step: spaces after "Step 1"', text: (n) => `${head}Step 1${' '.repeat(n)}x\n}` },
  { name: 'label: "Incorrect Step:" + spaces + "x"', text: (n) => `Incorrect Step:${' '.repeat(n)}x` },
  { name: 'value: "Step" + spaces + "x"', text: (n) => `Incorrect Step: Step${' '.repeat(n)}x`, delta: 4 },
  { name: 'no label, streamed 4 characters at a time', text: (n) => 'The model rambles on. '.repeat(Math.ceil(n / 22)).slice(0, n), delta: 4 },
  { name: 'no label, newline runs, streamed', text: (n) => '\n \n'.repeat(Math.ceil(n / 3)).slice(0, n), delta: 4 },
  { name: 'correction of "}" lines, streamed', text: (n) => head + 'Step 1: x }\n'.repeat(Math.ceil(n / 12)), labelInPrompt: false, delta: 4 },
  { name: 'explanation of spaces, streamed (completion style)', text: (n) => ` Step 1.\nExplanation:${' '.repeat(n)}`, labelInPrompt: true, delta: 4 },
];

function runCase(c: Case, n: number): number {
  const text = c.text(n);
  const options = { stepCount: 3, labelInPrompt: c.labelInPrompt ?? false, maxChars: Math.max(text.length, LONGEST_ANSWER) };
  const started = performance.now();
  if (c.delta === undefined) {
    parseCorrection(text, options);
  } else {
    const parser = new CorrectionParser(options);
    for (let i = 0; i < text.length && !parser.done; i += c.delta) parser.push(text.slice(i, i + c.delta));
    parser.finish();
  }
  return performance.now() - started;
}

console.log(`| answer | ${sizes.map((n) => `${n.toLocaleString('en')} chars`).join(' | ')} |`);
console.log(`|---|${sizes.map(() => '---|').join('')}`);
for (const c of cases) {
  if (!c.name.includes(only)) continue;
  const cells = sizes.map((n) => `${runCase(c, n).toFixed(1)} ms`);
  console.log(`| ${c.name} | ${cells.join(' | ')} |`);
}
const redactCells = sizes.map((n) => {
  const text = `http://${'a'.repeat(n)}`;
  const started = performance.now();
  redactCredentials(text);
  redactCredentials('://'.repeat(Math.ceil(n / 3)));
  return `${(performance.now() - started).toFixed(1)} ms`;
});
console.log(`| credential redaction of a URL-like message | ${redactCells.join(' | ')} |`);
