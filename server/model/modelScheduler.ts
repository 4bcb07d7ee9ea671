// Decides which problems the model is asked about, in what order and how many at once. The
// language server calls `schedule` with a document's problems whenever it wants verdicts; the
// scheduler asks only for content it has no verdict for and nothing is already asking about,
// serves the problem at the cursor first, drops requests for text that has since changed, and
// stops calling an endpoint that keeps failing until a probe says it is back. No LSP in here.
import type { Problem } from '../document/types.ts';
import type { Verdict } from '../engine/types.ts';
import type { EngineState } from '../protocol.ts';
import { VerdictCache, verdictCacheKey, type ModelEngineInfo } from '../cache/verdictCache.ts';
import { CircuitBreaker, type BreakerClock } from './circuitBreaker.ts';
import { EndpointError } from './endpointClient.ts';
import type { StreamingOptions } from './modelEngine.ts';

/** What the scheduler needs from the model engine (ModelEngine satisfies it). */
export interface StreamingModelEngine {
  readonly info: ModelEngineInfo;
  checkStreaming(problem: Problem, options: StreamingOptions): Promise<Verdict>;
  probe(signal?: AbortSignal): Promise<unknown>;
}

export type ScheduleReason = 'open' | 'save' | 'pause' | 'edit' | 'command';

export interface ScheduleOptions {
  /** Index (in `problems`) of the problem under the cursor: asked first. */
  cursorProblemIndex?: number;
  /** Why: logged; 'command' also asks again about problems whose cached verdict is 'unknown'. */
  reason: ScheduleReason;
}

export interface SchedulerEvents {
  /** The model named the wrong step; its explanation is still on the way. */
  onEarlyStep?: (uri: string, contentKey: string, stepIndex: number) => void;
  /** A verdict for a problem of `uri` (from the model or the cache). Sent once per uri and content. */
  onVerdict?: (uri: string, contentKey: string, verdict: Verdict) => void;
  onState?: (state: EngineState) => void;
}

export interface ModelSchedulerOptions {
  cache?: VerdictCache;
  /** Requests at once (default 4). */
  concurrency?: number;
  events?: SchedulerEvents;
  /** Circuit breaker back-off: first delay and cap (default 2 s and 60 s). */
  breakerBaseMs?: number;
  breakerMaxMs?: number;
  /** Time for the breaker's back-off (tests advance it by hand). */
  breakerClock?: BreakerClock;
  log?: (line: string) => void;
}

interface Job {
  cacheKey: string;
  contentKey: string;
  problem: Problem;
  /** Documents waiting for this content. */
  uris: Set<string>;
  controller: AbortController;
  running: boolean;
  /** The model named a step in this attempt: the documents show a "still writing" placeholder. */
  earlyReported: boolean;
}

export class ModelScheduler {
  private readonly concurrency: number;
  private readonly cache: VerdictCache | undefined;
  private readonly events: SchedulerEvents;
  private readonly breaker: CircuitBreaker;
  /** Content keys of each document's latest schedule. */
  private readonly latest = new Map<string, Set<string>>();
  /** Content keys whose verdict each document has already been sent. */
  private readonly delivered = new Map<string, Set<string>>();
  private readonly jobs = new Map<string, Job>();
  private queue: Job[] = [];
  private running = 0;
  private lastState = '';
  private disposed = false;

  constructor(
    private readonly engine: StreamingModelEngine,
    private readonly options: ModelSchedulerOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.cache = options.cache;
    this.events = options.events ?? {};
    this.breaker = new CircuitBreaker({
      probe: (signal) => this.engine.probe(signal),
      onChange: () => {
        this.emitState();
        this.pump();
      },
      ...(options.breakerBaseMs !== undefined ? { baseMs: options.breakerBaseMs } : {}),
      ...(options.breakerMaxMs !== undefined ? { maxMs: options.breakerMaxMs } : {}),
      ...(options.breakerClock ? { clock: options.breakerClock } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /** Problems waiting for or in a request. */
  get pending(): number {
    return this.jobs.size;
  }

  /** Requests on the wire now. */
  get inFlight(): number {
    return this.running;
  }

  get state(): EngineState {
    const model = this.engine.info.model;
    if (this.breaker.open) {
      return { state: 'unreachable', model, reason: this.breaker.reason ?? 'unknown', ...(this.breaker.retryAt ? { retryAt: this.breaker.retryAt } : {}), pending: this.jobs.size };
    }
    return { state: this.jobs.size > 0 ? 'checking' : 'ready', model, pending: this.jobs.size };
  }

  /** The cached model verdict for a problem, if any (no request is made). */
  cached(problem: Problem): Verdict | undefined {
    return this.cache?.get(verdictCacheKey(problem.contentKey, this.engine.info));
  }

  /** The latest problems of a document: asks for what is new, drops what was edited away. */
  schedule(uri: string, problems: readonly Problem[], options: ScheduleOptions): void {
    if (this.disposed) return;
    const delivered = this.track(uri, problems);
    // "Check Document" while the endpoint is down: try it now rather than after the back-off.
    if (options.reason === 'command') this.breaker.retryNow();

    const cursor = options.cursorProblemIndex !== undefined ? problems[options.cursorProblemIndex] : undefined;
    let added = 0;
    for (const problem of problems) {
      const cacheKey = verdictCacheKey(problem.contentKey, this.engine.info);
      const cached = this.cache?.get(cacheKey);
      const askAgain = options.reason === 'command' && cached?.status === 'unknown';
      if (cached && !askAgain) {
        if (!delivered.has(problem.contentKey)) {
          delivered.add(problem.contentKey);
          this.events.onVerdict?.(uri, problem.contentKey, cached);
        }
        continue;
      }
      const existing = this.jobs.get(cacheKey);
      if (existing) {
        existing.uris.add(uri);
        continue;
      }
      const job: Job = { cacheKey, contentKey: problem.contentKey, problem, uris: new Set([uri]), controller: new AbortController(), running: false, earlyReported: false };
      this.jobs.set(cacheKey, job);
      this.queue.push(job);
      added++;
    }
    if (cursor) {
      const job = this.jobs.get(verdictCacheKey(cursor.contentKey, this.engine.info));
      if (job && !job.running) this.queue = [job, ...this.queue.filter((j) => j !== job)];
    }
    if (added > 0) this.options.log?.(`model: ${added} problem(s) of ${uri} queued (${options.reason})`);
    this.pump();
    this.emitState();
  }

  /** The document changed: drops requests for its problems that were edited away, asks nothing new. */
  retain(uri: string, problems: readonly Problem[]): void {
    if (this.disposed || !this.latest.has(uri)) return;
    this.track(uri, problems);
    this.emitState();
  }

  /**
   * Records the document's current content, forgets deliveries of content it no longer has and
   * drops its interest in requests for that content. Returns the document's delivered set.
   */
  private track(uri: string, problems: readonly Problem[]): Set<string> {
    const keys = new Set(problems.map((p) => p.contentKey));
    this.latest.set(uri, keys);
    const delivered = this.delivered.get(uri) ?? new Set<string>();
    this.delivered.set(uri, delivered);
    for (const key of delivered) if (!keys.has(key)) delivered.delete(key);
    this.release(uri, keys);
    return delivered;
  }

  /** The document was closed: its requests are dropped unless another document waits for them. */
  forget(uri: string): void {
    this.latest.delete(uri);
    this.delivered.delete(uri);
    this.release(uri, new Set());
    this.emitState();
  }

  /** Unsubscribes `uri` from jobs whose content it no longer has; aborts jobs nobody waits for. */
  private release(uri: string, keep: Set<string>): void {
    for (const job of [...this.jobs.values()]) {
      if (!job.uris.has(uri) || keep.has(job.contentKey)) continue;
      job.uris.delete(uri);
      if (job.uris.size === 0) this.drop(job);
    }
  }

  private drop(job: Job): void {
    this.jobs.delete(job.cacheKey);
    this.queue = this.queue.filter((j) => j !== job);
    job.controller.abort();
  }

  private pump(): void {
    // Half-open: one request tells whether the endpoint works; the rest wait for its answer.
    while (!this.disposed && !this.breaker.open && this.running < (this.breaker.halfOpen ? 1 : this.concurrency)) {
      const job = this.queue.shift();
      if (!job) break;
      void this.run(job);
    }
  }

  private async run(job: Job): Promise<void> {
    job.running = true;
    job.earlyReported = false;
    this.running++;
    this.emitState();
    try {
      const verdict = await this.engine.checkStreaming(job.problem, {
        signal: job.controller.signal,
        onStep: (stepIndex) => {
          job.earlyReported = true;
          for (const uri of job.uris) this.events.onEarlyStep?.(uri, job.contentKey, stepIndex);
        },
      });
      this.breaker.recordSuccess();
      // The cache keeps only answers that parsed (VerdictCache.set): an unusable one is asked again.
      this.cache?.set(job.cacheKey, verdict);
      this.finish(job, verdict);
    } catch (error) {
      this.fail(job, error);
    } finally {
      job.running = false;
      this.running--;
      this.pump();
      this.emitState();
    }
  }

  private finish(job: Job, verdict: Verdict): void {
    if (this.jobs.get(job.cacheKey) !== job) return; // dropped meanwhile
    this.jobs.delete(job.cacheKey);
    for (const uri of job.uris) {
      if (!this.latest.get(uri)?.has(job.contentKey)) continue;
      this.delivered.get(uri)?.add(job.contentKey);
      this.events.onVerdict?.(uri, job.contentKey, verdict);
    }
  }

  private fail(job: Job, error: unknown): void {
    if (job.controller.signal.aborted || this.disposed) return; // edited away or shutting down
    const failure = error instanceof EndpointError ? error : new EndpointError('request', error instanceof Error ? error.message : String(error));
    if (failure.endpointFault) {
      // The endpoint is unwell: keep the job for when it is back, and stop calling it meanwhile.
      job.controller = new AbortController();
      if (this.jobs.get(job.cacheKey) === job) {
        this.queue.unshift(job);
        // A "still writing" placeholder from the broken answer must not stay up for the whole outage
        // (it would hide the verifier's slips): replace it with "unknown" until the model answers.
        if (job.earlyReported) this.deliver(job, { status: 'unknown', engine: this.engine.info, reason: `the model's answer broke off: ${failure.message}` });
      }
      this.breaker.recordFailure(failure.message, failure.options.retryAfterMs ?? 0);
      return;
    }
    // A failure particular to this problem: tell the documents, do not cache, do not retry.
    this.jobs.delete(job.cacheKey);
    const verdict: Verdict = { status: 'unknown', engine: this.engine.info, reason: `model request failed: ${failure.message}` };
    this.options.log?.(`model: problem ${job.problem.index + 1}: ${failure.message}`);
    this.deliver(job, verdict);
  }

  /** A verdict that is not kept as delivered: the documents will hear about this content again. */
  private deliver(job: Job, verdict: Verdict): void {
    for (const uri of job.uris) if (this.latest.get(uri)?.has(job.contentKey)) this.events.onVerdict?.(uri, job.contentKey, verdict);
  }

  private emitState(): void {
    if (this.disposed) return;
    const state = this.state;
    const text = JSON.stringify(state);
    if (text === this.lastState) return;
    this.lastState = text;
    this.events.onState?.(state);
  }

  /** Aborts every request and stops the probe timer. (The cache is the caller's: flush it yourself.) */
  dispose(): void {
    this.disposed = true;
    this.breaker.dispose();
    for (const job of this.jobs.values()) job.controller.abort();
    this.jobs.clear();
    this.queue = [];
  }
}
