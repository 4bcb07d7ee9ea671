import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { freshServerPath } from '../../support/lspClient.ts';

test('the server also speaks LSP over node IPC (how VS Code starts it)', async () => {
  const child = fork(freshServerPath(), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.listen();
  try {
    const result = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    })) as InitializeResult;
    assert.equal(result.capabilities.hoverProvider, true);
    await connection.sendNotification('initialized', {});
    const published = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', resolve),
    );
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///ipc.md', languageId: 'markdown', version: 1, text: '## A\n\n1. 2 + 2 = 5\n2. The answer is 5.\n' },
    });
    const { diagnostics } = await published;
    assert.equal(diagnostics.filter((d) => d.code === 'arithmetic').length, 1);
    const exited = once(child, 'exit');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
  } finally {
    connection.dispose();
    child.kill();
  }
});
