// Random markdown documents and edits for differential tests, built from a grammar of the cases
// where readers have disagreed: headings of every level and indentation (also inside list items),
// nested lists, `Step k:` labels, fences and `$$` blocks (some left open), HTML comments and
// directives over several lines, ignore-next-step before headings, `---`, GSM8K `####` lines,
// and LF / CRLF / lone CR line endings. Seeded: the same seed gives the same documents.
import { prng } from '../../support/seededRandom.ts';

export { prng };

export class Random {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const arithmetic = (r: Random) => {
  const a = 1 + r.int(20);
  const b = 1 + r.int(20);
  const wrong = r.chance(0.3) ? 1 : 0;
  return r.pick([`${a} + ${b} = ${a + b + wrong}`, `${a} × ${b} = ${a * b + wrong}`, `${a * b} / ${b} = ${a + wrong}`]);
};

const fragments: ((r: Random) => string)[] = [
  (r) => `${' '.repeat(r.int(4))}${'#'.repeat(1 + r.int(6))} Problem ${r.int(100)}\n\n`,
  (r) => `## P${r.int(9)}\n\nQuestion: what is ${arithmetic(r).split(' =')[0]}?\n\n`,
  (r) => `Question: q${r.int(9)}?\n`,
  (r) => Array.from({ length: 1 + r.int(4) }, (_, i) => `${i + 1}. ${arithmetic(r)}\n`).join('') + (r.chance(0.5) ? '\n' : ''),
  (r) => Array.from({ length: 1 + r.int(4) }, () => `${r.pick(['-', '*', '+'])} ${arithmetic(r)}\n`).join(''),
  (r) => `1. ${arithmetic(r)}\n   - nested ${arithmetic(r)}\n     1. deeper ${arithmetic(r)}\n2. ${arithmetic(r)}\n`,
  (r) => `- ${'#'.repeat(1 + r.int(3))} heading in an item\n  ${arithmetic(r)}\n`,
  (r) => `Step ${1 + r.int(4)}: ${arithmetic(r)}\n`,
  (r) => `**Step ${1 + r.int(4)}:** ${arithmetic(r)}\ncontinued ${arithmetic(r)}\n\n`,
  (r) => `Solution:\n${arithmetic(r)}\n${arithmetic(r)}\n#### ${r.int(100)}\n\n`,
  (r) => `The answer is ${r.int(100)}.\n\n`,
  (r) => `**Answer:** ${r.int(100)}\n`,
  (r) => `${r.pick(['```', '~~~', '````'])}${r.pick(['', 'md'])}\n## not a heading\n1. ${arithmetic(r)}\n${r.chance(0.8) ? r.pick(['```', '~~~', '````']) + '\n' : ''}\n`,
  (r) => `$$${r.pick(['', ' x'])}\n## inside math\n${arithmetic(r)}\n${r.chance(0.8) ? '$$\n' : ''}\n`,
  (r) => `<!--\n## inside a comment\n${r.chance(0.8) ? '-->\n' : ''}\n`,
  (r) => `<!-- lema-tutor: ${r.pick(['off', 'on', 'ignore-next-step'])} -->\n`,
  (r) => `<!-- lema-tutor:\n   ${r.pick(['off', 'on', 'ignore-next-step'])}\n-->\n`,
  (r) => `<!-- lema-tutor: ignore-next-step -->\n## Heading after a directive\n\nQ?\n\n1. ${arithmetic(r)}\n`,
  () => `---\n\n`,
  () => `\n`,
  (r) => `Some text ${r.int(1000)} with $${r.int(9)}$ and \\(x\\).\n`,
  (r) => `> quoted ${arithmetic(r)}\n`,
  (r) => `    indented code ${r.int(9)}\n`,
  (r) => `<div>\n${arithmetic(r)}\n</div>\n\n`,
  (r) => `Title\n${r.pick(['===', '---'])}\n\n`,
];

/** A document of `size` fragments, with one kind of line ending (sometimes mixed). */
export function randomDocument(r: Random, size: number): string {
  let text = '';
  for (let i = 0; i < size; i++) text += r.pick(fragments)(r);
  return withLineEndings(r, text);
}

function withLineEndings(r: Random, text: string): string {
  const style = r.int(4);
  if (style === 0) return text;
  if (style === 1) return text.replace(/\n/g, '\r\n');
  if (style === 2) return text.replace(/\n/g, '\r');
  return text.replace(/\n/g, () => r.pick(['\n', '\r\n', '\r']));
}

const snippets = ['\n', '\r', '\r\n', '\n\n', '#', '## ', '- ', '1. ', '`', '```\n', '$$\n', '<!--', '-->', '<!-- lema-tutor: off -->\n', 'x', ' ', '7', 'Step 2: '];

/** Applies a random insertion, deletion or replacement to `text`. */
export function randomEdit(r: Random, text: string): string {
  const at = r.int(text.length + 1);
  const kind = r.int(3);
  const inserted = r.chance(0.5) ? r.pick(snippets) : withLineEndings(r, r.pick(fragments)(r));
  if (kind === 0) return text.slice(0, at) + inserted + text.slice(at);
  const end = Math.min(text.length, at + 1 + r.int(kind === 1 ? 40 : 400));
  return text.slice(0, at) + (kind === 2 ? inserted : '') + text.slice(end);
}
