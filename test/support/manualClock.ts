// A clock for the circuit breaker that only moves when a test fires the pending timer, so back-off
// figures are exact and no test waits for one to run out.
import assert from 'node:assert/strict';
import type { BreakerClock } from '../../server/model/circuitBreaker.ts';

export class ManualClock implements BreakerClock {
  time = 1_000_000;
  private pending: { callback: () => void; due: number } | undefined;

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): unknown => {
    this.pending = { callback, due: this.time + ms };
    return this.pending;
  };

  clearTimeout = (handle: unknown): void => {
    if (handle === this.pending) this.pending = undefined;
  };

  /** Whether a timer is waiting. */
  get scheduled(): boolean {
    return this.pending !== undefined;
  }

  /** Jumps to the pending timer and runs it. */
  fire(): void {
    const timer = this.pending;
    assert.ok(timer, 'a timer is scheduled');
    this.pending = undefined;
    this.time = timer.due;
    timer.callback();
  }
}
