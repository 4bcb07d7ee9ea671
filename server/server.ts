// Language server entry point. The transport (stdio or node IPC) is picked by
// vscode-languageserver from the command line (--stdio / --node-ipc).
import { startServer } from './lsp/startServer.ts';

startServer();
