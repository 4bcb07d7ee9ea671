// Walks a problem's steps in order and returns the first provable mistake: a wrong computation or
// rounding, an equation step whose solution differs from the equation before it, an identity with
// a counterexample, or a final answer that disagrees with the last computed value.
import type { Problem } from '../document/types.ts';
import { checkArithmetic, pairsOf, readEquation, type ArithmeticContext, type Pair } from './checkPairs.ts';
import { checkFinalAnswer } from './checkFinalAnswer.ts';
import { arithmeticFinding, equationFinding, identityFinding, type Finding } from './describeFinding.ts';
import { counterexample } from './math/counterexample.ts';
import { equal, type Exact } from './math/exact.ts';
import { hasVariable, variablesOf, type Expr } from './math/parseExpression.ts';
import { readStep, sideText, type StepReading } from './readStep.ts';
import { hasApplication, looksLikeRewrite } from './claimShape.ts';
import { rejectsClaim, writerTestsClaim } from './testedClaim.ts';
import { holdsInAnotherReading } from './otherReadings.ts';
import { restatementFinding, wordedFinding } from './fractionFinding.ts';
import { statedTotal, wordedClaims, type WordedClaim } from './wordedClaims.ts';
import { trailingExpression } from './extractChains.ts';
import { evaluate } from './math/evaluate.ts';
import { judge } from './rounding.ts';

export type { Finding };


export interface Inspection {
  readings: StepReading[];
  finding?: Finding;
  /** Claims that were checked and held. */
  verified: number;
}


/** Modular arithmetic: `3 * 5 = 1 (mod 7)` states a congruence, not an equality of numbers. */
const MODULAR = /\bmod(ulo)?\b|≡|\\equiv\b|\\pmod\b|\\bmod\b|\\mod\b|\bcongruent\b/i;

/**
 * Text that offers alternatives or a case analysis: equations in it may list several solutions
 * (`x = 4 or x = -4`, `r = |12r - 60| / 13` and its two cases, "Alternatively, ...").
 */
const ALTERNATIVES = /\bor\b|±|\\pm\b|\\mp\b|\bcases?\b|\balternative\w*|\botherwise\b|\beither\b|\||\\mid\b/i;

/**
 * How an equation pins its variable: `x = 5` (plain), `x = 204 / 3` (computed) or anything else
 * (an equation to solve). Two plain or computed values of one name may be two cases or two
 * quantities (`k = 2·3·5`, then `k = 7·11`); only an equation's solution is a claim a later value
 * can contradict.
 */
type EquationKind = 'plain' | 'computed' | 'equation';

export function inspectProblem(problem: Problem): Inspection {
  const readings = problem.steps.map((s) => readStep(s.text));
  const ctx: ArithmeticContext = { roundedValues: [] };
  const solved = new Map<string, { value: Exact; stepIndex: number; text: string; kind: EquationKind; unit?: string }>();
  // Variables that may have several values (`x^2 = 16`, `x = 4 or x = -4`): never flagged.
  const ambiguous = new Set<string>();
  let verified = 0;
  let lastComputed: { stepIndex: number; pair: Pair; value: Exact } | undefined;

  for (let s = 0; s < readings.length; s++) {
    const reading = readings[s]!;
    const step = problem.steps[s]!;
    const pairs = pairsOf(reading);
    const alternatives = ALTERNATIVES.test(reading.text);
    const modular = MODULAR.test(reading.text);
    for (const pair of pairs) {
      const { left, right } = pair;
      if (!left.expr || !right.expr) continue;
      if (!hasVariable(left.expr) && !hasVariable(right.expr)) {
        const outcome = checkArithmetic(pair, ctx);
        if (outcome.status === 'ok') {
          verified++;
          if (!pair.source.annotation && right.literal) lastComputed = { stepIndex: s, pair, value: outcome.value };
        } else if (outcome.status === 'wrong' && !step.ignored && !modular && !writerTestsClaim(reading, pair, outcome.value, outcome.written) && !holdsInAnotherReading(reading.text, outcome.part ?? pair, outcome.value, outcome.written)) {
          const shown = pair.source.annotation ? sameSlipInText(pairs, pair, outcome, ctx) : undefined;
          const [p, o] = shown ?? [outcome.part ?? pair, outcome];
          return { readings, verified, finding: arithmeticFinding(s, reading, p, o.value, o.literal, o.written, o.judgement === 'wrong-rounding') };
        } else if (outcome.status === 'wrong-restatement' && !step.ignored && !modular && !writerTestsClaim(reading, pair, outcome.value, outcome.written)) {
          return { readings, verified, finding: restatementFinding(s, reading, pair, outcome.value, outcome.written) };
        }
        continue;
      }
      const tokens = pair.source.tokens;
      const notation = hasApplication(tokens, left) || hasApplication(tokens, right);
      const equation = left.trusted && right.trusted && !notation ? readEquation(pair) : undefined;
      if (!equation) for (const name of variablesOf(right.expr, variablesOf(left.expr))) ambiguous.add(name);
      if (equation) {
        if (equation.solutions.kind === 'none' && !step.ignored && looksLikeRewrite(reading.text, tokens, left, right)) {
          // `2(x + 3) = 2x + 3`: no value of x makes it hold, so the rewrite is wrong.
          const counter = counterexample(left.expr, right.expr);
          if (counter) return { readings, verified, finding: identityFinding(s, reading, pair, counter) };
        }
        if (equation.solutions.kind !== 'one') continue;
        if (alternatives) ambiguous.add(equation.variable);
        const kind = equationKind(left.expr, right.expr, !!left.literal, !!right.literal);
        const before = solved.get(equation.variable);
        const value = equation.solutions.value;
        // `2x = 1 day`, then `2x = 24 hours`: the same quantity in another unit.
        const unit = unitAfter(pair);
        const sameUnit = !before?.unit || !unit || before.unit === unit;
        // A computed value restated plainly in the next step (`x = $204 / 3`, then `x = $70`) is
        // the same quantity; further apart, or both computed, they may be two cases.
        const comparable =
          before &&
          sameUnit &&
          !ambiguous.has(equation.variable) &&
          (before.kind === 'equation' ||
            (before.kind === 'computed' && (kind === 'equation' || (kind === 'plain' && s - before.stepIndex <= 1))));
        if (before && comparable && !equal(before.value, value)) {
          if (!step.ignored && !agreesWhenRounded(pair, before.value, value)) {
            return { readings, verified, finding: equationFinding(s, reading, pair, equation.variable, before, value) };
          }
          verified++;
          continue; // keep the exact solution, not its rounded restatement
        }
        if (comparable) verified++;
        const text = `${sideText(reading.text, pair.source, left)} = ${sideText(reading.text, pair.source, right)}`;
        solved.set(equation.variable, { value, stepIndex: s, text, kind, ...(unit ? { unit } : {}) });
        continue;
      }
      if (left.trusted && right.trusted && !step.ignored && looksLikeRewrite(reading.text, tokens, left, right)) {
        const counter = counterexample(left.expr, right.expr);
        if (counter) return { readings, verified, finding: identityFinding(s, reading, pair, counter) };
        verified++;
      }
    }
    if (step.ignored || modular || rejectsClaim(reading.text)) continue;
    const pending = s > 0 ? pendingTotal(readings[s - 1]!, reading) : undefined;
    if (pending) {
      if (pending.ok) verified++;
      else return { readings, verified, finding: wordedFinding(s, reading, pending.claim, pending.rounding) };
    }
    for (const source of reading.sources) {
      for (const claim of wordedClaims(source)) {
        const { result } = claim;
        const j = judge(claim.value, { value: result.value, decimals: result.decimals, percent: false, repeating: result.repeating }, false, false);
        if (j === 'exact' || j === 'rounded') {
          verified++;
          continue;
        }
        return { readings, verified, finding: wordedFinding(s, reading, claim, j === 'wrong-rounding') };
      }
    }
  }
  const finalFinding = checkFinalAnswer(problem, readings, lastComputed);
  if (finalFinding) return { readings, verified, finding: finalFinding };
  return { readings, verified };
}

type WrongOutcome = Extract<ReturnType<typeof checkArithmetic>, { status: 'wrong' }>;

/**
 * GSM8K writes `9 * 2 = <<9*2=19>>19`: the annotation and the text after it make the same claim.
 * The text's claim is what the reader sees, so the finding points there when it says the same.
 */
function sameSlipInText(pairs: Pair[], annotated: Pair, outcome: WrongOutcome, ctx: ArithmeticContext): [Pair, WrongOutcome] | undefined {
  for (const pair of pairs) {
    if (pair.source.annotation || pair.position < annotated.position) continue;
    const o = checkArithmetic(pair, { roundedValues: [...ctx.roundedValues] });
    if (o.status === 'wrong' && equal(o.written, outcome.written) && equal(o.value, outcome.value)) return [pair, o];
  }
  return undefined;
}


/**
 * `x = 26.67` after `1.5x = 40`: a solution written rounded is the same solution. The rounding
 * rule applies with the places of the most precise number written in the new equation, and with
 * 1% leeway, since such steps often carry rounded values.
 */
function agreesWhenRounded(pair: Pair, exact: Exact, value: Exact): boolean {
  let decimals = 0;
  for (let k = pair.left.start; k < pair.right.end; k++) {
    const t = pair.source.tokens[k];
    if (t?.type === 'num') decimals = Math.max(decimals, t.decimals);
  }
  const j = judge(exact, { value, decimals, percent: false, repeating: false }, pair.approx, decimals > 0);
  return j === 'exact' || j === 'rounded';
}

/** The unit word written after an equation's right side (`24 hours` -> `hour`), if any. */
function unitAfter(pair: Pair): string | undefined {
  const t = pair.source.tokens[pair.right.end];
  if (t?.type !== 'word' || !t.space || t.text.length < 2) return undefined;
  const word = t.text.toLowerCase();
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

const COMPUTE_CUE = /\b(add|adding|sum|total|combine|combining|altogether|together|calculate|calculating|compute|computing|plus)\b/i;

/** The expression step k-1 ended with, and the total step k states for it (see statedTotal). */
function pendingTotal(previous: StepReading, reading: StepReading): { ok: true } | { ok: false; claim: WordedClaim; rounding: boolean } | undefined {
  const main = reading.sources[0];
  const before = previous.sources[0];
  if (!main || !before || reading.sources.length > 1 || main.chains.length > 0) return undefined;
  const total = statedTotal(main);
  // The step before must set the expression up to be worked out ("Add ...: $204 + $160 + $330.").
  if (!total || !COMPUTE_CUE.test(previous.text)) return undefined;
  const side = trailingExpression(before.tokens);
  const value = side?.expr && evaluate(side.expr);
  if (!side || !value) return undefined;
  const j = judge(value, { value: total.token.value, decimals: total.token.decimals, percent: false, repeating: total.token.repeating }, false, false);
  if (j === 'exact' || j === 'rounded') return { ok: true };
  const text = sideText(previous.text, before, side);
  return { ok: false, rounding: j === 'wrong-rounding', claim: { source: main, a: total.token, result: total.token, resultRef: total.index, op: side.expr?.kind === 'bin' && side.expr.op !== '^' ? side.expr.op : '*', value, leftText: text } };
}

function equationKind(left: Expr, right: Expr, leftLiteral: boolean, rightLiteral: boolean): EquationKind {
  if ((left.kind === 'var' && rightLiteral) || (right.kind === 'var' && leftLiteral)) return 'plain';
  if ((left.kind === 'var' && !hasVariable(right)) || (right.kind === 'var' && !hasVariable(left))) return 'computed';
  return 'equation';
}

