// The `critic` style, for instruct and reasoning models on the chat API.
// 1. ProcessBench's critique prompt locates the earliest wrong paragraph (`\boxed{i}`, -1: none);
//    n samples vote (how the published open-model figures were measured). Reasoning before the box
//    is expected: the request allows at least CRITIC_MIN_TOKENS and the last box counts.
// 2. When a step is located, a second request asks for the explanation and the corrected solution
//    of that step in the LeMa layout. Two requests rather than one combined prompt: the critique
//    prompt stays exactly the one the published F1 figures hold for, and the second request is
//    only paid for when a step is flagged (most steps of most solutions are right).
import type { Verdict } from '../../engine/types.ts';
import { promptSteps, STOP_SEQUENCES } from '../buildPrompt.ts';
import { describeStepVote, parseSample, verdictFromAnswers } from '../correctionVerdict.ts';
import { criticMessages, explainMessages, readBoxedIndex } from '../criticPrompt.ts';
import type { StreamTap } from '../modelRequest.ts';
import { unsureNote, vote } from '../voting.ts';
import { earlyStep } from './correctionStyle.ts';
import { ask, sampling, verdictContext, type StyleContext } from './styleContext.ts';

/** Room for a reasoning model's critique before its box (ProcessBench allowed 8192; raise maxTokens for long thinkers). */
const CRITIC_MIN_TOKENS = 4096;

export async function runCriticStyle(ctx: StyleContext): Promise<Verdict> {
  const { problem, engine } = ctx;
  const sent = promptSteps(problem);
  // The critic reads the steps as written (line breaks kept), as ProcessBench's paragraphs are.
  const paragraphs = problem.steps.map((s) => s.text);
  if (sent.syntheticAnswerStep) paragraphs.push(sent.steps[sent.steps.length - 1] ?? '');
  const maxTokens = Math.max(ctx.settings.maxTokens, CRITIC_MIN_TOKENS);
  const maxChars = Math.max(ctx.maxChars, maxTokens * 8);
  const inRange = (i: number | undefined) => (i !== undefined && i >= -1 && i < paragraphs.length ? i : undefined);

  const locate = await ask(
    ctx,
    { phase: 'locate', payload: { style: 'chat', messages: criticMessages(problem.question, paragraphs), stop: [], ...sampling(ctx.settings, maxTokens) } },
    boxTap(maxChars, paragraphs.length, earlyStep(ctx, sent.syntheticAnswerStep)),
  );
  const indices = locate.texts.map((text) => inRange(readBoxedIndex(text.slice(-maxChars))));
  ctx.trace.votes.push({ phase: 'locate', values: indices.map((i) => (i === undefined ? null : i < 0 ? -1 : i + 1)) });
  const located = vote(indices.map((i) => (i === undefined ? undefined : i < 0 ? -1 : i + 1)));
  if (located.winner === undefined) {
    ctx.log?.(`model ${engine.model}: problem ${problem.index + 1}: no \\boxed{} paragraph index in range in the critique`);
    return { status: 'unknown', engine, reason: 'the critique gave no paragraph index in \\boxed{} (or one out of range)' };
  }
  if (located.winner < 0) return { status: 'correct', engine };
  const step = located.winner;
  const unsure = unsureNote(located, ctx.settings.minAgreement, describeStepVote);

  const explain = await ask(ctx, {
    phase: 'explain',
    payload: { style: 'chat', messages: explainMessages(problem.question, sent.steps, step), stop: STOP_SEQUENCES, temperature: ctx.settings.temperature, maxTokens: ctx.settings.maxTokens },
  });
  const parsed = explain.texts.map((text) => parseSample(text, { stepCount: sent.steps.length, maxChars: ctx.maxChars }, { truncated: explain.truncated }));
  return verdictFromAnswers(verdictContext(ctx, sent.syntheticAnswerStep), parsed, { fixedStep: step, ...(unsure ? { unsure } : {}) });
}

/** Reports the first sample's boxed index as soon as a box closes (a later box may move it). */
function boxTap(maxChars: number, paragraphs: number, onStep?: (step: number) => void): StreamTap {
  let texts: string[] = [];
  return {
    onText(delta, choice) {
      const text = (texts[choice] = (texts[choice] ?? '') + delta);
      if (choice === 0 && onStep && delta.includes('}')) {
        const index = readBoxedIndex(text.slice(-2_000));
        if (index !== undefined && index >= 0 && index < paragraphs) onStep(index + 1);
      }
      return text.length > maxChars;
    },
    onRestart() {
      texts = [];
    },
  };
}
