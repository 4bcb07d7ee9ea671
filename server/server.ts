// Language server entry point. The transport (stdio or node IPC) is picked by
// vscode-languageserver from the command line (--stdio / --node-ipc).
import { startServer } from './lsp/startServer.ts';

// A stray rejection is a bug to log, not a reason to take the editor's diagnostics away.
process.on('unhandledRejection', (reason) => {
  console.error(`LeMa Tutor: unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
});

startServer();
