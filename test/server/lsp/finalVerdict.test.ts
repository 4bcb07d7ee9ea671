import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { finalVerdict } from '../../../server/lsp/finalVerdict.ts';
import { pendingModelVerdict } from '../../../server/lsp/pendingModelVerdict.ts';
import { Suppressions } from '../../../server/lsp/suppressions.ts';
import type { EngineInfo, Verdict } from '../../../server/engine/types.ts';
import { makeProblem } from '../../support/makeProblem.ts';

const modelInfo: Extract<EngineInfo, { kind: 'model' }> = { kind: 'model', model: 'lema-7b', style: 'completion', templateVersion: 'v', host: 'h:1' };
const problem = makeProblem({ question: 'Q', steps: ['a', 'b', 'c', 'd'], answer: '1' });
const none = new Suppressions(undefined);
const slip = (stepIndex: number): Verdict => ({ status: 'wrong', engine: { kind: 'embedded' }, stepIndex, kind: 'arithmetic', explanation: 'x', hint: 'h' });
const flag = (stepIndex: number): Verdict => ({ status: 'wrong', engine: modelInfo, stepIndex, kind: 'reasoning', explanation: 'misread', hint: 'h' });
const unknown: Verdict = { status: 'unknown', engine: { kind: 'embedded' } };

describe('finalVerdict', () => {
  test('a "still writing" placeholder never hides a proven slip, at any step', () => {
    for (const step of [0, 1, 2, 3]) {
      assert.deepEqual(finalVerdict(problem, slip(2), pendingModelVerdict(modelInfo, step), none), slip(2), `placeholder at step ${step + 1}`);
    }
  });

  test('a placeholder shows where nothing is proven; the finished answer still outranks a later slip', () => {
    assert.equal(finalVerdict(problem, unknown, pendingModelVerdict(modelInfo, 1), none)?.stepIndex, 1);
    const finished = finalVerdict(problem, slip(2), flag(1), none);
    assert.equal(finished?.engine.kind, 'model', 'rule 2 applies to real verdicts');
    // A verdict with the placeholder's text but made by the model is not a placeholder.
    const lookalike = { ...pendingModelVerdict(modelInfo, 1) };
    assert.equal(finalVerdict(problem, slip(2), lookalike, none)?.engine.kind, 'model');
  });

  test('engine "model" is the model alone: a proven slip is not shown without the model', () => {
    assert.equal(finalVerdict(problem, slip(2), undefined, none, 'model'), undefined);
    assert.equal(finalVerdict(problem, slip(2), { status: 'correct', engine: modelInfo }, none, 'model'), undefined);
    assert.equal(finalVerdict(problem, slip(0), flag(3), none, 'model')?.stepIndex, 3);
  });

  test('engine "embedded": what the model said before the switch does not count', () => {
    assert.equal(finalVerdict(problem, unknown, flag(1), none, 'embedded'), undefined);
    assert.deepEqual(finalVerdict(problem, slip(2), flag(1), none, 'embedded'), slip(2));
  });
});
