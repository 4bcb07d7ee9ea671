// Runs the model engine for the server: builds it from the settings, the API key and workspace
// trust, rebuilds it when they change, and forwards its verdicts and state. An untrusted
// workspace, an empty endpoint or `engine: embedded` means no requests at all.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Problem } from '../document/types.ts';
import type { Verdict } from '../engine/types.ts';
import { VerdictCache, type ModelEngineInfo } from '../cache/verdictCache.ts';
import { redactCredentials } from '../model/endpointCredentials.ts';
import { createModelEngine, type ModelEngine } from '../model/modelEngine.ts';
import { ModelScheduler, type ScheduleReason } from '../model/modelScheduler.ts';
import type { EngineState } from '../protocol.ts';
import type { Settings } from '../settings.ts';

export interface ModelEvents {
  verdict(uri: string, contentKey: string, verdict: Verdict): void;
  earlyStep(uri: string, contentKey: string, stepIndex: number): void;
  state(state: EngineState): void;
  log(message: string): void;
  /** The engine was rebuilt or switched off: verdicts of the previous one must go. */
  reset?(): void;
}

export class ModelIntegration {
  private scheduler: ModelScheduler | undefined;
  private engine: ModelEngine | undefined;
  private cache: Promise<VerdictCache> | undefined;
  // Undefined until the first configuration, which always announces the state.
  private signature: string | undefined;
  /** Serializes reconfiguration: settings and keys can change while a template loads. */
  private configuring: Promise<void> = Promise.resolve();

  constructor(
    private readonly events: ModelEvents,
    private readonly storagePath: string | undefined,
  ) {}

  get active(): boolean {
    return this.scheduler !== undefined;
  }

  configure(settings: Settings, apiKey: string | undefined, trusted: boolean): Promise<void> {
    this.configuring = this.configuring.then(() => this.apply(settings, apiKey, trusted));
    return this.configuring;
  }

  schedule(uri: string, problems: readonly Problem[], reason: ScheduleReason, cursorProblemIndex?: number): void {
    this.scheduler?.schedule(uri, problems, { reason, ...(cursorProblemIndex !== undefined ? { cursorProblemIndex } : {}) });
  }

  /** Withdraws requests for problems of `uri` that are no longer in its text; asks nothing new. */
  retain(uri: string, problems: readonly Problem[]): void {
    this.scheduler?.retain(uri, problems);
  }

  get engineInfo(): ModelEngineInfo | undefined {
    return this.engine?.info;
  }

  /** Cached model verdicts for these problems, without asking the endpoint. */
  cached(problem: Problem): Verdict | undefined {
    return this.scheduler?.cached(problem);
  }

  forget(uri: string): void {
    this.scheduler?.forget(uri);
  }

  async dispose(): Promise<void> {
    this.scheduler?.dispose();
    this.scheduler = undefined;
    await (await this.cache)?.flush();
  }

  private async apply(settings: Settings, apiKey: string | undefined, trusted: boolean): Promise<void> {
    const model = settings.model;
    const enabled = trusted && settings.engine !== 'embedded' && model.endpoint.trim() !== '';
    // The key is part of the identity (a new key may fix a 401) but only as a hash.
    const keyHash = apiKey ? createHash('sha256').update(apiKey).digest('hex').slice(0, 12) : '';
    // When the model is asked (trigger, pause) is the server's business: changing it rebuilds nothing.
    const { trigger: _trigger, pauseMs: _pauseMs, ...engineSettings } = model;
    const signature = enabled ? JSON.stringify([engineSettings, keyHash]) : '';
    if (signature === this.signature) return;
    this.signature = signature;
    this.scheduler?.dispose();
    this.scheduler = undefined;
    this.engine = undefined;
    if (!enabled) {
      this.events.state({ state: 'embedded-only' });
      this.events.reset?.();
      return;
    }
    try {
      const engine = await createModelEngine(model, { log: this.events.log, ...(apiKey ? { apiKey } : {}) });
      this.engine = engine;
      this.scheduler = new ModelScheduler(engine, {
        cache: await this.openCache(),
        concurrency: model.concurrency,
        log: this.events.log,
        events: {
          onVerdict: (uri, contentKey, verdict) => this.events.verdict(uri, contentKey, verdict),
          onEarlyStep: (uri, contentKey, stepIndex) => this.events.earlyStep(uri, contentKey, stepIndex),
          onState: (state) => this.events.state(state),
        },
      });
      this.events.state(this.scheduler.state);
    } catch (error) {
      // A bad endpoint URL or template file: say so, keep the embedded verifier.
      const reason = redactCredentials((error as Error).message);
      this.events.log(`Model engine not started: ${reason}`);
      this.events.state({ state: 'unreachable', model: model.name, reason });
    }
    this.events.reset?.();
  }

  private openCache(): Promise<VerdictCache> {
    this.cache ??= VerdictCache.open({
      ...(this.storagePath ? { file: join(this.storagePath, 'model-verdicts.json') } : {}),
      log: this.events.log,
    });
    return this.cache;
  }
}
