import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelEngine } from '../../../server/model/modelEngine.ts';
import { ModelScheduler, type SchedulerEvents } from '../../../server/model/modelScheduler.ts';
import { VerdictCache } from '../../../server/cache/verdictCache.ts';
import type { Verdict } from '../../../server/engine/types.ts';
import type { EngineState } from '../../../server/protocol.ts';
import { modelSettingsSchema, type ModelSettings } from '../../../server/settings.ts';
import { type Fault, OpenAITestServer } from '../../support/openaiTestServer.ts';
import { makeProblem, MUFFINS_ANSWER } from '../../support/makeProblem.ts';
import { ManualClock } from '../../support/manualClock.ts';
import { Recorder } from '../../support/recorder.ts';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let server: OpenAITestServer;
before(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await OpenAITestServer.start({ answer: () => MUFFINS_ANSWER });
});
after(async () => {
  await server.close();
  process.off('unhandledRejection', onUnhandled);
  assert.deepEqual(unhandled, [], 'no unhandled rejections');
});

type Event =
  | { type: 'early'; uri: string; key: string; step: number }
  | { type: 'verdict'; uri: string; key: string; verdict: Verdict }
  | { type: 'state'; state: EngineState };

function setup(options: { settings?: Partial<ModelSettings>; cache?: VerdictCache; concurrency?: number; breakerBaseMs?: number; clock?: ManualClock } = {}) {
  const engine = new ModelEngine({
    // A generous stall timer: a busy test machine must not read as a stalled endpoint.
    settings: modelSettingsSchema.parse({ endpoint: server.url, name: 'lema-test', timeoutMs: 60_000, retries: 0, ...options.settings }),
    retryBaseMs: 5,
  });
  const events = new Recorder<Event>();
  const handlers: SchedulerEvents = {
    onEarlyStep: (uri, key, step) => events.push({ type: 'early', uri, key, step }),
    onVerdict: (uri, key, verdict) => events.push({ type: 'verdict', uri, key, verdict }),
    onState: (state) => events.push({ type: 'state', state }),
  };
  const scheduler = new ModelScheduler(engine, {
    events: handlers,
    concurrency: options.concurrency ?? 4,
    breakerBaseMs: options.breakerBaseMs ?? 40,
    breakerMaxMs: Math.max(200, options.breakerBaseMs ?? 0),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.clock ? { breakerClock: options.clock } : {}),
  });
  return { scheduler, events };
}

const problems = (n: number, tag = '') =>
  Array.from({ length: n }, (_, i) =>
    makeProblem({ index: i, question: `Problem ${i}${tag}: a baker has ${i + 10} muffins and sells some.`, steps: ['First step.', 'Second step.'], answer: '5' }),
  );

const isVerdict = (e: Event): e is Extract<Event, { type: 'verdict' }> => e.type === 'verdict';

describe('ModelScheduler', { timeout: 30_000 }, () => {
  test('asks once per problem, reports the early step, then the verdict; then the state is ready', async () => {
    const { scheduler, events } = setup();
    const list = problems(3, 'a');
    const before = server.answerRequests.length;
    scheduler.schedule('file:///a.md', list, { reason: 'open' });
    scheduler.schedule('file:///a.md', list, { reason: 'edit' }); // in flight: nothing new
    await events.count(isVerdict, 3);
    assert.equal(server.answerRequests.length - before, 3);
    for (const problem of list) {
      const early = events.items.findIndex((e) => e.type === 'early' && e.key === problem.contentKey && e.step === 1);
      const verdict = events.items.findIndex((e) => e.type === 'verdict' && e.key === problem.contentKey);
      assert.ok(early >= 0 && early < verdict, 'early step before the verdict');
    }
    await events.next((e) => e.type === 'state' && e.state.state === 'ready');
    assert.deepEqual(scheduler.state, { state: 'ready', model: 'lema-test', pending: 0 });
    assert.ok(events.items.some((e) => e.type === 'state' && e.state.state === 'checking'));
    scheduler.dispose();
  });

  test('reopening an unchanged document asks nothing (disk cache, new scheduler)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'lema-sched-')), 'cache.json');
    const list = problems(5, 'b');
    const first = setup({ cache: await VerdictCache.open({ file }) });
    first.scheduler.schedule('file:///b.md', list, { reason: 'open' });
    await first.events.count(isVerdict, 5);
    first.scheduler.dispose();
    await (first.scheduler as unknown as { cache: VerdictCache }).cache.flush();

    const before = server.answerRequests.length;
    const second = setup({ cache: await VerdictCache.open({ file }) });
    second.scheduler.schedule('file:///b.md', list, { reason: 'open' });
    const verdicts = second.events.items.filter(isVerdict);
    assert.equal(verdicts.length, 5, 'cached verdicts are delivered at once');
    assert.equal(server.answerRequests.length - before, 0, '0 requests');
    second.scheduler.schedule('file:///b.md', list, { reason: 'save' });
    assert.equal(second.events.items.filter(isVerdict).length, 5, 'not sent twice to the same document');
    second.scheduler.dispose();
  });

  test('a request for a problem edited since is aborted, and its verdict never delivered', async () => {
    const { scheduler, events } = setup({ settings: { timeoutMs: 60_000 } });
    const [original] = problems(1, 'c');
    const edited = makeProblem({ index: 0, question: 'Problem 0c: edited.', steps: ['First step.', 'Second step.'], answer: '5' });
    server.enqueue({ fault: { kind: 'stall' } });
    const count = server.answerRequests.length;
    const arrived = server.waitForRequests(count + 1);
    scheduler.schedule('file:///c.md', [original!], { reason: 'open' });
    await arrived;
    const stalled = server.answerRequests[count]!;
    scheduler.schedule('file:///c.md', [edited], { reason: 'edit' });
    await server.waitForAbort(stalled);
    const verdict = await events.next(isVerdict);
    assert.ok(verdict.type === 'verdict' && verdict.key === edited.contentKey);
    assert.equal(events.items.filter((e) => e.type === 'verdict' && e.key === original!.contentKey).length, 0);
    scheduler.dispose();
  });

  test('retain drops requests for problems edited away and asks nothing new', async () => {
    const { scheduler } = setup({ settings: { timeoutMs: 60_000 } });
    const [original] = problems(1, 'k');
    const edited = makeProblem({ index: 0, question: 'Problem 0k: edited.', steps: ['x'], answer: '1' });
    server.enqueue({ fault: { kind: 'stall' } });
    const count = server.answerRequests.length;
    const arrived = server.waitForRequests(count + 1);
    scheduler.schedule('file:///k.md', [original!], { reason: 'open' });
    await arrived;
    scheduler.retain('file:///k.md', [edited]);
    await server.waitForAbort(server.answerRequests[count]!);
    assert.equal(scheduler.pending, 0);
    assert.equal(server.answerRequests.length, count + 1, 'nothing new asked');
    scheduler.dispose();
  });

  test('at most `concurrency` requests at once, the problem at the cursor first', async () => {
    const { scheduler, events } = setup({ concurrency: 2 });
    const list = problems(8, 'd');
    server.maxActive = 0;
    server.ttftMs = 30; // answers overlap in time
    const before = server.answerRequests.length;
    scheduler.schedule('file:///d.md', list, { reason: 'open', cursorProblemIndex: 6 });
    await events.count(isVerdict, 8);
    server.ttftMs = 0;
    assert.equal(server.maxActive, 2);
    // The first two requests start together (their arrival order is the network's): the cursor's is one of them.
    const firstTwo = server.answerRequests.slice(before, before + 2).map((r) => /Problem (\d+)d/.exec(r.prompt)?.[1]);
    assert.deepEqual(firstTwo.sort(), ['0', '6']);
    scheduler.dispose();
  });

  test('the same content in two documents is asked once and delivered to both', async () => {
    const { scheduler, events } = setup();
    const list = problems(2, 'e');
    const before = server.answerRequests.length;
    scheduler.schedule('file:///e1.md', list, { reason: 'open' });
    scheduler.schedule('file:///e2.md', list, { reason: 'open' });
    await events.count(isVerdict, 4);
    assert.equal(server.answerRequests.length - before, 2);
    scheduler.dispose();
  });

  const faults: [string, Fault, RegExp][] = [
    ['500', { kind: 'status', status: 500 }, /500/],
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfter: '1' }, /rate limiting/],
    ['a stall past the timeout', { kind: 'stall' }, /sent nothing for 300 ms|did not answer in time/],
    ['a reset in the middle of a stream', { kind: 'reset', afterChars: 10 }, /connection|cannot connect/],
    ['malformed SSE', { kind: 'malformed-sse', afterChars: 5 }, /malformed|connection|cannot connect/],
  ];
  for (const [name, fault, reason] of faults) {
    test(`fault "${name}": unreachable with the reason, no requests while open, resumes by itself`, async () => {
      // A generous timeout unless the stall is the point: a busy test machine must not read as a stall.
      const { scheduler, events } = setup({ settings: { timeoutMs: fault.kind === 'stall' ? 300 : 3_000 } });
      server.down = fault;
      const [problem] = problems(1, `f-${name}`);
      scheduler.schedule('file:///f.md', [problem!], { reason: 'open' });
      const down = await events.next((e) => e.type === 'state' && e.state.state === 'unreachable');
      assert.ok(down.type === 'state');
      assert.match(down.state.reason ?? '', reason);
      assert.equal(typeof down.state.retryAt, 'number', 'the state says when the next probe is due');
      assert.equal(down.state.pending, 1);
      // Each probe fails while the fault lasts: wait for a second unreachable state (a later retryAt).
      const from = events.items.length;
      await events.next((e) => e.type === 'state' && e.state.state === 'unreachable' && (e.state.retryAt ?? 0) > (down.state.retryAt ?? 0), from);
      const answersWhileDown = server.answerRequests.filter((r) => r.prompt.includes(`f-${name}`)).length;
      assert.equal(answersWhileDown, 1, 'only the first request reached the endpoint; then probes only');
      server.down = undefined;
      const verdict = await events.next(isVerdict);
      assert.ok(verdict.type === 'verdict' && verdict.verdict.status === 'wrong');
      await events.next((e) => e.type === 'state' && e.state.state === 'ready');
      scheduler.dispose();
    });
  }

  test('garbage text is an unknown verdict for that problem, not an outage', async () => {
    const { scheduler, events } = setup();
    server.enqueue({ text: 'complete nonsense without any label' });
    scheduler.schedule('file:///g.md', problems(1, 'g'), { reason: 'open' });
    const verdict = await events.next(isVerdict);
    assert.ok(verdict.type === 'verdict' && verdict.verdict.status === 'unknown');
    assert.ok(!events.items.some((e) => e.type === 'state' && e.state.state === 'unreachable'));
    scheduler.dispose();
  });

  test('a 429 keeps the endpoint closed for at least its Retry-After', async () => {
    // On the breaker's hand-driven clock: the probe is due exactly when the server said, not earlier.
    const clock = new ManualClock();
    const { scheduler, events } = setup({ clock });
    server.enqueue({ fault: { kind: 'status', status: 429, retryAfter: '1' } });
    const problem = problems(1, 'r')[0]!;
    const started = clock.time;
    scheduler.schedule('file:///r.md', [problem], { reason: 'open' });
    const down = await events.next((e) => e.type === 'state' && e.state.state === 'unreachable');
    assert.ok(down.type === 'state' && (down.state.retryAt ?? 0) - started >= 1_000, 'retryAt honours Retry-After: 1');
    assert.ok(clock.scheduled, 'the next attempt waits on the breaker');
    clock.fire();
    assert.ok(clock.time - started >= 1_000, 'nothing was asked before the Retry-After ran out');
    await events.next(isVerdict);
    scheduler.dispose();
  });

  test('back-off doubles per failed probe up to the cap', async () => {
    const clock = new ManualClock();
    const { scheduler, events } = setup({ clock });
    server.down = { kind: 'status', status: 503 };
    scheduler.schedule('file:///h.md', problems(1, 'h'), { reason: 'open' });
    const delays: number[] = [];
    for (let trip = 0; trip < 5; trip++) {
      const from = events.items.length;
      if (trip > 0) clock.fire(); // the probe fails too
      const down = await events.next((e) => e.type === 'state' && e.state.state === 'unreachable', from);
      delays.push(down.type === 'state' ? (down.state.retryAt ?? 0) - clock.time : 0);
    }
    assert.deepEqual(delays, [40, 80, 160, 200, 200], 'doubling from 40 ms, capped at 200 ms');
    server.down = undefined;
    clock.fire();
    await events.next(isVerdict);
    scheduler.dispose();
  });

  test('"Check Document" while unreachable probes at once instead of waiting out the back-off', async () => {
    // The breaker's clock never moves by itself: only the explicit command can bring the verdict.
    const clock = new ManualClock();
    const { scheduler, events } = setup({ clock });
    server.down = { kind: 'status', status: 503 };
    const docProblems = problems(1, 'c');
    scheduler.schedule('file:///c.md', docProblems, { reason: 'open' });
    await events.next((e) => e.type === 'state' && e.state.state === 'unreachable');
    server.down = undefined;
    assert.ok(clock.scheduled, 'a probe is waiting out the back-off');
    scheduler.schedule('file:///c.md', docProblems, { reason: 'command' });
    await events.next(isVerdict);
    scheduler.dispose();
  });
});
