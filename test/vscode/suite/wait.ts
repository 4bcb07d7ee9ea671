// Waiting on VS Code events instead of sleeping.
import * as vscode from 'vscode';

/**
 * Resolves with the diagnostics of `uri` as soon as `accept` holds for them: right away when it already
 * does, else on the next onDidChangeDiagnostics event for `uri` where it does. Mocha's timeout bounds it.
 */
export function diagnosticsWhere(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString()) && check()) subscription.dispose();
    });
    if (check()) subscription.dispose();
  });
}
