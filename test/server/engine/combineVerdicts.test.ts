import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { combineVerdicts } from '../../../server/engine/combineVerdicts.ts';
import type { EngineInfo, Verdict } from '../../../server/engine/types.ts';
import { makeProblem } from '../../support/makeProblem.ts';

const embeddedInfo: EngineInfo = { kind: 'embedded' };
const modelInfo: EngineInfo = { kind: 'model', model: 'lema-7b', style: 'completion', templateVersion: 'lema-v1-x', host: 'h:1' };

const slip = (stepIndex: number): Verdict => ({ status: 'wrong', engine: embeddedInfo, stepIndex, kind: 'arithmetic', explanation: '9 × 2 is 18, not 19.', hint: 'Check the product.' });
const flag = (stepIndex: number, kind: 'reasoning' | 'final-answer' = 'reasoning'): Verdict => ({ status: 'wrong', engine: modelInfo, stepIndex, kind, explanation: 'misread the question', hint: 'Re-read.' });
const correct = (engine: EngineInfo): Verdict => ({ status: 'correct', engine });
const unknown = (engine: EngineInfo): Verdict => ({ status: 'unknown', engine, reason: 'n/a' });

describe('combineVerdicts', () => {
  test('a proven slip at or before the model step wins', () => {
    const proof = slip(1);
    assert.equal(combineVerdicts(proof, flag(1)), proof, 'the embedded verdict itself, engine included');
    assert.deepEqual(combineVerdicts(slip(1), flag(1)), slip(1));
    assert.deepEqual(combineVerdicts(slip(1), flag(3)), slip(1));
  });

  test('model correct or unknown never hides a proof', () => {
    assert.deepEqual(combineVerdicts(slip(2), correct(modelInfo)), slip(2));
    assert.deepEqual(combineVerdicts(slip(2), unknown(modelInfo)), slip(2));
    assert.deepEqual(combineVerdicts(slip(2)), slip(2));
  });

  test('the model may flag an earlier step; the slip rides along as related information', () => {
    const combined = combineVerdicts(slip(3), flag(1));
    assert.ok(combined.status === 'wrong');
    assert.equal(combined.stepIndex, 1);
    assert.deepEqual(combined.engine, modelInfo);
    assert.deepEqual(combined.related, [{ stepIndex: 3, message: 'Also wrong: 9 × 2 is 18, not 19. (embedded verifier)' }]);
  });

  test('arithmetic proven right: the model may still flag reasoning, never as a computation claim', () => {
    assert.deepEqual(combineVerdicts(correct(embeddedInfo), flag(2)), flag(2));
    const answer = combineVerdicts(correct(embeddedInfo), flag(2, 'final-answer'));
    assert.ok(answer.status === 'wrong' && answer.kind === 'reasoning' && answer.engine.kind === 'model');
    // Without a proof, the model's own kind stands.
    assert.deepEqual(combineVerdicts(unknown(embeddedInfo), flag(2, 'final-answer')), flag(2, 'final-answer'));
  });

  test('no mistake anywhere: the proof first, then the model, then unknown', () => {
    assert.deepEqual(combineVerdicts(correct(embeddedInfo), correct(modelInfo)), correct(embeddedInfo));
    assert.deepEqual(combineVerdicts(unknown(embeddedInfo), correct(modelInfo)), correct(modelInfo));
    assert.deepEqual(combineVerdicts(unknown(embeddedInfo), unknown(modelInfo)), unknown(embeddedInfo));
    assert.deepEqual(combineVerdicts(unknown(embeddedInfo)), unknown(embeddedInfo));
  });

  test('a model flag on an ignored step cannot mask a later proven slip', () => {
    const problem = makeProblem({ question: 'q', steps: ['a', 'b', 'c', 'd'], ignored: [1] });
    assert.deepEqual(combineVerdicts(slip(3), flag(1), problem), slip(3));
    assert.deepEqual(combineVerdicts(unknown(embeddedInfo), flag(1), problem), unknown(embeddedInfo));
    assert.equal(combineVerdicts(slip(3), flag(0), problem).engine.kind, 'model');
  });
});
