// Hover on a flagged step: the explanation once revealed (or in reveal mode), the hint otherwise.
import type { Hover, Position } from 'vscode-languageserver-types';
import type { Problem } from '../document/types.ts';
import type { WrongVerdict } from '../engine/types.ts';
import { describeEngine } from '../diagnostics/describeEngine.ts';

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
  const lines = [`**LeMa Tutor** · step ${verdict.stepIndex + 1} · ${verdict.kind} · ${describeEngine(verdict.engine)}`, ''];
  if (revealed) {
    lines.push(verdict.explanation);
    if (verdict.correction?.finalAnswer) lines.push('', `Corrected answer: ${verdict.correction.finalAnswer}`);
  } else {
    lines.push(verdict.hint, '', '_Use the quick fix "Explain the mistake" to see the explanation._');
  }
  // Plain text from the model engine (see sanitizeModelText.ts): why there is no Apply, and doubt from its votes.
  if (verdict.unsure) lines.push('', verdict.unsure);
  if (revealed && verdict.correctionWithheld) lines.push('', verdict.correctionWithheld);
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: step.range };
}
