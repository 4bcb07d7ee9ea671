import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSolutionDocument } from '../../../server/document/parseSolutionDocument.ts';
import { renderCorrection } from '../../../server/document/renderCorrection.ts';
import type { Correction } from '../../../server/engine/types.ts';
import { applyEdit } from './rangeText.ts';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';

function correct(text: string, correction: Correction, problemIndex = 0): string {
  const problem = parseSolutionDocument(text).problems[problemIndex]!;
  return applyEdit(text, renderCorrection(text, problem, correction));
}

describe('renderCorrection', () => {
  test('ordered list: renumbered from the corrected step, later problems untouched', () => {
    const text = '## A\n\nQ?\n\n1. 9 × 2 = 18\n2. 18 + 1 = 20\n3. The answer is 20.\n\n## B\n\nQ2?\n\n1. 1 = 1\n';
    const out = correct(text, { fromStep: 1, steps: ['18 + 1 = 19', 'Check: 19 - 1 = 18', 'The answer is 19.'] });
    assert.equal(out, '## A\n\nQ?\n\n1. 9 × 2 = 18\n2. 18 + 1 = 19\n3. Check: 19 - 1 = 18\n4. The answer is 19.\n\n## B\n\nQ2?\n\n1. 1 = 1\n');
    const doc = parseSolutionDocument(out);
    assert.deepEqual(doc.problems[0]!.steps.map((s) => s.text), ['9 × 2 = 18', '18 + 1 = 19', 'Check: 19 - 1 = 18', 'The answer is 19.']);
    assert.equal(doc.problems[0]!.finalAnswer?.value, '19');
    assert.equal(doc.problems[1]!.steps[0]!.text, '1 = 1');
  });

  test('bullets keep their marker and a multi-line step stays inside its item', () => {
    const text = 'Q?\n\n* 2 + 2 = 5\n* so 5\n';
    const out = correct(text, { fromStep: 0, steps: ['2 + 2 = 4\nsince 2 · 2 = 4', 'so 4'] });
    assert.equal(out, 'Q?\n\n* 2 + 2 = 4\n  since 2 · 2 = 4\n* so 4\n');
    assert.deepEqual(parseSolutionDocument(out).problems[0]!.steps.map((s) => s.text), ['2 + 2 = 4\n  since 2 · 2 = 4', 'so 4']);
  });

  test('labelled steps keep the label form and the blank line between steps; the answer line keeps its form', () => {
    const text = 'Question: 16 - 3 - 4 eggs at $2?\n\n**Step 1:** 16 - 3 - 4 = 8\n\n**Step 2:** 8 * 2 = 16\n\nThe answer is $16.\n';
    const out = correct(text, { fromStep: 0, steps: ['16 - 3 - 4 = 9', '9 * 2 = 18', 'The answer is $18.'] });
    assert.equal(out, 'Question: 16 - 3 - 4 eggs at $2?\n\n**Step 1:** 16 - 3 - 4 = 9\n\n**Step 2:** 9 * 2 = 18\n\nThe answer is $18.\n');
    const problem = parseSolutionDocument(out).problems[0]!;
    assert.deepEqual(problem.steps.map((s) => s.text), ['16 - 3 - 4 = 9', '9 * 2 = 18']);
    assert.equal(problem.finalAnswer?.value, '$18');
    assert.equal(problem.finalAnswer?.stepIndex, undefined);
  });

  test('GSM8K lines with CRLF: one step per line and the #### answer rewritten', () => {
    const text = '## g\r\n\r\nQ?\r\n\r\nSolution:\r\nA = 16 - 3 = <<16-3=13>>13\r\nB = 13 * 2 = 25\r\n#### 25\r\n';
    const out = correct(text, { fromStep: 1, steps: ['B = 13 * 2 = 26'], finalAnswer: '26' });
    assert.equal(out, '## g\r\n\r\nQ?\r\n\r\nSolution:\r\nA = 16 - 3 = <<16-3=13>>13\r\nB = 13 * 2 = 26\r\n#### 26\r\n');
    const problem = parseSolutionDocument(out).problems[0]!;
    assert.deepEqual(problem.steps.map((s) => s.text), ['A = 16 - 3 = <<16-3=13>>13', 'B = 13 * 2 = 26']);
    assert.deepEqual([problem.finalAnswer?.value, problem.finalAnswer?.form], ['26', 'gsm8k']);
  });

  test('a bold answer label after a list, and fewer steps than before', () => {
    const text = 'Q?\n\n1. a = 1\n2. b = 3\n3. c = 4\n\n**Answer:** 4\n';
    const out = correct(text, { fromStep: 1, steps: ['b = 2'], finalAnswer: '2' });
    assert.equal(out, 'Q?\n\n1. a = 1\n2. b = 2\n\n**Answer:** 2\n');
  });

  test('without a new answer value the standalone answer line is left alone', () => {
    const text = 'Q?\n\n- x = 1\n- y = 2\n\nAnswer: 2\n';
    const out = correct(text, { fromStep: 1, steps: ['y = 3', 'z = 4'] });
    assert.equal(out, 'Q?\n\n- x = 1\n- y = 3\n- z = 4\n\nAnswer: 2\n');
  });


  test('the verifier correction, applied to a GSM8K solution: annotations, text and #### change, the result checks clean', () => {
    const text =
      '## Ducks\n\nHow much does Janet make?\n\nSolution:\nJanet sells 16 - 3 - 4 = <<16-3-4=8>>8 eggs a day.\nShe makes 8 * 2 = $<<8*2=16>>16 every day.\n#### 16\n';
    const engine = new EmbeddedEngine();
    const problem = parseSolutionDocument(text).problems[0]!;
    const verdict = engine.checkSync(problem);
    assert.ok(verdict.status === 'wrong' && verdict.correction, JSON.stringify(verdict));
    const out = applyEdit(text, renderCorrection(text, problem, verdict.correction));
    assert.equal(
      out,
      '## Ducks\n\nHow much does Janet make?\n\nSolution:\nJanet sells 16 - 3 - 4 = <<16-3-4=9>>9 eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18\n',
    );
    assert.equal(engine.checkSync(parseSolutionDocument(out).problems[0]!).status, 'correct');
  });

  test('a fraction corrected in a list keeps its LaTeX form and the answer line follows', () => {
    const text = '## Pie\n\nHow much is left?\n\n1. She ate $\\frac{1}{2} + \\frac{1}{4} = \\frac{2}{6}$ in all.\n2. So $1 - \\frac{2}{6} = \\frac{4}{6}$ is left.\n\n**Answer:** 4/6\n';
    const engine = new EmbeddedEngine();
    const problem = parseSolutionDocument(text).problems[0]!;
    const verdict = engine.checkSync(problem);
    assert.ok(verdict.status === 'wrong' && verdict.correction, JSON.stringify(verdict));
    const out = applyEdit(text, renderCorrection(text, problem, verdict.correction));
    assert.equal(
      out,
      '## Pie\n\nHow much is left?\n\n1. She ate $\\frac{1}{2} + \\frac{1}{4} = \\frac{3}{4}$ in all.\n2. So $1 - \\frac{3}{4} = \\frac{1}{4}$ is left.\n\n**Answer:** 1/4\n',
    );
  });
});
