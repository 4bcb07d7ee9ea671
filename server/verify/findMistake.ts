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
import { judge } from './rounding.ts';

export type { Finding };


export interface Inspection {
  readings: StepReading[];
  finding?: Finding;
  /** Claims that were checked and held. */
  verified: number;
}


/** Text that offers alternatives: equations in it may list several solutions. */
const ALTERNATIVES = /\bor\b|±|\\pm\b|\\mp\b/i;

const IDENTITY_CUE = /\b(expand\w*|factor\w*|simplif\w*|identity|distribut\w*|equivalent|foil)\b/i;

export function inspectProblem(problem: Problem): Inspection {
  const readings = problem.steps.map((s) => readStep(s.text));
  const ctx: ArithmeticContext = { roundedValues: [] };
  const solved = new Map<string, { value: Exact; stepIndex: number; text: string; assignment: boolean }>();
  // Variables that may have several values (`x^2 = 16`, `x = 4 or x = -4`): never flagged.
  const ambiguous = new Set<string>();
  let verified = 0;
  let lastComputed: { stepIndex: number; pair: Pair; value: Exact } | undefined;

  for (let s = 0; s < readings.length; s++) {
    const reading = readings[s]!;
    const step = problem.steps[s]!;
    const pairs = pairsOf(reading);
    const alternatives = ALTERNATIVES.test(reading.text);
    for (const pair of pairs) {
      const { left, right } = pair;
      if (!left.expr || !right.expr) continue;
      if (!hasVariable(left.expr) && !hasVariable(right.expr)) {
        const outcome = checkArithmetic(pair, ctx);
        if (outcome.status === 'ok') {
          verified++;
          if (!pair.source.annotation && right.literal) lastComputed = { stepIndex: s, pair, value: outcome.value };
        } else if (outcome.status === 'wrong' && !step.ignored) {
          const shown = pair.source.annotation ? sameSlipInText(pairs, pair, outcome, ctx) : undefined;
          const [p, o] = shown ?? [pair, outcome];
          return { readings, verified, finding: arithmeticFinding(s, reading, p, o.value, o.literal, o.written, o.judgement === 'wrong-rounding') };
        }
        continue;
      }
      const equation = left.trusted && right.trusted ? readEquation(pair) : undefined;
      if (!equation) for (const name of variablesOf(right.expr, variablesOf(left.expr))) ambiguous.add(name);
      if (equation) {
        if (equation.solutions.kind !== 'one') continue;
        if (alternatives) ambiguous.add(equation.variable);
        const assignment = (left.expr.kind === 'var' && !!right.literal) || (right.expr.kind === 'var' && !!left.literal);
        const before = solved.get(equation.variable);
        const value = equation.solutions.value;
        // Two plain assignments (`x = 4`, later `x = 5`) may name two things; an equation or a
        // computed assignment (`x = 204 / 3`) followed by a different value may not.
        const comparable = before && !ambiguous.has(equation.variable) && !(before.assignment && assignment);
        if (before && comparable && !equal(before.value, value)) {
          if (!step.ignored && !agreesWhenRounded(pair, before.value, value)) {
            return { readings, verified, finding: equationFinding(s, reading, pair, equation.variable, before, value) };
          }
          verified++;
          continue; // keep the exact solution, not its rounded restatement
        }
        if (comparable) verified++;
        const text = `${sideText(reading.text, pair.source, left)} = ${sideText(reading.text, pair.source, right)}`;
        solved.set(equation.variable, { value, stepIndex: s, text, assignment });
        continue;
      }
      if (IDENTITY_CUE.test(reading.text) && looksLikeIdentity(left.expr, right.expr) && left.trusted && right.trusted && !step.ignored) {
        const counter = counterexample(left.expr, right.expr);
        if (counter) return { readings, verified, finding: identityFinding(s, reading, pair, counter) };
        verified++;
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

/**
 * An equality read as a claimed identity (`(a+b)^2 = a^2 + 2ab + b^2`) rather than an equation to
 * solve or a definition: both sides mention variables, neither is a lone variable, and there are
 * at least two variables (one-variable equations are checked by their solutions instead).
 */
function looksLikeIdentity(left: Expr, right: Expr): boolean {
  if (left.kind === 'var' || right.kind === 'var' || !hasVariable(left) || !hasVariable(right)) return false;
  return variablesOf(right, variablesOf(left)).length >= 2;
}

