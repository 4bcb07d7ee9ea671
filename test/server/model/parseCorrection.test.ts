import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CorrectionParser, parseCorrection } from '../../../server/model/parseCorrection.ts';

const LEMA = `Incorrect Step: Step 2.
Explanation: The problem says she has $16 left, so she did not spend the whole budget.
Correct Solution:
{
...
Step 2: She spent $200 - $16 = $184 in all.
Step 3: The shoes cost $184 - $143 = $41.
Step 4: The answer is 41.
}`;

describe('parseCorrection', () => {
  test('reads the LeMa layout with the ... rule', () => {
    const parsed = parseCorrection(LEMA, { stepCount: 3 });
    assert.equal(parsed.kind, 'mistake');
    if (parsed.kind !== 'mistake') return;
    assert.equal(parsed.step, 2);
    assert.match(parsed.explanation, /^The problem says she has \$16 left/);
    assert.deepEqual(parsed.correction?.steps, ['She spent $200 - $16 = $184 in all.', 'The shoes cost $184 - $143 = $41.', 'The answer is 41.']);
    assert.equal(parsed.correction?.fromStep, 2);
    assert.equal(parsed.correction?.finalAnswer, '41');
  });

  test('completion style: the answer starts after the label in the prompt', () => {
    const parsed = parseCorrection(' Step 1.\nExplanation: wrong product.\nCorrect Solution:\n{\nStep 1: 3 × 4 = 12.\nStep 2: The answer is 12.\n}', { stepCount: 2, labelInPrompt: true });
    assert.equal(parsed.kind, 'mistake');
    if (parsed.kind === 'mistake') {
      assert.equal(parsed.step, 1);
      assert.deepEqual(parsed.correction?.steps, ['3 × 4 = 12.', 'The answer is 12.']);
    }
  });

  test('no mistake: None and its variants', () => {
    for (const text of ['Incorrect Step: None.', '**Incorrect Step:** none', 'incorrect step: N/A', 'Incorrect Step: There is no incorrect step.', 'Incorrect step: All steps are correct.', 'Incorrect Step: No.']) {
      assert.deepEqual(parseCorrection(text, { stepCount: 3 }), { kind: 'none' }, text);
    }
    assert.deepEqual(parseCorrection(' None.\nExplanation: fine.', { stepCount: 3, labelInPrompt: true }), { kind: 'none' });
  });

  test('accepts real variants: bold labels, Step 2:, words, lowercase, text around, no braces', () => {
    const variants = [
      'Sure! Let me check.\n\n**Incorrect Step:** Step 2:\n**Explanation:** adds instead of subtracting.\n**Correct Solution:**\n...\nStep 2: 48 - 30 = 18.\nStep 3: The answer is 18.\n\nHope this helps.',
      'incorrect step: step two.\nexplanation: adds instead of subtracting.\ncorrect solution:\n{\n...\nstep 2: 48 - 30 = 18.\n}',
      'Incorrect Step:\nStep 2\nExplanation: adds instead of subtracting.',
      '- **Wrong step**: 2\n- Explanation: adds instead of subtracting.',
    ];
    for (const text of variants) {
      const parsed = parseCorrection(text, { stepCount: 3 });
      assert.equal(parsed.kind, 'mistake', text);
      if (parsed.kind === 'mistake') {
        assert.equal(parsed.step, 2, text);
        assert.equal(parsed.explanation, 'adds instead of subtracting.', text);
      }
    }
    const noBraces = parseCorrection(variants[0] ?? '', { stepCount: 3 });
    assert.ok(noBraces.kind === 'mistake' && noBraces.correction?.steps[0] === '48 - 30 = 18.');
  });

  test('a correction restating the whole solution keeps steps k on; a multi-line step is joined', () => {
    const parsed = parseCorrection('Incorrect Step: Step 2.\nExplanation: x.\nCorrect Solution:\n{\nStep 1: same.\nStep 2: first line\ncontinued.\nStep 3: The answer is \\boxed{18}.\n}', { stepCount: 3 });
    assert.ok(parsed.kind === 'mistake');
    assert.deepEqual(parsed.correction?.steps, ['first line continued.', 'The answer is \\boxed{18}.']);
    assert.equal(parsed.correction?.finalAnswer, '18');
  });

  test('unusable answers are invalid with a reason, never a mistake', () => {
    const cases: [string, RegExp][] = [
      ['Incorrect Step: Step 9.\nExplanation: x.', /out of range/],
      ['Incorrect Step: Step 0.\nExplanation: x.', /out of range/],
      ['Incorrect Step: Step 2.\nExplanation: x.\nCorrect Solution:\n{\n...\n}', /correction of step 2 is empty/],
      ['Incorrect Step: Step 2.\n', /no explanation/],
      ['The weather is nice today and I like muffins.', /no "Incorrect Step:" line/],
      ['Incorrect Step: the one with the sum.', /cannot read the step number/],
      ['', /empty/],
    ];
    for (const [text, reason] of cases) {
      const parsed = parseCorrection(text, { stepCount: 3 });
      assert.equal(parsed.kind, 'invalid', text);
      if (parsed.kind === 'invalid') assert.match(parsed.reason, reason, text);
    }
  });

  test('a cut-off correction is dropped but the mistake stands', () => {
    const parsed = parseCorrection('Incorrect Step: Step 2.\nExplanation: x.\nCorrect Solution:\n{\n...\nStep 2: 48 - 3', { stepCount: 3 }, { truncated: true });
    assert.deepEqual(parsed, { kind: 'mistake', step: 2, explanation: 'x.' });
  });
});

describe('CorrectionParser (incremental)', () => {
  test('reports the step as soon as its number is complete, once, and knows when the answer is whole', () => {
    const seen: { step: number; at: number }[] = [];
    let pushed = 0;
    const parser = new CorrectionParser({ stepCount: 12 }, (step) => seen.push({ step, at: pushed }));
    const text = LEMA.replace('Step 2.', 'Step 12.').replace('Step 2:', 'Step 12:');
    for (const char of text) {
      parser.push(char);
      pushed++;
      if (parser.done) break;
    }
    // "Incorrect Step: Step 1" must not report step 1: the number is complete only at the '.'.
    assert.deepEqual(seen.map((s) => s.step), [12]);
    assert.equal(seen[0]?.at, text.indexOf('12.') + 2);
    assert.ok(parser.done);
    assert.equal(pushed, text.length, 'done only at the closing brace');
    const parsed = parser.finish();
    assert.ok(parsed.kind === 'mistake' && parsed.step === 12 && parsed.correction?.complete);
  });

  test('a brace inside a step (LaTeX) does not end the answer', () => {
    const parser = new CorrectionParser({ stepCount: 3 });
    parser.push('Incorrect Step: Step 2.\nExplanation: x.\nCorrect Solution:\n{\n...\nStep 2: \\frac{1}{2}');
    assert.equal(parser.done, false);
    parser.push('\n}\n');
    assert.equal(parser.done, true);
  });

  test('stops at maxChars and says so', () => {
    const parser = new CorrectionParser({ stepCount: 3, maxChars: 50 });
    for (let i = 0; i < 100; i++) parser.push('blah blah ');
    assert.equal(parser.overflowed, true);
    assert.equal(parser.length, 50);
    assert.equal(parser.finish().kind, 'invalid');
  });

  test('None ends the answer at once', () => {
    const parser = new CorrectionParser({ stepCount: 3, labelInPrompt: true });
    parser.push(' No');
    assert.equal(parser.done, false);
    parser.push('ne.');
    assert.equal(parser.done, true);
    assert.deepEqual(parser.finish(), { kind: 'none' });
  });
});

/** A fixed-seed generator (mulberry32), so every run cuts the answers at the same places. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CorrectionParser: streamed in pieces, the same as read whole', () => {
  const answers = [
    LEMA,
    LEMA.replace('Incorrect Step:', '**Incorrect Step:**').replace('Explanation:', '**Explanation:**'),
    'Sure! Let me check.\n\n**Incorrect Step:** Step 2:\n**Explanation:** adds instead of subtracting.\n**Correct Solution:**\n...\nStep 2: 48 - 30 = 18.\nStep 3: The answer is 18.\n\nHope this helps.',
    'Incorrect Step:\nStep 2\nExplanation: adds.\nCorrect Solution:\n{\nStep 2: 48 - 30 = 18.\nStep 3: The final answer is: $18 .\n}',
    'Incorrect Step: None.',
    'no label at all',
  ];
  test('random cuts (fixed seed) give the same answer, early step and end as one piece', () => {
    const random = seeded(8);
    for (const text of answers) {
      const whole = parseCorrection(text, { stepCount: 3 });
      for (let round = 0; round < 40; round++) {
        const steps: number[] = [];
        const parser = new CorrectionParser({ stepCount: 3, maxChars: 10_000 }, (step) => steps.push(step));
        for (let at = 0; at < text.length && !parser.done; ) {
          const size = 1 + Math.floor(random() * 12);
          parser.push(text.slice(at, at + size));
          at += size;
        }
        assert.deepEqual(parser.finish(), whole, `${JSON.stringify(text)} round ${round}`);
        assert.deepEqual(steps, whole.kind === 'mistake' ? [whole.step] : [], text);
      }
    }
  });
});

describe('parseCorrection on adversarial answers (linear patterns; speed is in bench/adversarial.ts)', () => {
  const head = 'Incorrect Step: Step 1.\nExplanation: the product is wrong.\nCorrect Solution:\n{\n';
  test('a corrected answer step with a long run of spaces keeps its value', () => {
    const parsed = parseCorrection(`${head}Step 1: The answer is a${' '.repeat(2_000)}b\n}`, { stepCount: 2 });
    assert.ok(parsed.kind === 'mistake');
    assert.equal(parsed.correction?.finalAnswer, `a${' '.repeat(2_000)}b`);
  });

  test('the stated answer: colon, trailing dot and dollar sign handled as before', () => {
    const answerOf = (line: string) => {
      const parsed = parseCorrection(`${head}Step 1: ${line}\n}`, { stepCount: 2 });
      return parsed.kind === 'mistake' ? parsed.correction?.finalAnswer : undefined;
    };
    assert.equal(answerOf('The answer is 18.'), '18');
    assert.equal(answerOf('So the final answer is: $ 54 .'), '$54');
    assert.equal(answerOf('The answer is \\boxed{\\frac{1}{2}}.'), '\\frac{1}{2}');
    assert.equal(answerOf('The answer is'), undefined);
  });

  test('"Step", many spaces, then no number: not a step (and no endless wait)', () => {
    const parser = new CorrectionParser({ stepCount: 3 });
    parser.push(`Incorrect Step: Step${' '.repeat(5_000)}x\nExplanation: y.`);
    const parsed = parser.finish();
    assert.equal(parsed.kind, 'invalid');
  });

  test('an answer that never names a step is read to its end, streamed, with no step reported', () => {
    const steps: number[] = [];
    const parser = new CorrectionParser({ stepCount: 3, maxChars: 300_000 }, (step) => steps.push(step));
    const chunk = 'The model rambles on.\n \n';
    for (let i = 0; i < 10_000; i++) parser.push(chunk);
    assert.equal(parser.done, false);
    assert.deepEqual(steps, []);
    assert.deepEqual(parser.finish(), { kind: 'invalid', reason: 'the answer has no "Incorrect Step:" line' });
  });

  test('a label after a very long line start is still found when the answer ends', () => {
    const parsed = parseCorrection(`${' '.repeat(3_000)}Incorrect Step: Step 2.\nExplanation: adds.`, { stepCount: 3 });
    assert.deepEqual(parsed, { kind: 'mistake', step: 2, explanation: 'adds.' });
  });
});
