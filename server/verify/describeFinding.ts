// The words of a finding: the explanation ("9 × 2 is 18, not 19."), the hint that names the step
// without giving the answer, and the span to underline, using the numbers and symbols as written.
import type { MistakeKind, TextSpan } from '../engine/types.ts';
import { literalValue, type Pair } from './checkPairs.ts';
import type { Literal } from './extractChains.ts';
import { formatLike, formatRounded, groupThousands, styleOf } from './formatNumber.ts';
import { type Exact, toDecimal, terminatingPlaces } from './math/exact.ts';
import type { Counterexample } from './math/counterexample.ts';
import { hasVariable, type Expr } from './math/parseExpression.ts';
import { evaluate } from './math/evaluate.ts';
import { currencyBefore, sideText, tokenSpan, type Source, type StepReading } from './readStep.ts';
import { formatFraction, fractionFix, fractionResult, type FractionResult } from './fractionResult.ts';
import { equal } from './math/exact.ts';

export interface Finding {
  stepIndex: number;
  kind: MistakeKind;
  explanation: string;
  hint: string;
  span?: TextSpan;
  /**
   * The wrong number and its right value, when the mistake is one written number; `fraction` when
   * that number is a fraction (`2/6`): the whole fraction is replaced, as a fraction.
   */
  fix?: { source: Source; literal: Literal; written: Exact; right: Exact; fraction?: FractionResult };
  /** For a final-answer mistake: the value the steps computed. */
  finalValue?: Exact;
  /** For an equation step with another solution than the equation before it: both solutions. */
  solution?: { variable: string; wrong: Exact; right: Exact };
}

function operationName(e: Expr | undefined): string {
  if (e?.kind === 'bin') {
    switch (e.op) {
      case '+':
        return 'addition';
      case '-':
        return 'subtraction';
      case '*':
        return 'multiplication';
      case '/':
        return 'division';
      case '^':
        return 'power';
    }
  }
  if (e?.kind === 'percent') return 'percentage';
  return 'calculation';
}

/** A value for an explanation: exact when it terminates, else one more place than written and `…`. */
export function display(value: Exact, places: number, separator = ''): string {
  const exact = terminatingPlaces(value, 6);
  const grouped = groupThousands(toDecimal(value, exact !== undefined ? 6 : Math.max(places, 2) + 1), separator);
  return exact !== undefined ? grouped : `${grouped}…`;
}

export function arithmeticFinding(
  stepIndex: number,
  reading: StepReading,
  pair: Pair,
  value: Exact,
  literal: Literal,
  written: Exact,
  roundingOnly: boolean,
): Finding {
  const lhs = sideText(reading.text, pair.source, pair.left);
  const fraction = pair.right.literal ? undefined : fractionResult(pair);
  if (fraction && equal(fraction.value, written)) {
    // "1/2 + 1/4 is 3/4, not 2/6": a fraction is answered with a fraction, in the same notation.
    const rhs = sideText(reading.text, pair.source, pair.right);
    const span = tokenSpan(pair.source, fraction.first, fraction.last);
    return {
      stepIndex,
      kind: 'arithmetic',
      explanation: `${lhs} is ${formatFraction(value, /\\[dt]?frac\b/.test(rhs))}, not ${rhs}.`,
      hint: `Check the ${operationName(pair.left.expr)} in step ${stepIndex + 1}.`,
      span,
      fix: fractionFix(pair, value),
    };
  }
  const span = tokenSpan(pair.source, literal.first, literal.ref);
  const writtenText = reading.text.slice(span.start, span.end);
  const style = styleOf(writtenText, literal.num.decimals, literal.percent, literal.num.currency);
  const step = stepIndex + 1;
  // formatLike writes a percentage's value times 100, exactly when it terminates within 4 places;
  // places written as a notation (`$49.00`) are kept when the value fits them ("is $49.50").
  const fits = style.fixed && (terminatingPlaces(value, literal.num.decimals) ?? Infinity) <= literal.num.decimals;
  const shownValue = literal.percent
    ? `${formatLike(value, style)}%`
    : fits
      ? formatLike(value, style)
      : display(value, literal.num.decimals, style.separator);
  const currency = literal.num.currency ? currencySign(reading.text, span.start) : '';
  const writtenShown = literal.percent ? `${writtenText}%` : `${currency}${writtenText}`;
  const shown = literal.percent ? shownValue : `${currency}${shownValue}`;
  if (roundingOnly) {
    const rounded = formatRounded(value, style);
    return {
      stepIndex,
      kind: 'rounding',
      explanation: `${lhs} is ${shown}, which rounds to ${rounded}${literal.percent ? '%' : ''}, not ${writtenShown}.`,
      hint: `Check the rounding in step ${step}.`,
      span,
      fix: { source: pair.source, literal, written, right: value },
    };
  }
  return {
    stepIndex,
    kind: 'arithmetic',
    explanation: `${lhs} is ${shown}, not ${writtenShown}.`,
    hint: `Check the ${operationName(pair.left.expr)} in step ${step}.`,
    span,
    fix: { source: pair.source, literal, written, right: value },
  };
}

/** The currency sign written just before offset `at` (`$`, `\\$`, `€`, `£`). */
function currencySign(text: string, at: number): string {
  // `$<<9*2=18>>18`: the sign stands before the annotation.
  if (text.slice(0, at).endsWith('>>')) {
    const open = text.lastIndexOf('<<', at);
    if (open !== -1) at = open;
  }
  return currencyBefore(text, at);
}

export function equationFinding(
  stepIndex: number,
  reading: StepReading,
  pair: Pair,
  variable: string,
  before: { value: Exact; stepIndex: number; text: string },
  value: Exact,
): Finding {
  const literal = pair.right.literal ?? pair.left.literal;
  const isAssignment = literal && (pair.left.expr?.kind === 'var' || pair.right.expr?.kind === 'var');
  const span = isAssignment
    ? tokenSpan(pair.source, literal.first, literal.ref)
    : tokenSpan(pair.source, pair.left.start, pair.right.end - 1);
  const here = `${sideText(reading.text, pair.source, pair.left)} = ${sideText(reading.text, pair.source, pair.right)}`;
  const right = display(before.value, 2);
  const fix = isAssignment && literal ? { source: pair.source, literal, written: literalValue(literal), right: before.value } : equationFix(pair, variable, before.value);
  return {
    stepIndex,
    kind: 'algebra',
    explanation: isAssignment
      ? `From ${before.text}, ${variable} = ${right}, not ${display(value, 2)}.`
      : `${here} gives ${variable} = ${display(value, 2)}, but ${before.text} gives ${variable} = ${right}.`,
    hint: `Check how step ${stepIndex + 1} solves for ${variable}.`,
    span,
    ...(fix ? { fix } : {}),
    solution: { variable, wrong: value, right: before.value },
  };
}

/**
 * `2x = 9` after `2x + 3 = 11`: the number alone on one side is what the other side is at the
 * previous equation's solution (`2x = 8`), so the step keeps its form and solves exactly.
 */
function equationFix(pair: Pair, variable: string, solution: Exact): Finding['fix'] {
  const sides: Array<[Pair['left'], Pair['right']]> = [
    [pair.left, pair.right],
    [pair.right, pair.left],
  ];
  for (const [withVar, alone] of sides) {
    if (!alone.literal || !withVar.expr || !hasVariable(withVar.expr) || alone.literal.percent) continue;
    const v = evaluate(withVar.expr, new Map([[variable, solution]]));
    if (v) return { source: pair.source, literal: alone.literal, written: literalValue(alone.literal), right: v };
  }
  return undefined;
}

export function identityFinding(stepIndex: number, reading: StepReading, pair: Pair, counter: Counterexample): Finding {
  const lhs = sideText(reading.text, pair.source, pair.left);
  const rhs = sideText(reading.text, pair.source, pair.right);
  const at = counter.assignment.map(([name, v]) => `${name} = ${display(v, 2)}`).join(', ');
  return {
    stepIndex,
    kind: 'algebra',
    explanation: `${lhs} = ${rhs} does not hold: with ${at} the left side is ${display(counter.left, 2)} and the right side is ${display(counter.right, 2)}.`,
    hint: `Check the algebra in step ${stepIndex + 1}.`,
    span: tokenSpan(pair.source, pair.right.start, pair.right.end - 1),
  };
}
