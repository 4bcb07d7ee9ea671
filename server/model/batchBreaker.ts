// The circuit breaker of a batch run (`lema-tutor check --endpoint`): once the endpoint has failed
// after its own retries (a deadline, 5xx, a reset), the problems still to come are not sent and the
// requests in flight are cancelled, so a stalling endpoint costs one deadline per run instead of
// one per problem. Those problems get the embedded verifier's verdict alone, and the reason once.
import type { Problem } from '../document/types.ts';
import type { Verdict } from '../engine/types.ts';
import type { ModelEngineInfo } from '../cache/verdictCache.ts';
import { EndpointError } from './endpointClient.ts';
import type { StreamingOptions } from './modelEngine.ts';

export interface BatchModelEngine {
  readonly info: ModelEngineInfo;
  checkStreaming(problem: Problem, options: StreamingOptions): Promise<Verdict>;
}

export class BatchBreaker {
  private failure: string | undefined;
  private readonly cancel = new AbortController();

  constructor(
    private readonly engine: BatchModelEngine,
    /** Called once, when the breaker opens, with the endpoint's failure. */
    private readonly onOpen: (reason: string) => void,
  ) {}

  /** Whether the endpoint failed during this run. */
  get open(): boolean {
    return this.failure !== undefined;
  }

  /** The model's verdict; 'unknown' with the reason when the endpoint failed, now or before. Never rejects. */
  async check(problem: Problem): Promise<Verdict> {
    if (this.failure !== undefined) return this.skipped();
    try {
      return await this.engine.checkStreaming(problem, { signal: this.cancel.signal });
    } catch (error) {
      if (this.failure !== undefined) return this.skipped(); // cancelled because another request failed
      const failure = error instanceof EndpointError ? error : new EndpointError('request', error instanceof Error ? error.message : String(error));
      if (!failure.endpointFault) return { status: 'unknown', engine: this.engine.info, reason: `model not asked: ${failure.message}` };
      this.failure = failure.message;
      this.cancel.abort();
      this.onOpen(failure.message);
      return this.skipped();
    }
  }

  private skipped(): Verdict {
    return { status: 'unknown', engine: this.engine.info, reason: `model not asked: the endpoint failed earlier in this run (${this.failure})` };
  }
}
