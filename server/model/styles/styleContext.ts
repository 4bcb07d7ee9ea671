// What every request style gets to work with, and the trace it leaves (for `eval`: requests,
// tokens, votes). A style asks through `ask`, which counts requests and tokens.
import type { Problem } from '../../document/types.ts';
import type { EngineInfo, Verdict } from '../../engine/types.ts';
import { EndpointError, type Sampling } from '../endpointClient.ts';
import { CorrectionParser } from '../parseCorrection.ts';
import type { Asker, ModelReply, ModelRequest, StreamTap } from '../modelRequest.ts';
import type { PromptTemplate } from '../template.ts';
import type { VerdictContext } from '../correctionVerdict.ts';

export interface StyleTrace {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** Requests whose answer carried `usage` (endpoints that send none leave the token counts at 0). */
  requestsWithUsage: number;
  /** Each phase's votes: the value each sample gave (a step, -1 for none, an answer; null: unreadable). */
  votes: { phase: ModelRequest['phase']; values: (number | string | null)[] }[];
  /** lema: the model's own (majority) answer. */
  solvedAnswer?: string;
}

export interface StyleSettings {
  samples: number;
  temperature: number;
  maxTokens: number;
  minAgreement: number;
}

export interface StyleContext {
  problem: Problem;
  engine: Extract<EngineInfo, { kind: 'model' }>;
  template: PromptTemplate;
  settings: StyleSettings;
  maxChars: number;
  asker: Asker;
  signal?: AbortSignal;
  /** The flagged step (0-based) as soon as the first sample names it. */
  onStep?: (stepIndex: number) => void;
  log?: (line: string) => void;
  trace: StyleTrace;
}

export type StyleRunner = (ctx: StyleContext) => Promise<Verdict>;

export function newTrace(): StyleTrace {
  return { requests: 0, promptTokens: 0, completionTokens: 0, requestsWithUsage: 0, votes: [] };
}

/** n samples and their temperature: the setting's, or 0.7 when sampling several at a temperature of 0. */
export function sampling(settings: StyleSettings, maxTokens = settings.maxTokens): Sampling {
  const n = settings.samples;
  const temperature = n > 1 && settings.temperature === 0 ? 0.7 : settings.temperature;
  return { ...(n > 1 ? { n } : {}), temperature, maxTokens };
}

/** Fewest tokens worth asking for when a request is shrunk to fit the context. */
const MIN_FITTED_TOKENS = 256;

/**
 * vLLM's 400 for a request over the context: "maximum context length is N tokens ... (P in the
 * messages|prompt, ...)". The most completion tokens that fit, or undefined when it is not that error.
 */
function fittingMaxTokens(error: unknown): number | undefined {
  if (!(error instanceof EndpointError) || error.options.status !== 400) return undefined;
  const match = /maximum context length is (\d+) tokens[\s\S]*?\((\d+) in the (?:messages|prompt|input)/.exec(error.message);
  if (!match) return undefined;
  const room = Number(match[1]) - Number(match[2]) - 1;
  return room >= MIN_FITTED_TOKENS ? room : undefined;
}

export async function ask(ctx: StyleContext, request: ModelRequest, tap?: StreamTap): Promise<ModelReply> {
  ctx.trace.requests++;
  let reply: ModelReply;
  try {
    reply = await ctx.asker.ask(request, tap, ctx.signal);
  } catch (error) {
    // A long-thinking critic asks for more tokens than a small context holds: ask once more for what fits.
    const fitted = fittingMaxTokens(error);
    if (fitted === undefined || fitted >= (request.payload.maxTokens ?? Infinity)) throw error;
    ctx.log?.(`model ${ctx.engine.model}: ${(error as Error).message}; asking again with max_tokens ${fitted}`);
    ctx.trace.requests++;
    tap?.onRestart();
    request = { ...request, payload: { ...request.payload, maxTokens: fitted } };
    reply = await ctx.asker.ask(request, tap, ctx.signal);
  }
  const limit = request.phase === 'locate' ? Math.max(ctx.maxChars, (request.payload.maxTokens ?? 0) * 8) : ctx.maxChars;
  if (reply.texts.some((t) => t.length > limit)) ctx.log?.(`model ${ctx.engine.model}: answer longer than ${limit} characters; stopped reading`);
  if (reply.usage) {
    ctx.trace.requestsWithUsage++;
    ctx.trace.promptTokens += reply.usage.promptTokens;
    ctx.trace.completionTokens += reply.usage.completionTokens;
  }
  return reply;
}

export function verdictContext(ctx: StyleContext, syntheticAnswerStep: boolean): VerdictContext {
  return { problem: ctx.problem, engine: ctx.engine, syntheticAnswerStep, minAgreement: ctx.settings.minAgreement, ...(ctx.log ? { log: ctx.log } : {}) };
}

/**
 * Streams LeMa-layout answers through one parser per sample: the first sample's step is reported
 * as soon as it is read, and a sample is whole once its correction block closes.
 */
export function correctionTap(stepCount: number, labelInPrompt: boolean, maxChars: number, onStep?: (step: number) => void): StreamTap {
  let parsers: CorrectionParser[] = [];
  const parser = (choice: number) => (parsers[choice] ??= new CorrectionParser({ stepCount, labelInPrompt, maxChars }, choice === 0 ? onStep : undefined));
  return {
    onText(delta, choice) {
      const p = parser(choice);
      p.push(delta);
      return p.done || p.overflowed;
    },
    onRestart() {
      parsers = [];
    },
  };
}
