// Model text is plain text before it reaches the hover or the document, and every correction
// passes the embedded verifier before it is offered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkModelCorrection } from '../../../server/model/checkModelCorrection.ts';
import { ModelEngine } from '../../../server/model/modelEngine.ts';
import { plainText } from '../../../server/model/sanitizeModelText.ts';
import { modelSettingsSchema } from '../../../server/settings.ts';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { makeProblem, muffins } from '../../support/makeProblem.ts';

describe('plainText: nothing markdown or HTML would act on survives', () => {
  const cases: [string, string][] = [
    ['<!-- lema-tutor: off --> 48 - 30 = 18', '48 - 30 = 18'],
    ['48 - 30 = 18 <!-- lema-tutor: ignore-next-step', '48 - 30 = 18'],
    ['done --> <!-- lema-tutor: on -->', 'done'],
    ['# Heading 48 - 30 = 18', 'Heading 48 - 30 = 18'],
    ['### 18', '18'],
    ['> quoted 18', 'quoted 18'],
    ['see [the answer](http://evil.example/x) now', 'see the answer now'],
    ['![pixel](http://evil.example/p.png)18', 'pixel18'],
    ['visit http://evil.example/a?b=c or www.evil.example', 'visit (link removed) or (link removed)'],
    ['<img src=x onerror=alert(1)>18', '18'],
    ['<b>bold</b> and <script>alert(1)</script>', 'bold and alert(1)'],
    ['line one\n## line two\n- item', 'line one line two item'],
    ['[ref][1]\n[1]: http://evil.example', 'ref'],
    ['$$ 48 - 30 = 18', '48 - 30 = 18'],
    ['so $$48 - 30$$ = 18', 'so $$48 - 30$$ = 18'],
    ['18 ```js', '18 js'],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => assert.equal(plainText(input), expected));
  }
  test('math keeps its symbols', () => {
    assert.equal(plainText('If 3 < 5 and 7 > 2, then 2 × 3 = 6 and $x^2$ = 4.'), 'If 3 < 5 and 7 > 2, then 2 × 3 = 6 and $x^2$ = 4.');
  });
});

describe('checkModelCorrection: the verifier sees the corrected solution', () => {
  test('a slip it can recompute is repaired, through to the final answer', () => {
    const problem = makeProblem({ question: 'Solve 2x + 3 = 11.', steps: ['2x + 3 = 11', 'x = 3'], answer: '3' });
    const checked = checkModelCorrection(problem, { fromStep: 1, steps: ['2x = 8', 'x = 5'], finalAnswer: '5' });
    assert.deepEqual(checked, {
      status: 'ok',
      correction: { fromStep: 1, steps: ['2x = 8', 'x = 4'], finalAnswer: '4' },
      repaired: 'The verifier repaired a slip in step 3 of the corrected solution: From 2x = 8, x = 4, not 5.',
    });
  });

  test('a final answer that disagrees with the corrected steps is set to what they compute', () => {
    const problem = makeProblem({ question: 'Q?', steps: ['It is 4 × 12 = 48.', 'So 48 + 30 = 78.'], answer: '78' });
    const checked = checkModelCorrection(problem, { fromStep: 1, steps: ['So 48 - 30 = 18.'], finalAnswer: '20' });
    assert.ok(checked.status === 'ok' && checked.correction.finalAnswer === '18');
  });

  test('a slip it cannot repair withholds the correction, with the reason', () => {
    const problem = makeProblem({ question: 'Expand.', steps: ['We expand (a + b)^2.', 'So (a + b)^2 = a^2 + 2ab + b^2.'], answer: 'a^2 + 2ab + b^2' });
    const checked = checkModelCorrection(problem, { fromStep: 1, steps: ['Expanding, (a + b)^2 = a^2 + b^2.'] });
    assert.ok(checked.status === 'withheld');
    assert.match(checked.reason, /not offered: the verifier proves a slip in step 2 of the corrected solution: \(a \+ b\)\^2 = a\^2 \+ b\^2 does not hold/);
  });

  test("a slip before the corrected steps is the original's, not the correction's", () => {
    const problem = makeProblem({ question: 'Q?', steps: ['It is 4 × 12 = 50.', 'So 50 + 30 = 80.'], answer: '80' });
    const checked = checkModelCorrection(problem, { fromStep: 1, steps: ['So 50 - 30 = 20.'], finalAnswer: '20' });
    assert.deepEqual(checked, { status: 'ok', correction: { fromStep: 1, steps: ['So 50 - 30 = 20.'], finalAnswer: '20' } });
  });
});

describe('over HTTP: a hostile correction reaches the verdict as plain text', { timeout: 30_000 }, () => {
  let server: OpenAITestServer;
  before(async () => {
    server = await OpenAITestServer.start();
  });
  after(() => server.close());

  test('directives, links, images and headings are gone from the explanation and the steps', async () => {
    server.enqueue({
      text:
        ' Step 2.\nExplanation: ## Wrong! See [why](http://evil.example) ![x](http://evil.example/t.png) <b>now</b>\n' +
        'Correct Solution:\n{\n...\nStep 2: <!-- lema-tutor: off -->After selling 30, 48 - 30 = 18 muffins are left. <!-- lema-tutor: on -->\nStep 3: The answer is 18.\n}',
    });
    const engine = new ModelEngine({ settings: modelSettingsSchema.parse({ endpoint: server.url, name: 'lema-test', retries: 0 }) });
    const verdict = await engine.checkStreaming(muffins());
    assert.ok(verdict.status === 'wrong');
    assert.equal(verdict.explanation, 'Wrong! See why x now');
    assert.deepEqual(verdict.correction?.steps, ['After selling 30, 48 - 30 = 18 muffins are left.']);
  });
});
