// One step's text read into token sources (the text itself and each calculator annotation) and
// the equality chains found in them, with helpers to map tokens back to offsets in the step text.
import type { TextSpan } from '../engine/types.ts';
import { extractChains, type Chain, type Side } from './extractChains.ts';
import { normalizeStep, offsetAt, type NormalizedText } from './normalizeText.ts';
import { tokenize, type Token } from './tokenize.ts';

export interface Source {
  norm: NormalizedText;
  tokens: Token[];
  chains: Chain[];
  /** A GSM8K calculator annotation `<<...>>`. */
  annotation: boolean;
}

export interface StepReading {
  text: string;
  sources: Source[];
  /** False when the step was too long to read. */
  readable: boolean;
}

export function readStep(text: string): StepReading {
  const normalized = normalizeStep(text);
  const sources: Source[] = [];
  let readable = text.length === 0 || normalized.main.text.length > 0;
  const add = (norm: NormalizedText, annotation: boolean): void => {
    const tokens = tokenize(norm.text);
    if (!tokens) {
      readable = false;
      return;
    }
    sources.push({ norm, tokens, chains: extractChains(tokens), annotation });
  };
  add(normalized.main, false);
  for (const a of normalized.annotations) add(a.inner, true);
  return { text, sources, readable };
}

/** Offsets in the step text of tokens [first, last] of a source. */
export function tokenSpan(source: Source, first: number, last: number): TextSpan {
  const a = source.tokens[first]!;
  const b = source.tokens[last]!;
  return { start: offsetAt(source.norm, a.start), end: offsetAt(source.norm, b.end - 1) + 1 };
}

/** The step text a side was read from, as written. */
export function sideText(text: string, source: Source, side: Side): string {
  const span = tokenSpan(source, side.start, side.end - 1);
  let start = span.start;
  // Keep a currency sign written before the first number (`$32`, `\$32`, `€5`).
  const first = source.tokens[side.start];
  if (first?.type === 'num' && first.currency) start -= currencyBefore(text, start).length;
  return withoutMathDelimiters(text.slice(start, span.end));
}

/** The currency sign written just before offset `at` (`$`, `\\$`, `€`, `£`), or ''. */
export function currencyBefore(text: string, at: number): string {
  if (text.slice(Math.max(0, at - 2), at) === '\\$') return '\\$';
  const c = text.charAt(at - 1);
  return c === '$' || c === '€' || c === '£' ? c : '';
}

/** `150 + \\( x` -> `150 + x`: math delimiters inside a quoted side only get in the way. */
function withoutMathDelimiters(s: string): string {
  return unbalancedBracesRemoved(
    s
      .replace(/\\(?:text|textrm|mathrm|mbox)\{([^{}]*)\}?/g, '$1')
      .replace(/\\(?:boxed|mathbf|bm|underline|fbox)\{([^{}]*)\}/g, '$1')
      .replace(/\\(?:boxed|mathbf|bm|underline|fbox)\{/g, '{')
      .replace(/\\[()[\]]/g, ' ')
      .replace(/\$(?![\d.])/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** `3210} - {1203` -> `3210 - 1203`: a side cut out of a group keeps no half of its braces. */
function unbalancedBracesRemoved(s: string): string {
  const drop = new Set<number>();
  const open: number[] = [];
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '{') open.push(k);
    else if (s[k] === '}') {
      if (open.length > 0) open.pop();
      else drop.add(k);
    }
  }
  for (const k of open) drop.add(k);
  if (drop.size === 0) return s;
  let out = '';
  for (let k = 0; k < s.length; k++) if (!drop.has(k)) out += s[k];
  return out;
}
