// The model engine: sends a Problem to a LeMa-tuned model in the correction layout, reads the
// answer as it streams (reporting the flagged step early) and turns it into a Verdict.
import type { Problem } from '../document/types.ts';
import type { Correction, Engine, EngineInfo, Verdict } from '../engine/types.ts';
import type { ModelSettings } from '../settings.ts';
import { chatMessages, completionPrompt, promptSteps, STOP_SEQUENCES } from './buildPrompt.ts';
import { EndpointClient, type Payload } from './endpointClient.ts';
import { CorrectionParser, isAnswerStep, type ParsedAnswer } from './parseCorrection.ts';
import { builtinTemplate, loadTemplate, type PromptTemplate } from './template.ts';

export interface ModelEngineOptions {
  settings: ModelSettings;
  /** From the environment (CLI) or SecretStorage (extension); never logged. */
  apiKey?: string;
  template?: PromptTemplate;
  /** Longest answer read, in characters; the stream is stopped past it. Default: 8 per max token. */
  maxChars?: number;
  /** First retry delay when the server gives no Retry-After (tests shorten it). */
  retryBaseMs?: number;
  log?: (line: string) => void;
}

export interface StreamingOptions {
  signal?: AbortSignal;
  /** The flagged step (0-based) as soon as its number is read, before the explanation arrives. */
  onStep?: (stepIndex: number) => void;
}

export class ModelEngine implements Engine {
  readonly info: Extract<EngineInfo, { kind: 'model' }>;
  readonly endpoint: EndpointClient;
  private readonly template: PromptTemplate;
  private readonly maxChars: number;

  /** Throws EndpointError('config') when the endpoint is not a usable URL. */
  constructor(private readonly options: ModelEngineOptions) {
    const { settings } = options;
    this.template = options.template ?? builtinTemplate;
    this.endpoint = new EndpointClient({
      baseURL: settings.endpoint,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      headers: settings.headers,
      model: settings.name,
      timeoutMs: settings.timeoutMs,
      deadlineMs: settings.deadlineMs,
      retries: settings.retries,
      temperature: settings.temperature,
      maxTokens: settings.maxTokens,
      ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    });
    this.info = {
      kind: 'model',
      model: settings.name || 'default',
      style: settings.style,
      templateVersion: this.template.templateVersion,
      host: this.endpoint.host,
    };
    this.maxChars = options.maxChars ?? Math.max(4_000, settings.maxTokens * 8);
  }

  /** Engine contract: endpoint failures become an 'unknown' verdict with the reason. */
  async check(problem: Problem, signal?: AbortSignal): Promise<Verdict> {
    try {
      return await this.checkStreaming(problem, signal ? { signal } : {});
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'unknown', engine: this.info, reason: `model not asked: ${reason}` };
    }
  }

  /**
   * Asks the model and streams its answer. Resolves with the verdict (an unusable answer is
   * 'unknown' with a reason); rejects with EndpointError when the endpoint fails or `signal` aborts.
   */
  async checkStreaming(problem: Problem, options: StreamingOptions = {}): Promise<Verdict> {
    if (problem.steps.length === 0) return { status: 'unknown', engine: this.info, reason: 'the problem has no steps' };
    const sent = promptSteps(problem);
    const payload: Payload =
      this.info.style === 'completion'
        ? { style: 'completion', prompt: completionPrompt(problem.question, sent.steps, this.template), stop: STOP_SEQUENCES }
        : { style: 'chat', messages: chatMessages(problem.question, sent.steps, this.template), stop: STOP_SEQUENCES };
    let reported = -1;
    const report = (step: number) => {
      const index = this.stepIndexOf(problem, step, sent.syntheticAnswerStep).stepIndex;
      if (index !== reported) {
        reported = index;
        options.onStep?.(index);
      }
    };
    let parser = this.newParser(sent.steps.length, report);
    const result = await this.endpoint.stream(payload, {
      ...(options.signal ? { signal: options.signal } : {}),
      onAttempt: (attempt) => {
        if (attempt > 0) parser = this.newParser(sent.steps.length, report);
      },
      onText: (delta) => {
        parser.push(delta);
        return parser.done || parser.overflowed;
      },
      onRetry: (error, attempt, delayMs) =>
        this.options.log?.(`model ${this.info.model}: attempt ${attempt + 1} failed (${error.message}); retrying in ${delayMs} ms`),
    });
    const truncated = parser.overflowed || (!result.stoppedEarly && result.finishReason !== 'stop');
    const parsed = parser.finish({ truncated });
    if (parser.overflowed) this.options.log?.(`model ${this.info.model}: answer longer than ${this.maxChars} characters; stopped reading`);
    return this.toVerdict(problem, parsed, sent.syntheticAnswerStep);
  }

  /** GET /v1/models: resolves when the endpoint answers; rejects with EndpointError. */
  probe(signal?: AbortSignal): Promise<string[]> {
    return this.endpoint.probe(signal);
  }

  private newParser(stepCount: number, onStep: (step: number) => void): CorrectionParser {
    return new CorrectionParser({ stepCount, labelInPrompt: this.info.style === 'completion', maxChars: this.maxChars }, onStep);
  }

  /** Step k (1-based, as sent) to a step of the document; the added `The answer is X.` line maps to the last step. */
  private stepIndexOf(problem: Problem, k: number, synthetic: boolean): { stepIndex: number; answerLine: boolean } {
    if (synthetic && k === problem.steps.length + 1) return { stepIndex: problem.steps.length - 1, answerLine: true };
    return { stepIndex: k - 1, answerLine: false };
  }

  private toVerdict(problem: Problem, parsed: ParsedAnswer, synthetic: boolean): Verdict {
    if (parsed.kind === 'none') return { status: 'correct', engine: this.info };
    if (parsed.kind === 'invalid') {
      this.options.log?.(`model ${this.info.model}: unusable answer for problem ${problem.index + 1}: ${parsed.reason}`);
      return { status: 'unknown', engine: this.info, reason: `the model's answer could not be used: ${parsed.reason}` };
    }
    const { stepIndex, answerLine } = this.stepIndexOf(problem, parsed.step, synthetic);
    const label = `Step ${stepIndex + 1}`;
    const hint = answerLine
      ? 'The final answer does not match what the steps worked out. Compare it with the last result.'
      : `${label} does not follow from the question or the steps before it. Re-read what the question gives and asks, and check which quantities and operation this step uses.`;
    let correction: Correction | undefined;
    if (parsed.correction) {
      let steps = parsed.correction.steps;
      // The document states its answer on its own line: the answer goes in finalAnswer, not in the steps.
      if (synthetic && steps.length > 0 && isAnswerStep(steps[steps.length - 1] ?? '')) steps = steps.slice(0, -1);
      correction = {
        fromStep: answerLine ? problem.steps.length : parsed.correction.fromStep - 1,
        steps: answerLine ? [] : steps,
        ...(parsed.correction.finalAnswer ? { finalAnswer: parsed.correction.finalAnswer } : {}),
      };
    }
    return {
      status: 'wrong',
      engine: this.info,
      stepIndex,
      kind: answerLine ? 'final-answer' : 'reasoning',
      explanation: parsed.explanation,
      hint,
      ...(correction ? { correction } : {}),
    };
  }
}

/**
 * A ModelEngine from settings, with the template file they name loaded and checked.
 * Rejects with TemplateError (bad template file) or EndpointError kind 'config' (bad endpoint URL);
 * both carry a message a person can act on.
 */
export async function createModelEngine(settings: ModelSettings, options: Omit<ModelEngineOptions, 'settings' | 'template'> = {}): Promise<ModelEngine> {
  const template = await loadTemplate(settings.templateFile);
  return new ModelEngine({ ...options, settings, template });
}
