// Stops calling an endpoint that keeps failing: after a failure it stays "open" for a back-off that
// doubles on every failed probe (2 s, 4 s, ... capped at 60 s), then probes the endpoint and closes
// by itself when the probe answers. Timers are unref'd: a breaker never keeps a process alive.

export interface CircuitBreakerOptions {
  /** Checks that the endpoint answers (GET /v1/models); rejects with the reason it does not. */
  probe: (signal: AbortSignal) => Promise<unknown>;
  /** Called whenever open/closed, the reason or the retry time changes. */
  onChange: () => void;
  baseMs?: number;
  maxMs?: number;
  log?: (line: string) => void;
}

export class CircuitBreaker {
  private trips = 0;
  private timer: NodeJS.Timeout | undefined;
  private probing: AbortController | undefined;
  /** Why the endpoint is considered down; undefined while closed. */
  reason: string | undefined;
  /** Epoch ms of the next probe while open. */
  retryAt: number | undefined;
  private disposed = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get open(): boolean {
    return this.reason !== undefined;
  }

  /** A request succeeded. */
  recordSuccess(): void {
    this.trips = 0;
  }

  /** A request failed because of the endpoint (after its own retries). Ignored while already open.
   *  `minDelayMs`: the server's Retry-After, honoured even when the back-off is shorter. */
  recordFailure(reason: string, minDelayMs = 0): void {
    if (this.open || this.disposed) return;
    this.trip(reason, minDelayMs);
  }

  private trip(reason: string, minDelayMs = 0): void {
    const backoff = Math.min(this.options.maxMs ?? 60_000, (this.options.baseMs ?? 2_000) * 2 ** this.trips);
    const delay = Math.max(backoff, Math.min(minDelayMs, 60_000));
    this.trips++;
    this.reason = reason;
    this.retryAt = Date.now() + delay;
    this.options.log?.(`endpoint unreachable: ${reason}; next probe in ${Math.round(delay / 100) / 10} s`);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.probeNow(), delay);
    this.timer.unref();
    this.options.onChange();
  }

  /** A person asked to check now: probe at once instead of waiting out the back-off. */
  retryNow(): void {
    if (!this.open || this.probing || this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    void this.probeNow();
  }

  private async probeNow(): Promise<void> {
    this.timer = undefined;
    if (this.disposed) return;
    this.probing = new AbortController();
    try {
      await this.options.probe(this.probing.signal);
      if (this.disposed) return;
      this.options.log?.('endpoint reachable again');
      this.reason = undefined;
      this.retryAt = undefined;
      this.trips = 0;
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
    if (this.timer) clearTimeout(this.timer);
    this.probing?.abort();
  }
}
