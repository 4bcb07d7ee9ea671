// The recording commands' arguments carry what a record needs: through JSON and the schema, they
// give the same record as the problem and verdict the code action was computed from.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineInfo, MistakeKind, WrongVerdict } from '../../../server/engine/types.ts';
import { recordCommandArgs } from '../../../server/lsp/commandArgs.ts';
import { recordCommandArgsSchema } from '../../../server/protocol.ts';
import { recordFromVerdict } from '../../../server/store/record.ts';
import { makeProblem } from '../../support/makeProblem.ts';

/** A fixed-seed generator, so every run builds the same problems. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const kinds: MistakeKind[] = ['arithmetic', 'algebra', 'rounding', 'final-answer', 'reasoning'];
const engines: EngineInfo[] = [
  { kind: 'embedded' },
  { kind: 'model', model: 'lema-7b', style: 'chat', templateVersion: 'lema-v1-abc', host: 'gpu:8000' },
];

describe('recording command arguments', () => {
  test('round trip: the record from the arguments is the record from the problem and verdict', () => {
    const next = random(7);
    const now = new Date('2026-12-01T10:00:00Z');
    for (let i = 0; i < 200; i++) {
      const count = 1 + Math.floor(next() * 6);
      const steps = Array.from({ length: count }, (_, k) => `Step text ${i}.${k}: ${Math.floor(next() * 100)} × 2 = ${Math.floor(next() * 200)} ✓ "quoted" \\ $x$`);
      const problem = makeProblem({ index: i % 4, question: `Question ${i}: how many?`, steps, ...(next() < 0.7 ? { answer: String(i) } : {}) });
      const stepIndex = Math.floor(next() * count);
      const fromStep = Math.max(0, stepIndex + Math.floor(next() * 3) - 1);
      const verdict: WrongVerdict = {
        status: 'wrong',
        engine: engines[i % engines.length]!,
        stepIndex,
        kind: kinds[i % kinds.length]!,
        explanation: `Because ${i}.`,
        hint: 'a hint the record does not keep',
        related: [{ stepIndex: 0, message: 'not kept' }],
        ...(next() < 0.8 ? { correction: { fromStep, steps: ['fixed step', 'The answer is 1.'], ...(next() < 0.5 ? { finalAnswer: '1' } : {}) } } : {}),
      };
      const args = recordCommandArgs(`file:///w/sheet-${i}.md`, 3 + i, problem, verdict);
      const parsed = recordCommandArgsSchema.parse(JSON.parse(JSON.stringify(args)));
      assert.equal(parsed.version, 3 + i);
      assert.equal(parsed.contentKey, problem.contentKey);
      const common = { mode: 'tutor' as const, relativePath: 'sheet.md', action: 'accepted' as const, now };
      const fromArgs = recordFromVerdict({ ...common, problem: { ...parsed.problem, contentKey: parsed.contentKey }, verdict: parsed.verdict });
      const direct = recordFromVerdict({ ...common, problem, verdict });
      assert.deepEqual({ ...fromArgs, id: '' }, { ...direct, id: '' }, `problem ${i}`);
    }
  });

  test('malformed arguments are refused by the schema', () => {
    const problem = makeProblem({ question: 'Q?', steps: ['1 + 1 = 3'], answer: '3' });
    const verdict: WrongVerdict = { status: 'wrong', engine: { kind: 'embedded' }, stepIndex: 0, kind: 'arithmetic', explanation: 'no', hint: 'h' };
    const good = recordCommandArgs('file:///a.md', 1, problem, verdict);
    assert.equal(recordCommandArgsSchema.safeParse(good).success, true);
    const bad: unknown[] = [
      undefined,
      { ...good, problem: undefined },
      { ...good, verdict: { ...good.verdict, stepIndex: 1 } },
      { ...good, verdict: { ...good.verdict, kind: 'typo' } },
      { ...good, verdict: { ...good.verdict, engine: { kind: 'model' } } },
      { ...good, version: 1.5 },
      { ...good, problem: { ...good.problem, steps: [] } },
      { ...good, problem: { ...good.problem, question: 'x'.repeat(200_001) } },
    ];
    for (const [i, args] of bad.entries()) assert.equal(recordCommandArgsSchema.safeParse(args).success, false, `case ${i}`);
  });
});
