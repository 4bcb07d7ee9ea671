// The answer of a model's own solution (`... The answer is X.`) and whether two answers are the
// same number: exact values, equivalent fractions (3/4, 0.75, \frac{3}{4}), percent and currency
// forms ($18, 18 dollars, 25% and 25), LaTeX delimiters and \boxed{} dropped. Used by the `lema`
// style: an equal answer means the solution gets no model flag.
import { finalAnswerValue } from '../verify/checkFinalAnswer.ts';
import type { Exact } from '../verify/math/exact.ts';

/** The value after the last `The answer is` (as LeMa's evaluation reads it), or undefined. */
export function readSolvedAnswer(text: string): string | undefined {
  const parts = text.split(/the answer is:?/i);
  if (parts.length < 2) return undefined;
  // The rest of that line, up to the end of its sentence (`18.5` keeps its point; `18. Done` does not).
  const line = (parts[parts.length - 1] ?? '').split('\n')[0] ?? '';
  const value = (line.split(/\.(?:\s|$)/)[0] ?? '').trim();
  return value.length > 0 && value.length <= 200 ? value : undefined;
}

/** Strips what carries no value: math delimiters, \boxed{}, \text{}, a trailing period, units after a number. */
function normalise(answer: string): string {
  let text = answer.trim();
  for (let i = 0; i < 3; i++) {
    text = text
      .replace(/^\\\(|\\\)$|^\\\[|\\\]$/g, '')
      .replace(/^\\boxed\{([\s\S]*)\}$/, '$1')
      .replace(/\\text\{([^{}]*)\}/g, '$1')
      .replace(/\\[,;!]/g, '')
      // `x = 5`: the value is the right-hand side.
      .replace(/^[A-Za-z]\w{0,10}\s*=\s*(?=\S)/, '')
      .replace(/\.$/, '')
      .trim();
  }
  return text;
}

interface Reading {
  value: Exact;
  percent: boolean;
}

/** The one number an answer states, or undefined when it is not one number. */
function readValue(answer: string): Reading | undefined {
  const text = normalise(answer);
  const whole = finalAnswerValue(text);
  if (whole) return { value: whole.value, percent: whole.percent };
  // A number followed by a unit word: `18 dollars`, `5 hours` (the unit is compared by the number only).
  const lead = /^(-?\\?\$?\s*\d[\d,]*(?:\.\d+)?\s*%?|-?\\frac\{\d+\}\{\d+\}|-?\d+\s*\/\s*\d+)\s+[A-Za-z][A-Za-z\s.]*$/.exec(text);
  if (lead?.[1]) {
    const part = finalAnswerValue(lead[1].trim());
    if (part) return { value: part.value, percent: part.percent };
  }
  return undefined;
}

/** True when both answers state the same number (or, not being numbers, the same text). */
export function sameAnswer(a: string, b: string): boolean {
  const x = readValue(a);
  const y = readValue(b);
  if (x && y) {
    if (x.value.equals(y.value)) return true;
    // `25%` against `25`: GSM8K-style answers drop the percent sign.
    if (x.percent !== y.percent) return (x.percent ? x.value.mul(100) : x.value).equals(y.percent ? y.value.mul(100) : y.value);
    return false;
  }
  if (x || y) return false;
  const plain = (s: string) => normalise(s).toLowerCase().replace(/\s+/g, '');
  return plain(a) === plain(b);
}
