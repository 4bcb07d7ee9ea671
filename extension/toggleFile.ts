// "Toggle Checking for This File": adds or removes the `<!-- lema-tutor: off-file -->` line, so the
// choice is in the file itself (it travels with it, and the person sees why it is not checked).
import * as vscode from 'vscode';
import { OFF_FILE_DIRECTIVE, offFileLines } from '../server/lsp/offFileDirective.ts';

export function registerToggleFile(): vscode.Disposable {
  return vscode.commands.registerCommand('lemaTutor.toggleFileChecking', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showWarningMessage('LeMa Tutor: open a markdown file to turn its checking on or off.');
      return;
    }
    const document = editor.document;
    const lines = offFileLines(document.getText());
    const edit = new vscode.WorkspaceEdit();
    if (lines.length > 0) {
      for (const line of lines) edit.delete(document.uri, document.lineAt(line).rangeIncludingLineBreak);
    } else {
      edit.insert(document.uri, new vscode.Position(0, 0), `${OFF_FILE_DIRECTIVE}\n`);
    }
    await vscode.workspace.applyEdit(edit);
    vscode.window.setStatusBarMessage(
      lines.length > 0 ? 'LeMa Tutor: this file is checked again.' : 'LeMa Tutor: this file is no longer checked.',
      5000,
    );
  });
}
