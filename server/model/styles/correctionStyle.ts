// The `completion` and `chat` styles: one request in our correction template (instruction, the
// LeMa layout, `Incorrect Step:`), n samples voted on.
import type { Verdict } from '../../engine/types.ts';
import { chatMessages, completionPrompt, promptSteps, STOP_SEQUENCES } from '../buildPrompt.ts';
import { parseSample, stepIndexOf, stepVotes, verdictFromAnswers } from '../correctionVerdict.ts';
import type { Payload } from '../endpointClient.ts';
import { ask, correctionTap, sampling, verdictContext, type StyleContext } from './styleContext.ts';

export async function runCorrectionStyle(ctx: StyleContext): Promise<Verdict> {
  const { problem, template } = ctx;
  const sent = promptSteps(problem);
  const completion = ctx.engine.style === 'completion';
  const payload: Payload = completion
    ? { style: 'completion', prompt: completionPrompt(problem.question, sent.steps, template), stop: STOP_SEQUENCES, ...sampling(ctx.settings) }
    : { style: 'chat', messages: chatMessages(problem.question, sent.steps, template), stop: STOP_SEQUENCES, ...sampling(ctx.settings) };
  const reply = await ask(ctx, { phase: 'check', payload }, correctionTap(sent.steps.length, completion, ctx.maxChars, earlyStep(ctx, sent.syntheticAnswerStep)));
  const parsed = reply.texts.map((text, i) =>
    parseSample(text, { stepCount: sent.steps.length, labelInPrompt: completion, maxChars: ctx.maxChars }, { truncated: i === 0 ? reply.truncated : false }),
  );
  ctx.trace.votes.push({ phase: 'check', values: voteValues(parsed) });
  return verdictFromAnswers(verdictContext(ctx, sent.syntheticAnswerStep), parsed);
}

/** Reports a step (1-based, as sent) once per change, mapped to the document. */
export function earlyStep(ctx: StyleContext, synthetic: boolean): ((step: number) => void) | undefined {
  if (!ctx.onStep) return undefined;
  let reported = -1;
  return (step) => {
    const index = stepIndexOf(ctx.problem, step, synthetic).stepIndex;
    if (index !== reported) {
      reported = index;
      ctx.onStep?.(index);
    }
  };
}

export function voteValues(parsed: Parameters<typeof stepVotes>[0]): (number | null)[] {
  return parsed.map((p) => (p.kind === 'none' ? -1 : p.kind === 'mistake' ? p.step : null));
}
