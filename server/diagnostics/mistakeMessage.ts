// The one sentence a student reads in the Problems panel: which problem, which step, and what to
// check (tutor) or what is wrong (revealed). The engine is not in it: the diagnostic's `source`
// names the engine, and the CLI, which has no such column, adds it itself (mistakeLine).
import type { Problem } from '../document/types.ts';
import type { WrongVerdict } from '../engine/types.ts';
import { describeEngine } from './describeEngine.ts';

/** Longest problem title quoted in a message; longer ones are cut at a word. */
const MAX_TITLE = 40;

export function problemName(problem: Problem): string {
  const title = problem.title?.trim();
  if (!title) return `problem ${problem.index + 1}`;
  if (title.length <= MAX_TITLE) return `"${title}"`;
  const cut = title.slice(0, MAX_TITLE);
  const space = cut.lastIndexOf(' ');
  return `"${(space > MAX_TITLE / 2 ? cut.slice(0, space) : cut).trimEnd()}…"`;
}

export function mistakeMessage(problem: Problem, verdict: WrongVerdict, revealed: boolean): string {
  const where = `Step ${verdict.stepIndex + 1} of ${problemName(problem)}`;
  if (revealed) return `${where} is wrong: ${verdict.explanation.trim()}`;
  return `${where} looks wrong: ${whatToCheck(verdict)}.`;
}

/** The CLI's line: the message and, as it has no source column, the engine. */
export function mistakeLine(problem: Problem, verdict: WrongVerdict, revealed: boolean): string {
  return `${mistakeMessage(problem, verdict, revealed)} (${describeEngine(verdict.engine)})`;
}

/**
 * What to check, from the engine's hint, as a clause of the sentence: "Check the multiplication in
 * step 1." becomes "check the multiplication". A hint of another shape (a model's) is replaced by
 * the advice for its kind, so the message stays one sentence.
 */
export function whatToCheck(verdict: WrongVerdict): string {
  const own = new RegExp(String.raw`\s+in step ${verdict.stepIndex + 1}$`);
  const sentence = /^Check ([^.]+?)\.?$/i.exec(verdict.hint.trim());
  if (sentence) {
    const clause = sentence[1]!.replace(own, '').replace(new RegExp(String.raw`\bstep ${verdict.stepIndex + 1}\b`), 'it');
    return `check ${clause}`;
  }
  // A hint of one sentence reads on as the clause ("the model flagged step 2 and is still writing…").
  const single = /^([A-Z][^.]*)\.$/.exec(verdict.hint.trim());
  if (single) return single[1]![0]!.toLowerCase() + single[1]!.slice(1);
  switch (verdict.kind) {
    case 'final-answer':
      return 'compare the final answer with the last result';
    case 'reasoning':
      return 'check which quantities and operation it uses against the question';
    default:
      return `check the ${verdict.kind}`;
  }
}
