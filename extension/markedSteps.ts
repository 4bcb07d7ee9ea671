// The "Step k is correct" decisions: undo one from the LeMa Tutor view, forget them all, and the
// question Delete Corrections Log asks about them. The server keeps the marks; this asks it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, markedStepSchema, type MarkedStep, type UnmarkStepParams } from '../server/protocol.ts';
import type { ProblemsTreeProvider } from './problemsView.ts';

export async function markedSteps(client: LanguageClient): Promise<MarkedStep[]> {
  const parsed = markedStepSchema.array().safeParse(await client.sendRequest(Requests.markedSteps));
  return parsed.success ? parsed.data : [];
}

export async function forgetMarkedSteps(client: LanguageClient): Promise<number> {
  const result = (await client.sendRequest(Requests.forgetMarkedSteps)) as { forgotten?: unknown };
  return typeof result?.forgotten === 'number' ? result.forgotten : 0;
}

/** The tree passes its node; a command link may pass the mark itself. */
function markOf(arg: unknown): MarkedStep | undefined {
  const candidate = (arg as { mark?: unknown } | undefined)?.mark ?? arg;
  const parsed = markedStepSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

export function registerMarkedStepCommands(
  client: () => LanguageClient | undefined,
  problems: ProblemsTreeProvider,
): vscode.Disposable[] {
  const running = () => {
    const current = client();
    if (!current?.isRunning()) throw new Error('the language server is not running.');
    return current;
  };
  const report = (error: unknown) => void vscode.window.showWarningMessage(`LeMa Tutor: ${error instanceof Error ? error.message : String(error)}`);
  return [
    vscode.commands.registerCommand('lemaTutor.unmarkStep', async (arg: unknown) => {
      try {
        const mark = markOf(arg);
        if (!mark) return;
        const params: UnmarkStepParams = { id: mark.id };
        await running().sendRequest(Requests.unmarkStep, params);
        problems.refresh();
        vscode.window.setStatusBarMessage(`LeMa Tutor: step ${mark.stepIndex + 1} of ${mark.title} is checked again.`, 5000);
      } catch (error) {
        report(error);
      }
    }),
    vscode.commands.registerCommand('lemaTutor.forgetMarkedSteps', async () => {
      try {
        const current = running();
        const count = (await markedSteps(current)).length;
        if (count === 0) {
          void vscode.window.showInformationMessage('LeMa Tutor: no steps are marked correct.');
          return;
        }
        const confirm = await vscode.window.showWarningMessage(
          `Forget the ${count} step${count === 1 ? '' : 's'} you marked correct?`,
          { modal: true, detail: 'They will be checked, and flagged if wrong, again.' },
          'Forget',
        );
        if (confirm !== 'Forget') return;
        await forgetMarkedSteps(current);
        problems.refresh();
      } catch (error) {
        report(error);
      }
    }),
  ];
}
