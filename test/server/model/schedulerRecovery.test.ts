// The scheduler and its circuit breaker recover without hammering the endpoint or keeping what
// is not a verdict: the back-off grows while completions fail even if /v1/models answers, only
// parsed answers are cached, and a "still writing" placeholder does not outlive a broken answer.
// The breaker runs on a hand-driven clock: the test fires each probe itself, nothing waits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelEngine } from '../../../server/model/modelEngine.ts';
import { ModelScheduler } from '../../../server/model/modelScheduler.ts';
import { VerdictCache } from '../../../server/cache/verdictCache.ts';
import type { Verdict } from '../../../server/engine/types.ts';
import type { EngineState } from '../../../server/protocol.ts';
import { modelSettingsSchema } from '../../../server/settings.ts';
import { OpenAITestServer, type Reply } from '../../support/openaiTestServer.ts';
import { makeProblem, MUFFINS_ANSWER } from '../../support/makeProblem.ts';
import { ManualClock } from '../../support/manualClock.ts';
import { Recorder } from '../../support/recorder.ts';

let server: OpenAITestServer;
before(async () => {
  server = await OpenAITestServer.start({ answer: () => MUFFINS_ANSWER });
});
after(() => server.close());

type Event = { type: 'early'; key: string; step: number } | { type: 'verdict'; key: string; verdict: Verdict } | { type: 'state'; state: EngineState };

async function setup(options: { clock?: ManualClock; cache?: VerdictCache; deadlineMs?: number } = {}) {
  const settings = modelSettingsSchema.parse({ endpoint: server.url, name: 'lema-test', timeoutMs: 60_000, retries: 0, deadlineMs: options.deadlineMs ?? 120_000 });
  const engine = new ModelEngine({ settings });
  const events = new Recorder<Event>();
  const scheduler = new ModelScheduler(engine, {
    cache: options.cache ?? (await VerdictCache.open()),
    events: {
      onEarlyStep: (_uri, key, step) => events.push({ type: 'early', key, step }),
      onVerdict: (_uri, key, verdict) => events.push({ type: 'verdict', key, verdict }),
      onState: (state) => events.push({ type: 'state', state }),
    },
    ...(options.clock ? { breakerClock: options.clock } : {}),
  });
  return { scheduler, events };
}

let serial = 0;
const problem = () => makeProblem({ question: `Recovery ${++serial}: a baker has 48 muffins and sells 30.`, steps: ['48 + 30 = 78 muffins are left.'], answer: '78' });
const isUnreachable = (e: Event) => e.type === 'state' && e.state.state === 'unreachable';
type VerdictEvent = Extract<Event, { type: 'verdict' }>;
const isVerdict = (e: Event): e is VerdictEvent => e.type === 'verdict';
const nextVerdict = async (events: Recorder<Event>, from = 0): Promise<VerdictEvent> => (await events.next(isVerdict, from)) as VerdictEvent;

describe('circuit breaker back-off', { timeout: 30_000 }, () => {
  test('models answer but completions fail: the back-off doubles on every trip until a request succeeds', async () => {
    const clock = new ManualClock();
    const { scheduler, events } = await setup({ clock });
    let failing = true;
    server.answer = () => (failing ? { fault: { kind: 'status', status: 500 } } : MUFFINS_ANSWER);
    try {
      scheduler.schedule('file:///backoff.md', [problem()], { reason: 'open' });
      const delays: number[] = [];
      for (let trip = 0; trip < 5; trip++) {
        const from = events.items.length;
        if (trip > 0) clock.fire(); // the probe answers (GET /v1/models works), the request fails again
        const down = await events.next(isUnreachable, from);
        assert.ok(down.type === 'state');
        delays.push((down.state.retryAt ?? 0) - clock.time);
      }
      assert.deepEqual(delays, [2_000, 4_000, 8_000, 16_000, 32_000]);
      const probes = server.requests.filter((r) => r.path === '/v1/models').length;
      assert.ok(probes >= 4, 'each half-open attempt followed a probe that answered');

      // A request that succeeds resets the back-off: the next outage starts at 2 s again.
      failing = false;
      let from = events.items.length;
      clock.fire();
      await nextVerdict(events, from);
      failing = true;
      from = events.items.length;
      scheduler.schedule('file:///backoff.md', [problem()], { reason: 'open' });
      const again = await events.next(isUnreachable, from);
      assert.ok(again.type === 'state' && (again.state.retryAt ?? 0) - clock.time === 2_000);
    } finally {
      server.answer = () => MUFFINS_ANSWER;
      scheduler.dispose();
    }
  });
});

describe('half-open: one request at a time', { timeout: 30_000 }, () => {
  test('after a probe answers, one request goes; the others follow only once it succeeds', async () => {
    const clock = new ManualClock();
    const { scheduler, events } = await setup({ clock });
    let failing = true;
    server.answer = () => (failing ? { fault: { kind: 'status', status: 500 } } : MUFFINS_ANSWER);
    try {
      const list = [problem(), problem(), problem()];
      scheduler.schedule('file:///half-open.md', list.slice(0, 1), { reason: 'open' });
      await events.next(isUnreachable);
      // Two more problems while the breaker is open: queued, nothing sent.
      scheduler.schedule('file:///half-open.md', list, { reason: 'open' });
      assert.equal(scheduler.inFlight, 0);
      for (let trip = 0; trip < 3; trip++) {
        const count = server.answerRequests.length;
        const from = events.items.length;
        clock.fire();
        await events.next(isUnreachable, from);
        assert.equal(server.answerRequests.length - count, 1, `trip ${trip + 1}: one request after the probe`);
      }
      failing = false;
      const count = server.answerRequests.length;
      clock.fire();
      await events.count(isVerdict, 3);
      assert.equal(server.answerRequests.length - count, 3, 'the one that succeeded, then the two that waited');
    } finally {
      server.answer = () => MUFFINS_ANSWER;
      scheduler.dispose();
    }
  });
});

describe('what is cached', { timeout: 30_000 }, () => {
  test('an HTML page served with 200 is an outage, never a cached verdict; the real answer is cached later', async () => {
    const clock = new ManualClock();
    const cache = await VerdictCache.open();
    const { scheduler, events } = await setup({ clock, cache });
    server.enqueue({ fault: { kind: 'html' } });
    try {
      const p = problem();
      scheduler.schedule('file:///portal.md', [p], { reason: 'open' });
      const down = await events.next(isUnreachable);
      assert.ok(down.type === 'state' && /text\/html/.test(down.state.reason ?? ''), JSON.stringify(down));
      assert.equal(cache.size, 0, 'nothing cached');
      assert.equal(events.items.filter(isVerdict).length, 0, 'no verdict delivered');
      clock.fire();
      const verdict = await nextVerdict(events);
      assert.equal(verdict.verdict.status, 'wrong');
      assert.equal(cache.size, 1);
    } finally {
      scheduler.dispose();
    }
  });

  test('an answer that does not parse is delivered as unknown but not cached: the next save asks again', async () => {
    const cache = await VerdictCache.open();
    const { scheduler, events } = await setup({ cache });
    const replies: Reply[] = [{ text: 'complete nonsense without any label' }, { text: MUFFINS_ANSWER }];
    server.enqueue(...replies);
    try {
      const p = problem();
      const count = server.answerRequests.length;
      scheduler.schedule('file:///garbage.md', [p], { reason: 'open' });
      const first = await nextVerdict(events);
      assert.equal(first.verdict.status, 'unknown');
      assert.equal(cache.size, 0);
      const from = events.items.length;
      scheduler.schedule('file:///garbage.md', [p], { reason: 'save' });
      const second = await nextVerdict(events, from);
      assert.equal(second.verdict.status, 'wrong');
      assert.equal(server.answerRequests.length - count, 2);
      assert.equal(cache.size, 1);
    } finally {
      scheduler.dispose();
    }
  });
});

describe('"still writing" placeholders', { timeout: 30_000 }, () => {
  // A fault that keeps the bytes before it in order (a TCP reset may drop what the client has not
  // read yet, and a stall would make the test wait for a timer): every endpoint fault after the
  // named step takes the same path.
  for (const [name, fault] of [['malformed SSE', { kind: 'malformed-sse', afterChars: 12 }]] as const) {
    test(`${name} after the step was named: the documents hear "unknown" at once, not at the end of the outage`, async () => {
      const clock = new ManualClock();
      const { scheduler, events } = await setup({ clock });
      server.enqueue({ fault, text: MUFFINS_ANSWER });
      try {
        const p = problem();
        scheduler.schedule('file:///broken.md', [p], { reason: 'open' });
        await events.next((e) => e.type === 'early' && e.key === p.contentKey);
        const replaced = await nextVerdict(events);
        assert.equal(replaced.verdict.status, 'unknown');
        assert.match(replaced.verdict.status === 'unknown' ? (replaced.verdict.reason ?? '') : '', /broke off/);
        await events.next(isUnreachable);
        // Once the endpoint is back the real verdict follows.
        clock.fire();
        const from = events.items.length;
        const real = await events.next((e) => isVerdict(e) && e.verdict.status === 'wrong', from);
        assert.ok(real);
      } finally {
        scheduler.dispose();
      }
    });
  }
});
