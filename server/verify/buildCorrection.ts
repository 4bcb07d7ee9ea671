// The LeMa-shaped correction for a wrong number: the incorrect step with the right value, and the
// later steps that used the wrong value recomputed (transitively: a result computed from a
// corrected value is itself corrected, and so is every later mention of it), ending with the
// corrected final answer. Only numbers are replaced; the wording stays as written.
import type { Problem } from '../document/types.ts';
import type { Correction, RelatedStep } from '../engine/types.ts';
import { checkArithmetic, literalValue, pairsOf } from './checkPairs.ts';
import type { Finding } from './describeFinding.ts';

import { formatLike, styleOf, type NumberStyle } from './formatNumber.ts';
import { evaluate } from './math/evaluate.ts';
import { equal, roundTo, type Exact } from './math/exact.ts';
import type { Expr } from './math/parseExpression.ts';
import { readStep, tokenSpan, type Source, type StepReading } from './readStep.ts';
import { judge } from './rounding.ts';
import type { NumToken } from './tokenize.ts';

interface Substitution {
  from: Exact;
  to: Exact;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const MAX_SUBSTITUTIONS = 200;

/** Decimal places of a written result, on the underlying value (a percentage has two more). */
function places(literal: NonNullable<Finding['fix']>['literal']): number {
  return literal.num.decimals + (literal.percent ? 2 : 0);
}

export function buildCorrection(
  problem: Problem,
  readings: StepReading[],
  finding: Finding,
): { correction?: Correction; related?: RelatedStep[] } {
  if (finding.kind === 'final-answer' && finding.finalValue) return finalAnswerCorrection(problem, finding, finding.finalValue);
  const fix = finding.fix;
  if (!fix) return {};
  const k = finding.stepIndex;
  // A wrong rounding is corrected to the right rounding at the precision the person chose
  // (`10 / 3 ≈ 3.4` becomes `≈ 3.3`), and later steps carry that value on.
  const right = finding.kind === 'rounding' ? roundTo(fix.right, places(fix.literal), 'half-away') : fix.right;
  const subs: Substitution[] = [{ from: fix.written, to: right }];
  const texts: string[] = [];
  const related: RelatedStep[] = [];
  const fixSpan = tokenSpan(fix.source, fix.literal.first, fix.literal.ref);
  const wrongText = readings[k]!.text.slice(fixSpan.start, fixSpan.end);

  for (let s = k; s < readings.length; s++) {
    const reading = readings[s]!;
    const edits = new Map<number, Edit>();
    // New values of number tokens, keyed by source and token index.
    const newValues = new Map<Source, Map<number, Exact>>();
    const setValue = (source: Source, ref: number, v: Exact): void => {
      let m = newValues.get(source);
      if (!m) newValues.set(source, (m = new Map()));
      m.set(ref, v);
    };
    const editToken = (source: Source, first: number, ref: number, v: Exact, style: NumberStyle): void => {
      const span = tokenSpan(source, first, ref);
      edits.set(span.start, { ...span, text: formatLike(v, style) });
    };
    const styleOfToken = (source: Source, first: number, ref: number, num: NumToken, percent: boolean): NumberStyle => {
      const span = tokenSpan(source, first, ref);
      return styleOf(reading.text.slice(span.start, span.end), num.decimals, percent);
    };
    // The first value of this step that changed because of the slip, for the related message.
    let usedValue: { value: Exact; text: string } | undefined;
    const substituted = (v: Exact): Exact | undefined => subs.find((sub) => equal(sub.from, v))?.to;
    const noteUse = (source: Source, ref: number): void => {
      if (usedValue) return;
      const span = tokenSpan(source, ref, ref);
      usedValue = { value: (source.tokens[ref] as NumToken).value, text: reading.text.slice(span.start, span.end) };
    };

    if (s === k) {
      setValue(fix.source, fix.literal.ref, right);
      editToken(fix.source, fix.literal.first, fix.literal.ref, right, styleOfToken(fix.source, fix.literal.first, fix.literal.ref, fix.literal.num, fix.literal.percent));
    }
    const startAt = s === k ? fixSpan.start : -1;

    for (const pair of pairsOf(reading)) {
      if (pair.position <= startAt) {
        // The same slip stated earlier in the step (`<<9*2=19>>` before the text's `19`).
        const o = checkArithmetic(pair, { roundedValues: [] });
        if (o.status === 'wrong' && equal(o.written, fix.written) && equal(o.value, fix.right)) {
          editToken(pair.source, o.literal.first, o.literal.ref, right, styleOfToken(pair.source, o.literal.first, o.literal.ref, o.literal.num, o.literal.percent));
        }
        continue;
      }
      if (!pair.left.expr || !pair.right.expr) continue;
      const source = pair.source;
      // Evaluate the left side with corrected operands, editing each operand that changes.
      const withNew = (e: Expr): Expr => {
        if (e.kind === 'num') {
          const known = newValues.get(source)?.get(e.ref);
          const tokenPos = tokenSpan(source, e.ref, e.ref).start;
          const replacement = known ?? (tokenPos > startAt ? substituted(e.value) : undefined);
          if (!replacement) return e;
          if (!known) {
            noteUse(source, e.ref);
            setValue(source, e.ref, replacement);
            const token = source.tokens[e.ref] as NumToken;
            editToken(source, e.ref, e.ref, replacement, styleOfToken(source, e.ref, e.ref, token, false));
          }
          return { ...e, value: replacement };
        }
        if (e.kind === 'neg' || e.kind === 'percent') return { ...e, arg: withNew(e.arg) };
        if (e.kind === 'bin') return { ...e, left: withNew(e.left), right: withNew(e.right) };
        return e;
      };
      const before = evaluate(pair.left.expr);
      const after = evaluate(withNew(pair.left.expr));
      if (!before || !after || equal(before, after)) continue;
      const literal = pair.right.literal;
      if (literal) {
        const written = literalValue(literal);
        const held = judge(before, { value: written, decimals: literal.num.decimals, percent: literal.percent, repeating: literal.num.repeating }, pair.approx, false);
        if (held !== 'exact' && held !== 'rounded') continue; // an independent slip: left as written
        setValue(source, literal.ref, after);
        editToken(source, literal.first, literal.ref, after, styleOfToken(source, literal.first, literal.ref, literal.num, literal.percent));
        if (subs.length < MAX_SUBSTITUTIONS && !subs.some((x) => equal(x.from, written))) subs.push({ from: written, to: after });
      } else {
        const lead = source.tokens[pair.right.start];
        if (lead?.type === 'num' && equal(lead.value, before)) {
          setValue(source, pair.right.start, after);
          editToken(source, pair.right.start, pair.right.start, after, styleOfToken(source, pair.right.start, pair.right.start, lead, false));
        }
      }
    }
    // Later mentions of a corrected value ("So she has 19 eggs").
    for (const source of reading.sources) {
      source.tokens.forEach((t, ref) => {
        if (t.type !== 'num' || newValues.get(source)?.has(ref)) return;
        const span = tokenSpan(source, ref, ref);
        if (span.start <= startAt || edits.has(span.start)) return;
        const to = substituted(t.value);
        if (!to) return;
        const percent = source.tokens[ref + 1]?.type === 'percent';
        if (percent) return;
        noteUse(source, ref);
        editToken(source, ref, ref, to, styleOfToken(source, ref, ref, t, false));
      });
    }
    texts.push(applyEdits(reading.text, [...edits.values()]));
    if (s > k && edits.size > 0) {
      const used = usedValue as { value: Exact; text: string } | undefined;
      const message =
        !used || equal(used.value, fix.written)
          ? `Uses the wrong value ${wrongText} from step ${k + 1}.`
          : `Uses ${used.text}, which follows from the wrong value ${wrongText} in step ${k + 1}.`;
      related.push({ stepIndex: s, message });
    }
  }

  let finalAnswer: string | undefined;
  const answer = problem.finalAnswer;
  if (answer) {
    finalAnswer = answer.value;
    const located = firstNumber(answer.value);
    if (located) {
      // One lookup, not a chain: each substitution maps a value as written to its corrected value.
      const v = subs.find((x) => equal(x.from, located.value))?.to ?? located.value;
      if (!equal(v, located.value)) finalAnswer = replaceRange(answer.value, located.start, located.end, formatLike(v, located.style));
    }
  }
  return { correction: { fromStep: k, steps: texts, finalAnswer }, related: related.length > 0 ? related : undefined };
}

function finalAnswerCorrection(problem: Problem, finding: Finding, value: Exact): { correction?: Correction } {
  const answer = problem.finalAnswer;
  if (!answer) return {};
  const located = firstNumber(answer.value);
  const finalAnswer = located
    ? replaceRange(answer.value, located.start, located.end, formatLike(value, located.style))
    : formatLike(value, { decimals: 0, separator: '', percent: false });
  const step = problem.steps[finding.stepIndex];
  if (!step) return {};
  const stepText =
    finding.span && located
      ? replaceRange(step.text, finding.span.start, finding.span.end, formatLike(value, located.style))
      : step.text;
  return { correction: { fromStep: finding.stepIndex, steps: [stepText], finalAnswer } };
}

function firstNumber(text: string): { value: Exact; start: number; end: number; style: NumberStyle } | undefined {
  // Read the answer as a one-line step; the first number is the one to replace.
  const reading = readStep(text);
  const source = reading.sources[0];
  const ref = source?.tokens.findIndex((t) => t.type === 'num') ?? -1;
  if (!source || ref < 0) return undefined;
  const token = source.tokens[ref] as NumToken;
  const span = tokenSpan(source, ref, ref);
  const percent = source.tokens[ref + 1]?.type === 'percent';
  const value = percent ? literalValue({ num: token, ref, negative: false, percent: true, first: ref, last: ref }) : token.value;
  return { value, ...span, style: styleOf(text.slice(span.start, span.end), token.decimals, percent) };
}

function replaceRange(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = replaceRange(out, e.start, e.end, e.text);
  return out;
}
