// The model engine against the project's OpenAI-compatible test server (300 ms to the first token):
// the model's diagnostic appears next to the embedded ones; then the endpoint goes down, the status
// bar says so and the embedded diagnostics stay.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import { waitForText } from '../logFile.ts';
import type { ScenarioGroup, Step, StepContext } from '../scenario.ts';
import { squiggleOnLine } from '../workbench.ts';

const MODEL = 'lema-test';
// The problem the scripted model flags (found by its question in the prompt). The embedded verifier
// proves this solution's arithmetic right, so a diagnostic on it can only be the model's.
const FLAGGED_QUESTION = 'A train travels 60 km';
const MODEL_EXPLANATION = 'The scripted test model disagrees with step 2 (MODEL-SAYS).';

/**
 * Typed in while the endpoint is down: a new problem the model has not answered yet, with a slip the
 * embedded verifier finds, so the test can see the new text was checked before it saves.
 */
const NEW_PROBLEM = [
  '',
  '## 8. Apples',
  '',
  'Tom has 3 apples and buys 4 more. How many apples does he have?',
  '',
  '1. He has 3 + 4 = 8 apples.',
  '2. The answer is 8.',
  '',
].join('\n');

/** The last question in the prompt is the one asked (earlier ones are few-shot examples). */
function askedQuestion(prompt: string): string {
  return prompt.split('Question:').at(-1) ?? '';
}

function scriptedAnswer(prompt: string): string {
  if (!askedQuestion(prompt).includes(FLAGGED_QUESTION)) return ' None.';
  return [
    ' Step 2.',
    `Explanation: ${MODEL_EXPLANATION}`,
    'Correct Solution:',
    '{',
    '...',
    'Step 2: The average speed is 105 / 2 = 52.5 km/h over the two hours.',
    'Step 3: The answer is 52.5.',
    '}',
  ].join('\n');
}


function steps(server: OpenAITestServer): Step[] {
  async function modelDiagnostic({ session, figures, screenshot }: StepContext): Promise<void> {
    const { workbench } = session;
    const opened = await workbench.openFile('homework.md');
    await workbench.squiggles().first().waitFor();
    figures.set('model session: open homework.md → first embedded diagnostic', Date.now() - opened);
    const rows = await workbench.problems();
    await rows.filter({ hasText: `model ${MODEL}` }).first().waitFor();
    figures.set('open homework.md → model diagnostic (300 ms to first token)', Date.now() - opened);
    const modelRows = await rows.filter({ hasText: `model ${MODEL}` }).allInnerTexts();
    assert.ok(modelRows.some((text) => text.includes('MODEL-SAYS')), `model rows: ${JSON.stringify(modelRows)}`);
    assert.ok(server.answerRequests.length > 0, 'the test server saw no request');
    await workbench.statusItem(`LeMa: ${MODEL}`).waitFor();
    await screenshot('06-model-diagnostic');
  }

  async function endpointDown({ session, screenshot }: StepContext): Promise<void> {
    const { workbench } = session;
    const requestsBefore = server.answerRequests.length;
    await server.close();
    // A new problem, saved: the model is asked about it (earlier answers are cached) and cannot be reached.
    await workbench.appendText(NEW_PROBLEM);
    // Its slip is squiggled once the server checked the new text (the editor now shows the end of the
    // file, where it is). Saving before that would hand the save handler the old text (see the report).
    await workbench.page.locator('.view-line', { hasText: '3 + 4 = 8' }).waitFor();
    await workbench.page.waitForFunction(squiggleOnLine('3 + 4 = 8'));
    await workbench.save();
    await waitForText(join(session.workspace, 'homework.md'), (text) => text.includes('Tom has 3 apples'), 'the new problem was not saved');
    await workbench.statusItem('unreachable').waitFor();
    assert.equal(server.answerRequests.length, requestsBefore, 'a request reached the stopped server');
    const rows = await workbench.problems();
    await rows.filter({ hasText: 'embedded verifier' }).first().waitFor();
    assert.ok((await workbench.squiggles().count()) > 0, 'the embedded squiggles went with the endpoint');
    await screenshot('07-endpoint-unreachable');
  }

  return [
    { name: '06-model-diagnostic', run: modelDiagnostic },
    { name: '07-endpoint-down', run: endpointDown },
  ];
}

export const modelGroup: ScenarioGroup = {
  name: 'model engine (test server, 300 ms to first token)',
  prepare: async () => {
    const server = await OpenAITestServer.start({ ttftMs: 300, tokensPerSecond: 200, models: [MODEL], answer: scriptedAnswer });
    return {
      settings: {
        'lemaTutor.engine': 'both',
        'lemaTutor.mode': 'reveal',
        'lemaTutor.model.endpoint': server.url,
        'lemaTutor.model.name': MODEL,
        'lemaTutor.model.timeoutMs': 10_000,
        'lemaTutor.model.retries': 0,
      },
      steps: steps(server),
      dispose: () => server.close(),
    };
  },
};
