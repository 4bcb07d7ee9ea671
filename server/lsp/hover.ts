// Hover on a flagged step. The editor already shows the diagnostic's message there (the hint in tutor
// mode, the explanation once revealed), so the hover adds only what the message does not say: the
// corrected answer, once the person may see it. Each thing is shown once.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { Problem } from '../document/types.ts';
import type { WrongVerdict } from '../engine/types.ts';

export function contains(range: { start: Position; end: Position }, position: Position): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

export function mistakeHover(problem: Problem, verdict: WrongVerdict, revealed: boolean): Hover | undefined {
  const step = problem.steps[verdict.stepIndex];
  if (!step) return undefined;
  const parts: string[] = [];
  const answer = verdict.correction?.finalAnswer?.trim();
  // Model text is shown as text: inline code keeps markdown in it from rendering.
  if (revealed && answer) parts.push(`Corrected answer: ${inlineCode(answer)}`);
  // What the message cannot say: doubt from the model's votes, and why there is no Apply.
  if (verdict.unsure) parts.push(plainText(verdict.unsure));
  if (revealed && verdict.correctionWithheld) parts.push(plainText(verdict.correctionWithheld));
  if (parts.length === 0) return undefined;
  return { contents: { kind: 'markdown', value: parts.join('\n\n') }, range: step.range };
}

function inlineCode(text: string): string {
  const fence = '`'.repeat((text.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0) + 1);
  return `${fence} ${text.replace(/\s+/g, ' ')} ${fence}`;
}

/** Markdown punctuation escaped, so a note that quotes the model renders as the characters it holds. */
function plainText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~$&]/g, (c) => `\\${c}`);
}
