// The title of "apply the correction" once the answer may be shown: what changes, in the words of
// the step (`Replace "9 × 2 = 19" with "9 × 2 = 18" and recompute steps 2–3`), as spell checkers
// name the replacement. Tutor mode keeps a title that gives nothing away.
import type { Problem } from '../document/types.ts';
import type { Correction } from '../engine/types.ts';

/** Longest quoted part before the title falls back to naming the step. */
const MAX_QUOTE = 40;

/** Characters a written claim is made of: numbers, operators, currency, LaTeX commands. */
const CLAIM_CHAR = /[\p{N}\s.,+\-−×*/÷=≈^()[\]{}$%<>\\a-zA-Z]/u;

export function correctionTitle(problem: Problem, correction: Correction): string {
  const k = correction.fromStep;
  const before = problem.steps[k]?.text;
  const after = correction.steps[0];
  const later = correction.steps.length - 1;
  const rest = later > 0 ? ` and recompute ${stepRange(k + 2, k + 1 + later)}` : '';
  if (before === undefined || after === undefined) return `Rewrite the solution from step ${k + 1}${rest}`;
  const change = changedClaim(before, after);
  if (change && change.from.length <= MAX_QUOTE && change.to.length <= MAX_QUOTE) {
    return `Replace "${change.from}" with "${change.to}"${rest}`;
  }
  return `Rewrite step ${k + 1}${rest}`;
}

function stepRange(first: number, last: number): string {
  return first === last ? `step ${first}` : `steps ${first}–${last}`;
}

/**
 * The part of `before` that `after` replaces, widened to the whole claim around it (`19` becomes
 * `9 × 2 = 19`), so the title reads as math. Undefined when the two are the same.
 */
export function changedClaim(before: string, after: string): { from: string; to: string } | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix++;
  }
  // Widen over the shared text on both sides while it is part of the claim; never into words.
  let start = prefix;
  while (start > 0 && isClaimChar(before, start - 1)) start--;
  let end = suffix;
  while (end > 0 && isClaimChar(before, before.length - end)) end--;
  const from = before.slice(start, before.length - end).trim();
  const to = after.slice(start, after.length - end).trim();
  return from && to ? { from: stripEdges(from), to: stripEdges(to) } : undefined;
}

/** A claim character, where a letter counts only inside a LaTeX command or as a lone variable. */
function isClaimChar(text: string, at: number): boolean {
  const char = text[at]!;
  if (!CLAIM_CHAR.test(char)) return false;
  if (!/[a-zA-Z]/.test(char)) return true;
  // A letter next to another letter is a word ("muffins"), unless the word is a LaTeX command.
  const left = /[a-zA-Z]*$/.exec(text.slice(0, at))![0];
  const right = /^[a-zA-Z]*/.exec(text.slice(at + 1))![0];
  if (left.length + right.length === 0) return true;
  return text[at - left.length - 1] === '\\';
}

/** Sentence punctuation and unmatched spaces at the ends are not part of the claim. */
function stripEdges(text: string): string {
  return text.replace(/^[\s,]+/, '').replace(/[\s.,]+$/, '');
}
