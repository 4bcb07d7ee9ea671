// One request a style makes, and what came back. Styles talk to an Asker, not to the endpoint:
// the live asker streams from the endpoint; a batch asker (server/model/batch/) writes requests to
// a file or answers them from a batch output file, so both produce the same verdicts.
import type { Payload, TokenUsage } from './endpointClient.ts';

/**
 * Which request of a style this is:
 * - check: completion/chat styles (one request);
 * - solve, correct: the two phases of `lema`;
 * - locate, explain: the two phases of `critic`.
 */
export type RequestPhase = 'check' | 'solve' | 'correct' | 'locate' | 'explain';

export interface ModelRequest {
  phase: RequestPhase;
  payload: Payload;
}

export interface ModelReply {
  /** One text per sample. */
  texts: string[];
  /** The first sample was cut (length limit, or the endpoint ended without saying it was done). */
  truncated: boolean;
  usage?: TokenUsage;
}

export interface StreamTap {
  /** Text of sample `choice` as it arrives; return true once that sample is whole. */
  onText(delta: string, choice: number): boolean;
  /** A retry starts: whatever was read is void. */
  onRestart(): void;
}

export interface Asker {
  ask(request: ModelRequest, tap?: StreamTap, signal?: AbortSignal): Promise<ModelReply>;
}
