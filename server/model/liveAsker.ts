// The Asker that streams from the endpoint. With n samples it stops reading only when every
// sample is whole, and then only after a short grace: a model that ends by itself right after its
// answer still sends the usage chunk (token counts for `eval`); one that runs on is cut.
// `onRetry` logs each retry.
import type { EndpointClient, EndpointError } from './endpointClient.ts';
import type { Asker, ModelReply, ModelRequest, StreamTap } from './modelRequest.ts';

/** Characters per sample read after every sample is whole, waiting for the end of the stream. */
const GRACE_CHARS = 256;

export class LiveAsker implements Asker {
  constructor(
    private readonly endpoint: EndpointClient,
    private readonly onRetry?: (error: EndpointError, attempt: number, delayMs: number) => void,
  ) {}

  async ask(request: ModelRequest, tap?: StreamTap, signal?: AbortSignal): Promise<ModelReply> {
    const n = request.payload.n ?? 1;
    let whole = new Set<number>();
    /** Each sample's length when it became whole: the grace read after it is not part of the answer. */
    let wholeAt = new Map<number, number>();
    let lengths: number[] = [];
    let extra = 0;
    const result = await this.endpoint.stream(request.payload, {
      ...(signal ? { signal } : {}),
      onAttempt: (attempt) => {
        if (attempt > 0) {
          whole = new Set();
          wholeAt = new Map();
          lengths = [];
          extra = 0;
          tap?.onRestart();
        }
      },
      onText: (delta, choice) => {
        lengths[choice] = (lengths[choice] ?? 0) + delta.length;
        if (whole.size >= n) extra += delta.length;
        else if (!whole.has(choice) && tap?.onText(delta, choice)) {
          whole.add(choice);
          wholeAt.set(choice, lengths[choice]);
        }
        return whole.size >= n && extra > GRACE_CHARS * n;
      },
      ...(this.onRetry ? { onRetry: this.onRetry } : {}),
    });
    const texts = Array.from({ length: n }, (_, i) => (result.texts[i] ?? '').slice(0, wholeAt.get(i)));
    return {
      texts,
      truncated: whole.size < n && !result.stoppedEarly && result.finishReason !== 'stop',
      ...(result.usage ? { usage: result.usage } : {}),
    };
  }
}
