// Code actions for a flagged step: apply the correction (a versioned edit plus a command so the
// server can log it), reveal the explanation in tutor mode, or say the step is correct.
// The order and the preferred action follow the mode: a tutor explains before it corrects, so in
// tutor mode "Explain" comes first and is preferred, and applying is never pre-selected.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { renderCorrection } from '../document/renderCorrection.ts';
import type { Problem } from '../document/types.ts';
import type { WrongVerdict } from '../engine/types.ts';
import { ServerCommands } from '../protocol.ts';
import { commandArgs, recordCommandArgs } from './commandArgs.ts';
import { correctionTitle } from './fixTitle.ts';

export interface CodeActionInput {
  uri: string;
  version: number;
  text: string;
  problem: Problem;
  verdict: WrongVerdict;
  diagnostic: Diagnostic;
  mode: 'tutor' | 'reveal';
  revealed: boolean;
}

export function mistakeCodeActions(input: CodeActionInput): CodeAction[] {
  const { uri, version, problem, verdict, diagnostic } = input;
  const stepNumber = verdict.stepIndex + 1;
  const args = commandArgs(uri, version, problem);
  // What the recording commands need travels with them (see commandArgs.ts).
  const recordArgs = recordCommandArgs(uri, version, problem, verdict);
  const tutor = input.mode === 'tutor';
  const actions: CodeAction[] = [];

  if (tutor && !input.revealed) {
    actions.push({
      title: `Explain the mistake in step ${stepNumber}`,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      diagnostics: [diagnostic],
      command: { title: 'Explain the mistake', command: ServerCommands.revealExplanation, arguments: [args] },
    });
  }

  if (verdict.correction && verdict.correction.steps.length > 0) {
    const edit = renderCorrection(input.text, problem, verdict.correction);
    actions.push({
      // Once the answer may be seen, the title says what the edit changes.
      title: input.revealed ? correctionTitle(problem, verdict.correction) : 'Apply the correction',
      kind: CodeActionKind.QuickFix,
      ...(tutor ? {} : { isPreferred: true }),
      diagnostics: [diagnostic],
      edit: { documentChanges: [{ textDocument: { uri, version }, edits: [{ range: edit.range, newText: edit.newText }] }] },
      command: { title: 'Record the correction', command: ServerCommands.correctionApplied, arguments: [recordArgs] },
    });
  }

  actions.push({
    title: `Step ${stepNumber} is correct (stop flagging it)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: 'This step is correct', command: ServerCommands.markStepCorrect, arguments: [recordArgs] },
  });
  return actions;
}
