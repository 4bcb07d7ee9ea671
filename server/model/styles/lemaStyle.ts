// The `lema` style, for LeMa checkpoints on the completion API: solve, then correct.
// 1. LeMa's chain-of-thought prompt; the model's answer is read from its last `The answer is`.
//    The same answer as the document's (equivalent forms count): no model flag.
// 2. Only when they differ, LeMa's correction prompt (Fig. 6). The correction is offered only if
//    its answer equals the model's own solved answer (LeMa's acceptance rule) and the embedded
//    verifier proves no slip in it; otherwise the step and explanation come without an Apply.
// A LeMa model was never taught to say "no mistake", so without a final answer in the document
// there is nothing to gate the correction prompt on: the problem is skipped, with the reason.
import type { Correction, Verdict } from '../../engine/types.ts';
import { completionPrompt, promptSteps, STOP_SEQUENCES } from '../buildPrompt.ts';
import { parseSample, verdictFromAnswers } from '../correctionVerdict.ts';
import { lemaCorrectionTemplate, lemaSolvePrompt, SOLVE_STOP_SEQUENCES } from '../lemaPrompts.ts';
import { plainText } from '../sanitizeModelText.ts';
import { readSolvedAnswer, sameAnswer } from '../solvedAnswer.ts';
import { unsureNote, type Vote } from '../voting.ts';
import { earlyStep, voteValues } from './correctionStyle.ts';
import { ask, correctionTap, sampling, verdictContext, type StyleContext } from './styleContext.ts';

const NO_FINAL_ANSWER_REASON =
  'the solution states no final answer, so the lema style cannot compare the model\'s own answer with it ' +
  '(LeMa\'s correction prompt alone would always flag a step); add "The answer is ..." to have it checked';

export async function runLemaStyle(ctx: StyleContext): Promise<Verdict> {
  const { problem, engine } = ctx;
  const documentAnswer = problem.finalAnswer?.value;
  if (!documentAnswer) {
    ctx.log?.(`model ${engine.model}: problem ${problem.index + 1} not asked: ${NO_FINAL_ANSWER_REASON}`);
    return { status: 'unknown', engine, reason: NO_FINAL_ANSWER_REASON };
  }

  const solve = await ask(ctx, { phase: 'solve', payload: { style: 'completion', prompt: lemaSolvePrompt(problem.question), stop: SOLVE_STOP_SEQUENCES, ...sampling(ctx.settings) } });
  const answers = solve.texts.map((text) => readSolvedAnswer(text));
  ctx.trace.votes.push({ phase: 'solve', values: answers.map((a) => a ?? null) });
  const answerVote = voteAnswers(answers);
  const solved = answerVote.winner;
  if (solved === undefined) return { status: 'unknown', engine, reason: 'the model\'s own solution ended without "The answer is ..."' };
  ctx.trace.solvedAnswer = solved;
  if (sameAnswer(solved, documentAnswer)) return { status: 'correct', engine };

  const sent = promptSteps(problem);
  const prompt = completionPrompt(problem.question, sent.steps, lemaCorrectionTemplate);
  const reply = await ask(
    ctx,
    { phase: 'correct', payload: { style: 'completion', prompt, stop: STOP_SEQUENCES, ...sampling(ctx.settings) } },
    correctionTap(sent.steps.length, true, ctx.maxChars, earlyStep(ctx, sent.syntheticAnswerStep)),
  );
  const parsed = reply.texts.map((text, i) => parseSample(text, { stepCount: sent.steps.length, labelInPrompt: true, maxChars: ctx.maxChars }, { truncated: i === 0 ? reply.truncated : false }));
  ctx.trace.votes.push({ phase: 'correct', values: voteValues(parsed) });
  const unsure = unsureNote(answerVote, ctx.settings.minAgreement, (a) => `answer ${plainText(a)}`);
  return verdictFromAnswers(verdictContext(ctx, sent.syntheticAnswerStep), parsed, {
    accept: (correction) => acceptance(correction, solved),
    ...(unsure ? { unsure } : {}),
  });
}

/** LeMa's acceptance rule: a correction whose answer is not the model's own solved answer is not kept. */
function acceptance(correction: Correction, solved: string): string | undefined {
  const shown = plainText(solved);
  if (!correction.finalAnswer) return `The model's corrected solution is not offered: it states no final answer to compare with the model's own solution (${shown}).`;
  if (sameAnswer(correction.finalAnswer, solved)) return undefined;
  return `The model's corrected solution is not offered: its answer (${plainText(correction.finalAnswer)}) differs from the model's own solution (${shown}).`;
}

/** The vote on the solved answers; equivalent forms (18, $18, 18.00) vote together. */
function voteAnswers(answers: readonly (string | undefined)[]): Vote<string> {
  const clusters: { value: string; count: number }[] = [];
  for (const answer of answers) {
    if (answer === undefined) continue;
    const cluster = clusters.find((c) => sameAnswer(c.value, answer));
    if (cluster) cluster.count++;
    else clusters.push({ value: answer, count: 1 });
  }
  const tally = [...clusters].sort((a, b) => b.count - a.count);
  const top = tally[0];
  return {
    winner: top?.value,
    count: top?.count ?? 0,
    voters: tally.reduce((sum, t) => sum + t.count, 0),
    total: answers.length,
    tie: tally.length > 1 && tally[1]!.count === top!.count,
    tally,
  };
}
