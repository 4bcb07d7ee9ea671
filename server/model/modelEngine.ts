// The model engine: asks a model about a Problem in the configured request style (completion,
// chat, lema, critic; see styles/) and turns its answers into a Verdict. The answer streams: the
// flagged step is reported early, before the explanation arrives.
import type { Problem } from '../document/types.ts';
import type { Engine, EngineInfo, ModelStyle, Verdict } from '../engine/types.ts';
import type { ModelSettings } from '../settings.ts';
import { EndpointClient, EndpointError } from './endpointClient.ts';
import { completionPrompt } from './buildPrompt.ts';
import { lemaCorrectionTemplate, lemaSolvePrompt } from './lemaPrompts.ts';
import { LiveAsker } from './liveAsker.ts';
import type { Asker } from './modelRequest.ts';
import { runCorrectionStyle } from './styles/correctionStyle.ts';
import { runCriticStyle } from './styles/criticStyle.ts';
import { runLemaStyle } from './styles/lemaStyle.ts';
import { newTrace, type StyleRunner, type StyleTrace } from './styles/styleContext.ts';
import { builtinTemplate, loadTemplate, makeTemplate, type PromptTemplate } from './template.ts';
import { CRITIC_TEMPLATE_VERSION, criticMessages, explainMessages } from './criticPrompt.ts';

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
  /** Ask through this instead of the endpoint (batch files). */
  asker?: Asker;
}

export interface DetailedVerdict {
  verdict: Verdict;
  trace: StyleTrace;
}

const runners: Record<ModelStyle, StyleRunner> = {
  completion: runCorrectionStyle,
  chat: runCorrectionStyle,
  lema: runLemaStyle,
  critic: runCriticStyle,
};

/**
 * The template a style actually sends. `lema` and `critic` use fixed published prompts (a template
 * file does not apply to them): their version is a hash of those prompts as rendered, so any change
 * to them changes cache keys and records. Samples change answers, so n is part of the version too.
 */
function effectiveTemplate(settings: ModelSettings, template: PromptTemplate): PromptTemplate {
  const fixed = (version: string, rendered: string) => makeTemplate({ version, instruction: rendered, examples: [] });
  const q = '{question}';
  const steps = ['{step}'];
  const base =
    settings.style === 'lema'
      ? { ...lemaCorrectionTemplate, templateVersion: fixed('lema-solve-correct', lemaSolvePrompt(q) + completionPrompt(q, steps, lemaCorrectionTemplate)).templateVersion }
      : settings.style === 'critic'
        ? fixed(CRITIC_TEMPLATE_VERSION, [...criticMessages(q, steps), ...explainMessages(q, steps, 1)].map((m) => m.content).join('\n'))
        : template;
  return settings.samples > 1 ? { ...base, templateVersion: `${base.templateVersion}-n${settings.samples}` } : base;
}

export class ModelEngine implements Engine {
  readonly info: Extract<EngineInfo, { kind: 'model' }>;
  readonly endpoint: EndpointClient;
  private readonly template: PromptTemplate;
  private readonly maxChars: number;
  private readonly asker: LiveAsker;

  /** Throws EndpointError('config') when the endpoint is not a usable URL. */
  constructor(private readonly options: ModelEngineOptions) {
    const { settings } = options;
    this.template = effectiveTemplate(settings, options.template ?? builtinTemplate);
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
    this.asker = new LiveAsker(this.endpoint, (error, attempt, delayMs) =>
      this.options.log?.(`model ${this.info.model}: attempt ${attempt + 1} failed (${error.message}); retrying in ${delayMs} ms`),
    );
    this.info = {
      kind: 'model',
      model: settings.name || 'default',
      style: settings.style,
      templateVersion: this.template.templateVersion,
      host: this.endpoint.host,
    };
    this.maxChars = options.maxChars ?? Math.max(4_000, settings.maxTokens * 8);
    if (settings.templateFile && (settings.style === 'lema' || settings.style === 'critic')) {
      options.log?.(`model ${this.info.model}: the ${settings.style} style sends its own fixed prompts; the template file ${settings.templateFile} is not used`);
    }
  }

  /** Engine contract: endpoint failures become an 'unknown' verdict with the reason. */
  async check(problem: Problem, signal?: AbortSignal): Promise<Verdict> {
    return (await this.checkDetailed(problem, signal ? { signal } : {})).verdict;
  }

  /** The verdict with the requests, tokens and votes it took; endpoint failures are an 'unknown' verdict. */
  async checkDetailed(problem: Problem, options: StreamingOptions = {}): Promise<DetailedVerdict> {
    const trace = newTrace();
    try {
      return { verdict: await this.run(problem, options, trace), trace };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { verdict: { status: 'unknown', engine: this.info, reason: `model not asked: ${reason}` }, trace };
    }
  }

  /**
   * Asks the model and streams its answer. Resolves with the verdict (an unusable answer is
   * 'unknown' with a reason); rejects with EndpointError when the endpoint fails or `signal` aborts.
   */
  checkStreaming(problem: Problem, options: StreamingOptions = {}): Promise<Verdict> {
    return this.run(problem, options, newTrace());
  }

  /** GET /v1/models: resolves when the endpoint answers; rejects with EndpointError. */
  probe(signal?: AbortSignal): Promise<string[]> {
    return this.endpoint.probe(signal);
  }

  private async run(problem: Problem, options: StreamingOptions, trace: StyleTrace): Promise<Verdict> {
    if (problem.steps.length === 0) return { status: 'unknown', engine: this.info, reason: 'the problem has no steps' };
    const { settings } = this.options;
    try {
      return await runners[this.info.style]({
        problem,
        engine: this.info,
        template: this.template,
        settings: { samples: settings.samples, temperature: settings.temperature, maxTokens: settings.maxTokens, minAgreement: settings.minAgreement },
        maxChars: this.maxChars,
        asker: options.asker ?? this.asker,
        trace,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onStep ? { onStep: options.onStep } : {}),
        ...(this.options.log ? { log: this.options.log } : {}),
      });
    } catch (error) {
      throw await this.explainError(error, options.signal);
    }
  }

  /** A 404 names the models the endpoint does serve, so a misspelt name is fixed at once. */
  private async explainError(error: unknown, signal?: AbortSignal): Promise<unknown> {
    if (!(error instanceof EndpointError) || error.options.status !== 404) return error;
    let served: string[] | undefined;
    try {
      served = await this.probe(signal);
    } catch {
      return error;
    }
    if (served.includes(this.info.model)) return error;
    const list = served.length > 0 ? served.slice(0, 10).join(', ') : 'none';
    return new EndpointError(error.kind, `the endpoint does not serve the model '${this.info.model}' (404); GET /v1/models lists: ${list}`, error.options);
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
