// Messages, squiggle ranges, related steps and fix titles for the same slip written in each step
// style the parser reads: the family, not one example.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DocumentChecker } from '../../../server/check/documentChecker.ts';
import { LineIndex } from '../../../server/document/lineIndex.ts';
import { mistakeDiagnostic, mistakeMessage } from '../../../server/diagnostics/buildDiagnostics.ts';
import { whatToCheck } from '../../../server/diagnostics/mistakeMessage.ts';
import type { WrongVerdict } from '../../../server/engine/types.ts';
import { changedClaim, correctionTitle } from '../../../server/lsp/fixTitle.ts';
import { EmbeddedEngine } from '../../../server/verify/embeddedEngine.ts';

const question = 'Question: A bakery sold 9 boxes with 2 muffins each at $3 a muffin. How much money did it make?';
const styles: Record<string, string> = {
  'ordered list': ['## Bakery', '', question, '', '1. It sold 9 × 2 = 19 muffins.', '2. It made 19 × 3 = 57 dollars.', '3. The answer is 57.', ''].join('\n'),
  'Step k labels': ['## Bakery', '', question, '', 'Step 1: It sold 9 × 2 = 19 muffins.', 'Step 2: It made 19 × 3 = 57 dollars.', 'Step 3: The answer is 57.', ''].join('\n'),
  'bullet list': ['## Bakery', '', question, '', '- It sold 9 × 2 = 19 muffins.', '- It made 19 × 3 = 57 dollars.', '- The answer is 57.', ''].join('\n'),
  'GSM8K lines': ['## Bakery', '', question, '', 'Solution:', 'It sold 9 × 2 = <<9*2=19>>19 muffins.', 'It made 19 × 3 = <<19*3=57>>57 dollars.', '#### 57', ''].join('\n'),
};

function flaggedIn(text: string) {
  const checked = new DocumentChecker(new EmbeddedEngine()).check(text);
  const found = checked.problems.find((p) => p.verdict.status === 'wrong');
  assert.ok(found, 'the slip is found');
  return { problem: found.problem, verdict: found.verdict as WrongVerdict, lines: new LineIndex(text), text };
}

describe('the diagnostic of a slip, in every step style', () => {
  for (const [style, text] of Object.entries(styles)) {
    test(style, () => {
      const { problem, verdict, lines } = flaggedIn(text);
      const tutor = mistakeDiagnostic(problem, verdict, { uri: 'file:///b.md', severity: 'warning', revealed: false });
      assert.equal(tutor.message, 'Step 1 of "Bakery" looks wrong: check the multiplication.');
      assert.equal(tutor.source, 'LeMa Tutor · embedded verifier');
      // The squiggle covers the wrong result as written, inside the step.
      const underlined = text.slice(lines.offsetAt(tutor.range.start), lines.offsetAt(tutor.range.end));
      assert.equal(underlined, '19');
      assert.equal(tutor.range.start.line, problem.steps[0]!.range.start.line);

      const revealed = mistakeDiagnostic(problem, verdict, { uri: 'file:///b.md', severity: 'warning', revealed: true });
      assert.equal(revealed.message, 'Step 1 of "Bakery" is wrong: 9 × 2 is 18, not 19.');
      assert.ok(!(revealed.relatedInformation ?? []).some((r) => r.message.includes('is 18, not 19')), 'the explanation is said once');

      // The answer that carries the slip is listed, whether it is a step or GSM8K's `####` line.
      const relatedLines = (tutor.relatedInformation ?? []).map((r) => r.location.range.start.line);
      const answerLine = text.split('\n').findIndex((line) => /answer is 57|#### 57/.test(line));
      assert.ok(relatedLines.includes(answerLine), `the answer line ${answerLine} is among ${relatedLines.join(',')}`);

      assert.equal(
        correctionTitle(problem, verdict.correction!),
        style === 'GSM8K lines'
          ? 'Replace "9 × 2 = <<9*2=19>>19" with "9 × 2 = <<9*2=18>>18" and recompute step 2'
          : 'Replace "9 × 2 = 19" with "9 × 2 = 18" and recompute steps 2–3',
      );
    });
  }

  test('a problem without a heading is named by its number', () => {
    const { problem, verdict } = flaggedIn(['Question: What is 4 times 5?', '', '1. 4 × 5 = 21.', '2. The answer is 21.', ''].join('\n'));
    assert.equal(mistakeMessage(problem, verdict, false), 'Step 1 of problem 1 looks wrong: check the multiplication.');
  });
});

describe('what to check', () => {
  const verdict = (hint: string, kind: WrongVerdict['kind'] = 'arithmetic', stepIndex = 1): WrongVerdict => ({
    status: 'wrong', engine: { kind: 'embedded' }, stepIndex, kind, explanation: 'x', hint,
  });
  test('the verifier\'s hints become one clause', () => {
    assert.equal(whatToCheck(verdict('Check the rounding in step 2.')), 'check the rounding');
    assert.equal(whatToCheck(verdict('Check how step 2 solves for x.', 'algebra')), 'check how it solves for x');
    assert.equal(whatToCheck(verdict('Check the final answer against step 4.', 'final-answer')), 'check the final answer against step 4');
  });
  test('a hint of several sentences gives the advice for its kind', () => {
    const model = 'Step 2 does not follow from the question. Re-read what the question gives and asks.';
    assert.equal(whatToCheck(verdict(model, 'reasoning')), 'check which quantities and operation it uses against the question');
    assert.equal(whatToCheck(verdict('The final answer does not match. Compare it.', 'final-answer')), 'compare the final answer with the last result');
  });
});

describe('the changed claim in a fix title', () => {
  test('widens to the claim and stops at words', () => {
    assert.deepEqual(changedClaim('The bakery sold 9 × 2 = 19 muffins.', 'The bakery sold 9 × 2 = 18 muffins.'), { from: '9 × 2 = 19', to: '9 × 2 = 18' });
    assert.deepEqual(changedClaim('So $x = 5$.', 'So $x = 4$.'), { from: '$x = 5$', to: '$x = 4$' });
    assert.deepEqual(changedClaim('It is $3 \\times 4 = 13$ cakes', 'It is $3 \\times 4 = 12$ cakes'), { from: '$3 \\times 4 = 13$', to: '$3 \\times 4 = 12$' });
    assert.equal(changedClaim('same', 'same'), undefined);
  });

  test('a rewritten step (a model\'s correction) is named by its number, and one later step reads "step"', () => {
    const problem = flaggedIn(styles['ordered list']!).problem;
    const rewritten = { fromStep: 0, steps: ['Each box holds 2 muffins and there are 9 boxes, so the bakery sold 18 muffins in all.', 'It made 54 dollars.'] };
    assert.equal(correctionTitle(problem, rewritten), 'Rewrite step 1 and recompute step 2');
    assert.equal(correctionTitle(problem, { fromStep: 1, steps: ['It made 19 × 3 = 58 dollars.'] }), 'Replace "19 × 3 = 57" with "19 × 3 = 58"');
  });
});
