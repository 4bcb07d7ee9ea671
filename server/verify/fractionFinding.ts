// Findings the verifier words itself:
// - a right side that restates the left with another value: "A is 87338, but B is 87122.";
// - a computation stated in words ("Multiplying 3 by $22.50 equals $72.50"): "3 × $22.50 is
//   $67.50, not $72.50.", with the result as the number to fix.
import type { Pair } from './checkPairs.ts';
import type { Finding } from './describeFinding.ts';
import { display } from './describeFinding.ts';
import { type Exact, terminatingPlaces, toFixed } from './math/exact.ts';
import { sideText, tokenSpan, type StepReading } from './readStep.ts';
import type { NumToken } from './tokenize.ts';
import type { WordedClaim } from './wordedClaims.ts';

const OPERATION: Record<string, string> = { '+': 'addition', '-': 'subtraction', '*': 'multiplication', '/': 'division', '^': 'power' };

const SYMBOL: Record<WordedClaim['op'], string> = { '+': '+', '*': '×', '/': '÷', '-': '−' };

export function wordedFinding(stepIndex: number, reading: StepReading, claim: WordedClaim, roundingOnly: boolean): Finding {
  const shown = (t: NumToken): string => `${t.currency ? '$' : ''}${reading.text.slice(...spanOf(claim, t))}`;
  const resultSpan = tokenSpan(claim.source, claim.resultRef, claim.resultRef);
  const currency = claim.result.currency ? '$' : '';
  return {
    stepIndex,
    kind: roundingOnly ? 'rounding' : 'arithmetic',
    explanation: `${claim.leftText ?? (claim.b ? `${shown(claim.a)} ${SYMBOL[claim.op]} ${shown(claim.b)}` : `${claim.factorWord} ${shown(claim.a)}`)} is ${currency}${asWritten(claim.value, claim.result.decimals)}, not ${shown(claim.result)}.`,
    hint: `Check the ${claim.b || claim.leftText ? OPERATION[claim.op] : 'calculation'} in step ${stepIndex + 1}.`,
    span: resultSpan,
    fix: {
      source: claim.source,
      literal: { num: claim.result, ref: claim.resultRef, negative: false, percent: false, first: claim.resultRef, last: claim.resultRef },
      written: claim.result.value,
      right: claim.value,
    },
  };
}

function spanOf(claim: WordedClaim, t: NumToken): [number, number] {
  const k = claim.source.tokens.indexOf(t);
  const span = tokenSpan(claim.source, k, k);
  return [span.start, span.end];
}

/** `67.50` for a result written with two places, when the value terminates within them. */
function asWritten(v: Exact, decimals: number): string {
  const places = terminatingPlaces(v, 6);
  return places !== undefined && places <= decimals ? toFixed(v, decimals) : display(v, decimals);
}

export function restatementFinding(stepIndex: number, reading: StepReading, pair: Pair, value: Exact, other: Exact): Finding {
  const lhs = sideText(reading.text, pair.source, pair.left);
  const rhs = sideText(reading.text, pair.source, pair.right);
  return {
    stepIndex,
    kind: 'arithmetic',
    explanation: `${lhs} is ${display(value, 2)}, but ${rhs} is ${display(other, 2)}.`,
    hint: `Check the calculation in step ${stepIndex + 1}.`,
    span: tokenSpan(pair.source, pair.right.start, pair.right.end - 1),
  };
}
