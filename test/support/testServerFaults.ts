// The test server's answers that never end or never fit: a stream that talks forever without
// finishing, and a model list of any size. Split from openaiTestServer.ts to keep it to one job.
import type { ServerResponse } from 'node:http';

type ForeverFault = { kind: 'empty-deltas'; everyMs?: number } | { kind: 'trickle'; everyMs: number };

/** Empty deltas, or the answer's tokens one at a time and over again, until the client goes away. */
export async function streamForever(
  res: ServerResponse,
  fault: ForeverFault,
  tokens: string[],
  event: (delta: string, finishReason: string | null) => void,
  later: (ms: number) => Promise<void>,
  closed: () => boolean,
): Promise<void> {
  const everyMs = fault.everyMs ?? 10;
  for (let i = 0; !res.destroyed && !closed(); i++) {
    event(fault.kind === 'trickle' ? (tokens[i % Math.max(1, tokens.length)] ?? 'more ') : '', null);
    await later(everyMs);
  }
}

/** A valid model list padded to about `bytes`, written in 64 KiB pieces as fast as the client reads. */
export async function serveHugeModelList(res: ServerResponse, bytes: number, onSent: (n: number) => void, closed: () => boolean): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  const entry = '{"id":"lema-test","object":"model","created":0,"owned_by":"test"},';
  const piece = entry.repeat(Math.ceil(65_536 / entry.length));
  let sent = 0;
  const write = (text: string) => {
    sent += text.length;
    onSent(text.length);
    return res.write(text);
  };
  write('{"object":"list","data":[');
  while (sent < bytes) {
    if (res.destroyed || closed()) return;
    if (!write(piece)) await drainedOrClosed(res);
  }
  if (res.destroyed) return;
  write(entry.slice(0, -1) + ']}');
  res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
