// From parsed LeMa-layout answers (one per sample) to one verdict: the vote on the step, the
// explanation of a sample that voted for it, its corrected solution made plain text and checked
// by the embedded verifier (repaired or withheld with the reason), and a note when the samples
// did not agree enough.
import type { Problem } from '../document/types.ts';
import type { Correction, EngineInfo, Verdict, WrongVerdict } from '../engine/types.ts';
import { checkModelCorrection } from './checkModelCorrection.ts';
import { CorrectionParser, isAnswerStep, type FinishOptions, type ParsedAnswer, type ParseOptions } from './parseCorrection.ts';
import { plainText } from './sanitizeModelText.ts';
import { unsureNote, vote, type Vote } from './voting.ts';

export interface VerdictContext {
  problem: Problem;
  engine: Extract<EngineInfo, { kind: 'model' }>;
  /** The last sent step is `The answer is X.` made from a final answer on its own line. */
  syntheticAnswerStep: boolean;
  minAgreement: number;
  log?: (line: string) => void;
}

export interface VerdictOptions {
  /** The step (1-based, as sent) is already decided (critic style): every sample explains it. */
  fixedStep?: number;
  /** Extra acceptance rule for the checked correction (lema: its answer equals the model's own); a reason rejects it. */
  accept?: (correction: Correction) => string | undefined;
  /** A vote already taken (critic, lema) whose doubt carries over. */
  unsure?: string;
}

/**
 * A whole sample's text through the same parser a stream feeds: past `maxChars` it overflows as a
 * stream would (an answer cut there is read as the parser reads cut answers).
 */
export function parseSample(text: string, options: ParseOptions, finish: FinishOptions = {}): ParsedAnswer {
  const parser = new CorrectionParser(options);
  parser.push(text);
  return parser.finish(finish);
}

/** Step k (1-based, as sent) to a step of the document; the added `The answer is X.` line maps to the last step. */
export function stepIndexOf(problem: Problem, k: number, synthetic: boolean): { stepIndex: number; answerLine: boolean } {
  if (synthetic && k === problem.steps.length + 1) return { stepIndex: problem.steps.length - 1, answerLine: true };
  return { stepIndex: k - 1, answerLine: false };
}

/** -1: no mistake; k: step k named; undefined: unreadable. */
export function stepVotes(parsed: readonly ParsedAnswer[]): Vote<number> {
  return vote(parsed.map((p) => (p.kind === 'none' ? -1 : p.kind === 'mistake' ? p.step : undefined)));
}

/** The winning step; in a tie between "no mistake" and a step, the step (shown as unsure, never hidden). */
function tieBreak(votes: Vote<number>): number | undefined {
  if (!votes.tie || votes.winner !== -1) return votes.winner;
  return votes.tally.find((t) => t.count === votes.count && t.value >= 0)?.value ?? votes.winner;
}

export function describeStepVote(step: number): string {
  return step < 0 ? 'no mistake' : `step ${step}`;
}

export function verdictFromAnswers(ctx: VerdictContext, parsed: readonly ParsedAnswer[], options: VerdictOptions = {}): Verdict {
  const { problem, engine } = ctx;
  const votes = stepVotes(parsed);
  const step = options.fixedStep ?? tieBreak(votes);
  if (step === undefined) {
    const first = parsed.find((p): p is Extract<ParsedAnswer, { kind: 'invalid' }> => p.kind === 'invalid');
    const reason = first?.reason ?? 'no answer';
    ctx.log?.(`model ${engine.model}: unusable answer for problem ${problem.index + 1}: ${reason}`);
    return { status: 'unknown', engine, reason: `the model's answer could not be used: ${reason}` };
  }
  if (step < 0) return { status: 'correct', engine };
  const unsure = options.unsure ?? (options.fixedStep === undefined ? unsureNote(votes, ctx.minAgreement, describeStepVote) : undefined);
  // Only answers about the published step lend it their explanation and correction (an explanation
  // of another step would not fit, and its correction would start elsewhere).
  const voters = parsed.filter((p): p is Extract<ParsedAnswer, { kind: 'mistake' }> => p.kind === 'mistake' && p.step === step);
  const chosen = voters.find((p) => p.correction) ?? voters[0];
  const { stepIndex, answerLine } = stepIndexOf(problem, step, ctx.syntheticAnswerStep);
  const label = `Step ${stepIndex + 1}`;
  const hint = answerLine
    ? 'The final answer does not match what the steps worked out. Compare it with the last result.'
    : `${label} does not follow from the question or the steps before it. Re-read what the question gives and asks, and check which quantities and operation this step uses.`;
  const explanation = chosen ? plainText(chosen.explanation) : '';
  const verdict: WrongVerdict = {
    status: 'wrong',
    engine,
    stepIndex,
    kind: answerLine ? 'final-answer' : 'reasoning',
    explanation: explanation || `The model flagged ${label.toLowerCase()} without a usable explanation.`,
    hint,
    ...(unsure ? { unsure } : {}),
  };
  const proposed = chosen?.correction ? toCorrection(problem, chosen.correction, answerLine, ctx.syntheticAnswerStep) : undefined;
  if (!proposed) return verdict;
  const checked = checkModelCorrection(problem, proposed);
  if (checked.status === 'withheld') {
    ctx.log?.(`model ${engine.model}: problem ${problem.index + 1}: ${checked.reason}`);
    return { ...verdict, correctionWithheld: checked.reason };
  }
  const rejected = options.accept?.(checked.correction);
  if (rejected) return { ...verdict, correctionWithheld: rejected };
  if (checked.repaired) ctx.log?.(`model ${engine.model}: problem ${problem.index + 1}: ${checked.repaired}`);
  return { ...verdict, correction: checked.correction };
}

/** The parsed block as a Correction of the document, in plain text; undefined when nothing usable is left. */
function toCorrection(
  problem: Problem,
  block: NonNullable<Extract<ParsedAnswer, { kind: 'mistake' }>['correction']>,
  answerLine: boolean,
  synthetic: boolean,
): Correction | undefined {
  let steps = block.steps.map(plainText).filter((s) => s.length > 0);
  // The document states its answer on its own line: the answer goes in finalAnswer, not in the steps.
  if (synthetic && steps.length > 0 && isAnswerStep(steps[steps.length - 1] ?? '')) steps = steps.slice(0, -1);
  const finalAnswer = block.finalAnswer ? plainText(block.finalAnswer) : '';
  const correction: Correction = {
    fromStep: answerLine ? problem.steps.length : block.fromStep - 1,
    steps: answerLine ? [] : steps,
    ...(finalAnswer ? { finalAnswer } : {}),
  };
  if (correction.steps.length === 0 && !correction.finalAnswer) return undefined;
  return correction;
}
