// The batch-file flags shared by `eval` and `check`: --requests FILE writes the model requests as
// OpenAI Batch API input lines instead of sending them; --responses FILE (repeatable) answers them
// from batch output lines. One BatchSession per command run collects what is still to be asked.
import { resolve } from 'node:path';
import type { Problem } from '../document/types.ts';
import { BatchAsker } from '../model/batch/batchAsker.ts';
import { BatchFileError, readBatchOutputs, writeBatchRequests } from '../model/batch/batchFiles.ts';
import { asChatPassthrough, type BatchOutputLine, type BatchRequestLine } from '../model/batch/batchLines.ts';
import type { ModelEngine } from '../model/modelEngine.ts';
import type { ModelSettings } from '../settings.ts';
import { UsageError } from './io.ts';

export const batchFlagOptions = {
  requests: { type: 'string' },
  responses: { type: 'string', multiple: true },
  'vllm-run-batch': { type: 'boolean' },
} as const;

export const batchFlagsHelp = `Batch files (no --endpoint needed; --model names the model in the requests):
  --requests FILE         write the model requests as OpenAI Batch API input lines instead of
                          sending them (also the requests still missing or failed)
  --responses FILE        read batch output lines, in any order (repeat: the lema style's second
                          batch, retries)
  --vllm-run-batch        write completion requests as /v1/chat/completions lines with a
                          pass-through chat template (vLLM's run_batch takes no /v1/completions)`;

export interface BatchFlagValues {
  requests?: string | undefined;
  responses?: string[] | undefined;
  'vllm-run-batch'?: boolean | undefined;
  model?: string | undefined;
}

/** Stands in for an endpoint when requests go through batch files: nothing is ever sent to it. */
export const BATCH_ENDPOINT = 'http://batch.invalid/v1';

export function batchRequested(values: BatchFlagValues): boolean {
  return values.requests !== undefined || (values.responses?.length ?? 0) > 0;
}

export class BatchSession {
  private readonly toRequest: BatchRequestLine[] = [];
  /** Output lines that failed, with the reason: listed for a retry. */
  readonly failures: { customId: string; reason: string }[] = [];

  private constructor(
    private readonly values: BatchFlagValues,
    private readonly cwd: string,
    private readonly outputs: ReadonlyMap<string, BatchOutputLine>,
  ) {}

  /** Reads every --responses file; UsageError with one line when one cannot be used. */
  static async open(values: BatchFlagValues, cwd: string): Promise<BatchSession> {
    if (!values.model) throw new UsageError('--requests and --responses need --model (the name the batch requests carry)');
    try {
      const outputs = await readBatchOutputs((values.responses ?? []).map((f) => ({ path: resolve(cwd, f), shown: f })));
      return new BatchSession(values, cwd, outputs);
    } catch (error) {
      if (error instanceof BatchFileError) throw new UsageError(error.message);
      throw error;
    }
  }

  /** Asks one problem through the batch files; `deferred` when it waits for the next batch. */
  async check(model: ModelEngine, settings: ModelSettings, item: string, problem: Problem) {
    const asker = new BatchAsker(
      { item, contentKey: problem.contentKey, style: model.info.style, templateVersion: model.info.templateVersion, model: settings.name, temperature: settings.temperature, maxTokens: settings.maxTokens },
      this.outputs,
    );
    const detailed = await model.checkDetailed(problem, { asker });
    this.failures.push(...asker.failed.map((f) => ({ customId: f.line.custom_id, reason: f.reason })));
    this.toRequest.push(...asker.pending, ...asker.failed.map((f) => f.line));
    return { ...detailed, deferred: asker.pending.length > 0 };
  }

  /** Writes --requests (when given) and says (through `say`) how many lines went there. */
  async finish(say: (text: string) => void): Promise<void> {
    const file = this.values.requests;
    if (file === undefined) return;
    // The same custom_id is the same request (content key, style and version are in it): asked once.
    const unique = [...new Map(this.toRequest.map((line) => [line.custom_id, line])).values()];
    const lines = this.values['vllm-run-batch'] ? unique.map(asChatPassthrough) : unique;
    try {
      await writeBatchRequests(resolve(this.cwd, file), file, lines);
    } catch (error) {
      if (error instanceof BatchFileError) throw new UsageError(error.message);
      throw error;
    }
    say(`wrote ${lines.length} batch request lines to ${file}${lines.length > 0 ? ': run them as a batch and pass its output with --responses' : ''}\n`);
  }
}
