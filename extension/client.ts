// Creates the language client: the server bundle over node IPC, markdown documents, settings section `lemaTutor`.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../server/protocol.ts';

/** The client id; VS Code reads `<id>.trace.server` for the protocol trace. */
export const clientId = 'lemaTutor';

export const markdownSelector = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
];

export function createClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  initializationOptions: () => InitializationOptions,
  /** Called after a server command (e.g. a correction was recorded) has run. */
  afterServerCommand: (command: string) => void,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: markdownSelector,
    synchronize: { configurationSection: clientId },
    outputChannel,
    // A function, so a restart hands over the current trust and key.
    initializationOptions,
    middleware: {
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        afterServerCommand(command);
        return result;
      },
    },
  };
  return new LanguageClient(clientId, 'LeMa Tutor', serverOptions, clientOptions);
}
