// Stops calling an endpoint that keeps failing: after a failure it stays "open" for a back-off,
// then probes the endpoint (GET /v1/models) and, when the probe answers, lets one request through
// ("half-open") before the others. A probe that answers proves little: an endpoint whose model list works but
// whose completions fail would otherwise be retried every 2 s forever. So the back-off doubles on
// every trip (2 s, 4 s, ... capped at 60 s) and only a request that really succeeded resets it.
// Timers are unref'd: a breaker never keeps a process alive.

/** Time as the breaker sees it; tests inject one to advance the back-off without waiting. */
export interface BreakerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: BreakerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface CircuitBreakerOptions {
  /** Checks that the endpoint answers (GET /v1/models); rejects with the reason it does not. */
  probe: (signal: AbortSignal) => Promise<unknown>;
  /** Called whenever open/closed, the reason or the retry time changes. */
  onChange: () => void;
  baseMs?: number;
  maxMs?: number;
  clock?: BreakerClock;
  log?: (line: string) => void;
}

export class CircuitBreaker {
  /** Trips since the last request that succeeded: the exponent of the back-off. */
  private trips = 0;
  private timer: unknown;
  private probing: AbortController | undefined;
  private readonly clock: BreakerClock;
  /** Why the endpoint is considered down; undefined while closed. */
  reason: string | undefined;
  /** Epoch ms of the next probe while open. */
  retryAt: number | undefined;
  /** Half-open: the probe answered, no request has succeeded since; callers send one at a time. */
  halfOpen = false;
  private disposed = false;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  get open(): boolean {
    return this.reason !== undefined;
  }

  /** A request succeeded: the endpoint really works, the back-off starts over. */
  recordSuccess(): void {
    this.trips = 0;
    this.halfOpen = false;
  }

  /** A request failed because of the endpoint (after its own retries). Ignored while already open.
   *  `minDelayMs`: the server's Retry-After, honoured even when the back-off is shorter. */
  recordFailure(reason: string, minDelayMs = 0): void {
    if (this.open || this.disposed) return;
    this.trip(reason, minDelayMs);
  }

  private trip(reason: string, minDelayMs = 0): void {
    const max = this.options.maxMs ?? 60_000;
    const backoff = Math.min(max, (this.options.baseMs ?? 2_000) * 2 ** Math.min(this.trips, 30));
    const delay = Math.max(backoff, Math.min(minDelayMs, 60_000));
    this.trips++;
    this.halfOpen = false;
    this.reason = reason;
    this.retryAt = this.clock.now() + delay;
    this.options.log?.(`endpoint unreachable: ${reason}; next probe in ${Math.round(delay / 100) / 10} s`);
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => void this.probeNow(), delay);
    this.options.onChange();
  }

  /** A person asked to check now: probe at once instead of waiting out the back-off. */
  retryNow(): void {
    if (!this.open || this.probing || this.disposed) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    void this.probeNow();
  }

  private async probeNow(): Promise<void> {
    this.timer = undefined;
    if (this.disposed) return;
    this.probing = new AbortController();
    try {
      await this.options.probe(this.probing.signal);
      if (this.disposed) return;
      // Half-open: requests may go again, but the back-off is kept until one of them succeeds.
      this.options.log?.('endpoint answers again; trying a request');
      this.reason = undefined;
      this.retryAt = undefined;
      this.halfOpen = true;
      this.options.onChange();
    } catch (error) {
      if (this.disposed) return;
      this.reason = undefined; // trip() sets it again, with the probe's reason
      this.trip(error instanceof Error ? error.message : String(error));
    } finally {
      this.probing = undefined;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.probing?.abort();
  }
}
