// Tells the server which line the cursor is on in a markdown editor. LSP has no cursor notification;
// the server uses the line to hold back the diagnostic of the step being typed and to ask the model
// about the problem at the cursor first. Only the line number travels: the server decides.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications, type CursorMovedParams } from '../server/protocol.ts';
import { markdownSelector } from './client.ts';

export function reportCursor(client: () => LanguageClient | undefined): vscode.Disposable {
  let last: CursorMovedParams | undefined;
  let lastClient: LanguageClient | undefined;
  const send = (editor: vscode.TextEditor | undefined) => {
    const current = client();
    // Only documents the server is sent (markdownSelector); a diff or git view is not being typed in.
    if (!editor || vscode.languages.match(markdownSelector, editor.document) === 0 || !current?.isRunning()) return;
    // A restarted server knows nothing yet.
    if (current !== lastClient) last = undefined;
    lastClient = current;
    const params: CursorMovedParams = { uri: editor.document.uri.toString(), line: editor.selection.active.line };
    // Typing moves the cursor along a line on every key; only a new line is news.
    if (last && last.uri === params.uri && last.line === params.line) return;
    last = params;
    void current.sendNotification(Notifications.cursorMoved, params);
  };
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((event) => send(event.textEditor)),
    vscode.window.onDidChangeActiveTextEditor((editor) => send(editor)),
  );
}
