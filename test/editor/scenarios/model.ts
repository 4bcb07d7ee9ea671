// The model engine against the project's OpenAI-compatible test server (300 ms to the first token):
// the model's diagnostic appears next to the embedded ones; then the endpoint goes down, the status
// bar says so and the embedded diagnostics stay.
import assert from 'node:assert/strict';
import { OpenAITestServer } from '../../support/openaiTestServer.ts';
import type { ScenarioGroup, StepContext } from '../scenario.ts';

const MODEL = 'lema-test';
/** The problem the scripted model flags, and what it says (found by the question in the prompt). */
// The embedded verifier proves this solution's arithmetic right, so the diagnostic can only be the model's.
const FLAGGED_QUESTION = 'A train travels 60 km';
const MODEL_EXPLANATION = 'The scripted test model disagrees with step 2 (MODEL-SAYS).';

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

function steps(server: OpenAITestServer) {
  async function modelDiagnostic({ session, figures, screenshot }: StepContext): Promise<void> {
    const { workbench } = session;
    const opened = await workbench.openFile('homework.md');
    await workbench.squiggles().first().waitFor();
    figures.set('model session: open homework.md → first embedded diagnostic', Date.now() - opened);
    const rows = await workbench.problems();
    await rows.filter({ hasText: `model ${MODEL}` }).first().waitFor();
    figures.set('open homework.md → model diagnostic (300 ms to first token)', Date.now() - opened);
    assert.ok(server.answerRequests.length > 0, 'the test server saw no request');
    await workbench.statusItem(`LeMa: ${MODEL}`).waitFor();
    await screenshot('06-model-diagnostic');
  }

  async function endpointDown({ session, screenshot }: StepContext): Promise<void> {
    const { workbench } = session;
    const embeddedBefore = await workbench.squiggles().count();
    await server.close();
    // Ask for a check now so the server contacts the endpoint instead of waiting for the next save.
    await workbench.command('LeMa Tutor: Check Document');
    await workbench.statusItem('unreachable').waitFor();
    const rows = await workbench.problems();
    await rows.filter({ hasText: 'embedded verifier' }).first().waitFor();
    assert.ok((await workbench.squiggles().count()) > 0, `the squiggles went (had ${embeddedBefore})`);
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
