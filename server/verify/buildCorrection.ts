// The LeMa-shaped correction for a wrong number: the incorrect step with the right value, and the
// later steps that used the wrong value recomputed, ending with the corrected final answer. It
// follows values, not text: a number changes only where its latest origin (see valueTrail.ts) was
// corrected, so an equal number computed elsewhere is kept. Only numbers are replaced; the
// wording, currency signs and places stay as written. embeddedEngine.ts re-verifies the result.
import type { Problem } from '../document/types.ts';
import type { Correction, RelatedStep } from '../engine/types.ts';
import { checkArithmetic, literalValue, pairsOf, type Pair } from './checkPairs.ts';
import type { Finding } from './describeFinding.ts';
import type { Literal } from './extractChains.ts';
import { formatLike, styleOf } from './formatNumber.ts';
import { evaluate } from './math/evaluate.ts';
import { div, equal, HUNDRED, roundTo, type Exact } from './math/exact.ts';
import { hasOperation, hasVariable, type Expr } from './math/parseExpression.ts';
import { readStep, tokenSpan, type Source, type StepReading } from './readStep.ts';
import { judge } from './rounding.ts';
import type { NumToken } from './tokenize.ts';
import { at, ValueTrail } from './valueTrail.ts';
import { answerFraction, applyEdits, finalAnswerCorrection, firstNumber, replaceRange, type Edit } from './finalAnswerText.ts';
import { fractionOf, fractionParts, fractionResult, type FractionResult } from './fractionResult.ts';


/** Decimal places of a written result, on the underlying value (a percentage has two more). */
function places(literal: Literal): number {
  return literal.num.decimals + (literal.percent ? 2 : 0);
}

export function buildCorrection(
  problem: Problem,
  readings: StepReading[],
  finding: Finding,
): { correction?: Correction; related?: RelatedStep[]; uncertain?: boolean } {
  if (finding.kind === 'final-answer' && finding.finalValue) return finalAnswerCorrection(problem, finding, finding.finalValue);
  const fix = finding.fix;
  if (!fix) return {};
  const k = finding.stepIndex;
  // A wrong rounding is corrected to the right rounding at the precision the person chose
  // (`10 / 3 ≈ 3.4` becomes `≈ 3.3`), and later steps carry that value on.
  const right = finding.kind === 'rounding' ? roundTo(fix.right, places(fix.literal), 'half-away') : fix.right;
  const trail = new ValueTrail();
  const fixSpan = fix.fraction ? tokenSpan(fix.source, fix.fraction.first, fix.fraction.last) : tokenSpan(fix.source, fix.literal.first, fix.literal.ref);
  // An algebra slip: later steps that used the wrong solution use the right one.
  if (finding.solution) trail.produce(at(k, fixSpan.start), finding.solution.wrong, finding.solution.right);
  trail.produce(at(k, fixSpan.start), fix.written, right, !!fix.fraction);
  const texts: string[] = [];
  const related: RelatedStep[] = [];
  // A number changed because of its value may also have come from the question or an earlier
  // step; then which one the writer meant cannot be told, and the correction is uncertain.
  const elsewhere = valuesBefore(problem.question, readings, k, fixSpan.start, fix.written);
  let uncertain = false;
  const follow = (where: number, written: Exact, fraction = false): Exact | undefined => {
    const { corrected, shadowed } = trail.lookup(where, written, fraction);
    if (shadowed || (corrected && elsewhere.some((v) => equal(v, written)))) uncertain = true;
    return corrected;
  };
  const wrongText = readings[k]!.text.slice(fixSpan.start, fixSpan.end);

  for (let s = k; s < readings.length; s++) {
    const reading = readings[s]!;
    const edits = new Map<number, Edit>();
    // New values of number tokens, and the tokens claims read (mentions are the others).
    const newValues = new Map<Source, Map<number, Exact>>();
    const inClaims = new Map<Source, Set<number>>();
    const setValue = (source: Source, ref: number, v: Exact): void => {
      let m = newValues.get(source);
      if (!m) newValues.set(source, (m = new Map()));
      m.set(ref, v);
    };
    const markClaim = (source: Source, from: number, to: number): void => {
      let m = inClaims.get(source);
      if (!m) inClaims.set(source, (m = new Set()));
      for (let r = from; r < to; r++) m.add(r);
    };
    const editToken = (source: Source, first: number, ref: number, v: Exact, percent: boolean): void => {
      const span = tokenSpan(source, first, ref);
      const num = source.tokens[ref] as NumToken;
      const style = styleOf(reading.text.slice(span.start, span.end), num.decimals, percent, num.currency);
      edits.set(span.start, { ...span, text: formatLike(v, style) });
    };
    // The first value of this step that changed because of the slip, for the related message.
    let usedValue: { value: Exact; text: string } | undefined;
    const noteUse = (source: Source, ref: number, last = ref, value = (source.tokens[ref] as NumToken).value): void => {
      if (usedValue) return;
      const span = tokenSpan(source, ref, last);
      usedValue = { value, text: reading.text.slice(span.start, span.end) };
    };

    /** A fraction's numerator and denominator tokens rewritten to `v`. */
    const editFraction = (source: Source, f: FractionResult, v: Exact, denominatorRef: number): void => {
      const parts = fractionParts(v, f.denominator);
      const a = tokenSpan(source, f.numerator, f.numerator);
      const b = tokenSpan(source, denominatorRef, denominatorRef);
      edits.set(a.start, { ...a, text: parts.numerator });
      edits.set(b.start, { ...b, text: parts.denominator });
    };
    const denominatorOf = (source: Source, f: FractionResult): number => {
      for (let r = f.last; r > f.numerator; r--) if (source.tokens[r]?.type === 'num') return r;
      return f.numerator;
    };

    if (s === k) {
      setValue(fix.source, fix.literal.ref, right);
      if (fix.fraction) editFraction(fix.source, fix.fraction, right, denominatorOf(fix.source, fix.fraction));
      else editToken(fix.source, fix.literal.first, fix.literal.ref, right, fix.literal.percent);
    }
    const startAt = s === k ? fixSpan.start : -1;

    for (const pair of pairsOf(reading)) {
      if (pair.position <= startAt) {
        // The same slip stated earlier in the step (`<<9*2=19>>` before the text's `19`).
        const o = checkArithmetic(pair, { roundedValues: [] });
        if (pair.source === fix.source && pair.right.start === (fix.fraction?.first ?? fix.literal.first)) continue; // the slip itself
        if (o.status === 'wrong' && equal(o.written, fix.written) && equal(o.value, fix.right)) {
          setValue(pair.source, o.literal.ref, right);
          const f = pair.right.literal ? undefined : fractionResult(pair);
          if (f) editFraction(pair.source, f, right, denominatorOf(pair.source, f));
          else editToken(pair.source, o.literal.first, o.literal.ref, right, o.literal.percent);
        }
        continue;
      }
      if (!pair.left.expr || !pair.right.expr) continue;
      const source = pair.source;
      // Evaluate with corrected operands, editing each operand whose origin was corrected.
      const withNew = (e: Expr): Expr => {
        if (e.kind === 'bin' && e.op === '/' && e.left.kind === 'num' && e.right.kind === 'num') {
          // A fraction operand (`1 - 2/6`) refers to a fraction result as one value.
          const f = fractionOf(source, e, e.left.ref, e.right.ref);
          const pos = tokenSpan(source, e.left.ref, e.left.ref).start;
          const to = f && pos > startAt ? follow(at(s, pos), f.value, true) : undefined;
          if (f && to) {
            noteUse(source, e.left.ref, e.right.ref, f.value);
            setValue(source, e.left.ref, to);
            setValue(source, e.right.ref, to);
            editFraction(source, f, to, e.right.ref);
            return { kind: 'num', value: to, ref: e.left.ref };
          }
        }
        if (e.kind === 'percent' && e.arg.kind === 'num') {
          // `50%` refers to a result worth 0.5 (`10 * 5% = 50%`), not to a 50.
          const num = e.arg;
          const value = div(num.value, HUNDRED)!;
          const known = newValues.get(source)?.get(num.ref);
          const pos = tokenSpan(source, num.ref, num.ref).start;
          const replacement = known ?? (pos > startAt ? follow(at(s, pos), value) : undefined);
          if (!replacement) return e;
          if (!known) {
            noteUse(source, num.ref, source.tokens[num.ref + 1]?.type === 'percent' ? num.ref + 1 : num.ref, value);
            setValue(source, num.ref, replacement);
            editToken(source, num.ref, num.ref, replacement, true);
          }
          return { kind: 'num', value: replacement, ref: num.ref };
        }
        if (e.kind === 'num') {
          const known = newValues.get(source)?.get(e.ref);
          const tokenPos = tokenSpan(source, e.ref, e.ref).start;
          const replacement = known ?? (tokenPos > startAt ? follow(at(s, tokenPos), e.value) : undefined);
          if (!replacement) return e;
          if (!known) {
            noteUse(source, e.ref);
            setValue(source, e.ref, replacement);
            editToken(source, e.ref, e.ref, replacement, false);
          }
          return { ...e, value: replacement };
        }
        if (e.kind === 'neg' || e.kind === 'percent') return { ...e, arg: withNew(e.arg) };
        if (e.kind === 'bin') return { ...e, left: withNew(e.left), right: withNew(e.right) };
        return e;
      };
      markClaim(source, pair.left.start, pair.left.end);
      const newLeft = withNew(pair.left.expr);
      if (hasVariable(pair.left.expr) || hasVariable(pair.right.expr)) {
        // An equation: its numbers follow their origins; re-verification judges the result.
        markClaim(source, pair.right.start, pair.right.end);
        withNew(pair.right.expr);
        continue;
      }
      const before = evaluate(pair.left.expr);
      const after = evaluate(newLeft);
      if (!before || !after) continue;
      // A result this claim does not own (`7 = 16` read from `22 – 7 = 16`) is left to the mentions.
      if (recompute(pair, before, after)) markClaim(source, pair.right.start, pair.right.end);
    }

    /**
     * The result of a claim whose operands changed: rewritten when it held or the claim is a
     * computation of its own, and followed on. False when the claim does not own its result.
     */
    function recompute(pair: Pair, before: Exact, after: Exact): boolean {
      const source = pair.source;
      const fraction = pair.right.literal ? undefined : fractionResult(pair);
      if (fraction) {
        const where = at(s, tokenSpan(source, fraction.first, fraction.first).start);
        if (newValues.get(source)?.has(fraction.numerator)) return true;
        if (equal(before, after)) {
          if (equal(before, fraction.value)) trail.produce(where, fraction.value, undefined, true);
          return true;
        }
        setValue(source, fraction.numerator, after);
        editFraction(source, fraction, after, denominatorOf(source, fraction));
        trail.produce(where, fraction.value, after, true);
        return true;
      }
      const literal = pair.right.literal ?? leadOf(pair);
      if (!literal) return false;
      const written = literalValue(literal);
      if (newValues.get(source)?.has(literal.ref)) return true; // already corrected (the slip itself)
      const where = at(s, tokenSpan(source, literal.ref, literal.ref).start);
      if (equal(before, after)) {
        const o = checkArithmetic(pair, { roundedValues: [] });
        if (o.status === 'ok') trail.produce(where, written); // a result of its own: equal numbers after it are not the slip's
        else if (o.status === 'wrong' && s === k && equal(literal.num.value, fix!.literal.num.value)) {
          // The slip restated in its step (`84/12 = <<84/12=6>>6 dozen`, `.24 * 100% = <<.24*100=25>>25%`).
          setValue(source, literal.ref, o.value);
          editToken(source, literal.first, literal.ref, o.value, literal.percent);
        } else return false;
        return true;
      }
      const held = judge(before, { value: written, decimals: literal.num.decimals, percent: literal.percent, repeating: literal.num.repeating }, pair.approx, false);
      const computation = hasOperation(pair.left.expr!) && pair.left.trusted && pair.right.trusted;
      if (held !== 'exact' && held !== 'rounded' && !computation) return false;
      // A later slip of its own in a computation is corrected too: the solution is offered only whole.
      // A result written rounded stays rounded to the places it was written with.
      const value = held === 'rounded' ? roundTo(after, places(literal), 'half-away') : after;
      setValue(source, literal.ref, value);
      editToken(source, literal.first, literal.ref, value, literal.percent);
      trail.produce(where, written, value);
      return true;
    }

    // Later mentions of a corrected value ("So she has 19 eggs").
    for (const source of reading.sources) {
      source.tokens.forEach((t, ref) => {
        if (t.type !== 'num' || newValues.get(source)?.has(ref) || inClaims.get(source)?.has(ref)) return;
        const span = tokenSpan(source, ref, ref);
        if (span.start <= startAt || edits.has(span.start)) return;
        if (source.tokens[ref + 1]?.type === 'percent') return;
        const to = follow(at(s, span.start), t.value);
        if (!to) return;
        noteUse(source, ref);
        editToken(source, ref, ref, to, false);
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
    // The answer follows the latest result with its value (its origin in practice); re-verification checks it.
    const fraction = answerFraction(answer.value);
    const toFraction = fraction && trail.correctedValue(Number.MAX_SAFE_INTEGER, fraction.result.value, true);
    const to = !fraction && located && trail.correctedValue(Number.MAX_SAFE_INTEGER, located.value);
    if (fraction && toFraction) {
      const parts = fractionParts(toFraction, fraction.result.denominator);
      const n = tokenSpan(fraction.source, fraction.result.numerator, fraction.result.numerator);
      const d = tokenSpan(fraction.source, fraction.denominatorRef, fraction.denominatorRef);
      finalAnswer = applyEdits(answer.value, [
        { ...n, text: parts.numerator },
        { ...d, text: parts.denominator },
      ]);
    } else if (located && to) finalAnswer = replaceRange(answer.value, located.start, located.end, formatLike(to, located.style));
  }
  return {
    correction: { fromStep: k, steps: texts, finalAnswer },
    ...(related.length > 0 ? { related } : {}),
    ...(uncertain ? { uncertain } : {}),
  };
}

/**
 * Values of the numbers in the question, the steps before `k` and step `k` before `offset`, but
 * for the slip restated in its own step (`<<9*2=19>>` before the text's `19`).
 */
function valuesBefore(question: string, readings: StepReading[], k: number, offset: number, slip: Exact): Exact[] {
  const values: Exact[] = [];
  const collect = (reading: StepReading, ownStep: boolean): void => {
    for (const source of reading.sources) {
      source.tokens.forEach((t, ref) => {
        if (t.type !== 'num') return;
        if (ownStep && (tokenSpan(source, ref, ref).start >= offset || equal(t.value, slip))) return;
        values.push(t.value);
      });
    }
  };
  collect(readStep(question), false);
  for (let s = 0; s <= k; s++) collect(readings[s]!, s === k);
  return values;
}
/** The number a running calculation's right side starts with (`10` in `= 10 * 2`). */
function leadOf(pair: Pair): Literal | undefined {
  const first = pair.source.tokens[pair.right.start];
  const next = pair.source.tokens[pair.right.start + 1];
  if (first?.type !== 'num' || next?.type !== 'op' || next.op === '^') return undefined;
  return { num: first, ref: pair.right.start, negative: false, percent: false, first: pair.right.start, last: pair.right.start };
}
