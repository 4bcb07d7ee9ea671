// The Asker that streams from the endpoint. With n samples it stops reading only when every
// sample is whole; `onRetry` logs each retry.
import type { EndpointClient, EndpointError } from './endpointClient.ts';
import type { Asker, ModelReply, ModelRequest, StreamTap } from './modelRequest.ts';

export class LiveAsker implements Asker {
  constructor(
    private readonly endpoint: EndpointClient,
    private readonly onRetry?: (error: EndpointError, attempt: number, delayMs: number) => void,
  ) {}

  async ask(request: ModelRequest, tap?: StreamTap, signal?: AbortSignal): Promise<ModelReply> {
    const n = request.payload.n ?? 1;
    let whole = new Set<number>();
    const result = await this.endpoint.stream(request.payload, {
      ...(signal ? { signal } : {}),
      onAttempt: (attempt) => {
        if (attempt > 0) {
          whole = new Set();
          tap?.onRestart();
        }
      },
      onText: (delta, choice) => {
        if (tap?.onText(delta, choice)) whole.add(choice);
        return whole.size >= n;
      },
      ...(this.onRetry ? { onRetry: this.onRetry } : {}),
    });
    const texts = Array.from({ length: n }, (_, i) => result.texts[i] ?? '');
    return {
      texts,
      truncated: !result.stoppedEarly && result.finishReason !== 'stop',
      ...(result.usage ? { usage: result.usage } : {}),
    };
  }
}
