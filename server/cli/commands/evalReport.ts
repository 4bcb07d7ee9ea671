// What `lema-tutor eval` prints and writes: the metrics of one run (one style), the requests and
// tokens it took (from the endpoint's `usage`), the time, and one JSON line per item for --out.
import { writeFile } from 'node:fs/promises';
import type { Problem } from '../../document/types.ts';
import type { Verdict } from '../../engine/types.ts';
import { exactMatch, processBenchMetrics } from '../../model/evalDataset.ts';
import type { StyleTrace } from '../../model/styles/styleContext.ts';
import { UsageError } from '../io.ts';

export type DatasetName = 'processbench' | 'mathcheck';

export interface Item {
  id: string;
  problem: Problem;
  /** 0-based index of the first wrong step; -1: none. */
  label: number;
}

export interface Outcome {
  item: Item;
  verdict: Verdict;
  /** What the model said alone, to count failed requests and unusable answers. */
  modelVerdict?: Verdict;
  trace?: StyleTrace;
  /** Batch mode: the item waits for a request of the next batch. */
  deferred?: boolean;
  predicted: number;
}

export interface RunSummary {
  /** e.g. `both (model lema-7b at gpu:8000, lema)` or `embedded`. */
  engines: string;
  style?: string;
  outcomes: Outcome[];
  seconds: number;
  batch?: { failed: { customId: string; reason: string }[] };
}

export function report(dataset: DatasetName, file: string, run: RunSummary): string {
  const fixed = (n: number) => n.toFixed(1);
  const finished = run.outcomes.filter((o) => !o.deferred);
  const lines = [`${dataset} ${file}: ${run.outcomes.length} items, engine ${run.engines}`];
  const waiting = run.outcomes.length - finished.length;
  if (waiting > 0) {
    lines.push(`  batch: ${waiting} items need the next batch (written with --requests); the metrics wait for them`);
  } else {
    const predictions = finished.map((o) => ({ label: o.item.label, predicted: o.predicted }));
    if (dataset === 'processbench') {
      const m = processBenchMetrics(predictions);
      lines.push(`  accuracy on wrong solutions:   ${fixed(m.accuracyWrong)}% (${m.wrongCount} items)`);
      lines.push(`  accuracy on correct solutions: ${fixed(m.accuracyCorrect)}% (${m.correctCount} items)`);
      const f1 = m.wrongCount > 0 && m.correctCount > 0 ? fixed(m.f1) : 'n/a (needs both wrong and correct solutions)';
      lines.push(`  F1:                            ${f1}`);
    } else {
      lines.push(`  exact match of the first wrong step: ${fixed(exactMatch(predictions))}%`);
    }
  }
  if (run.style) {
    const unknown = finished.flatMap((o) => (o.modelVerdict?.status === 'unknown' ? [o.modelVerdict] : []));
    const failed = unknown.filter((v) => v.reason?.startsWith('model not asked'));
    lines.push(`  model: ${failed.length} failed requests, ${unknown.length - failed.length} unusable answers`);
    const traces = run.outcomes.flatMap((o) => (o.trace ? [o.trace] : []));
    const requests = traces.reduce((sum, t) => sum + t.requests, 0);
    const prompt = traces.reduce((sum, t) => sum + t.promptTokens, 0);
    const completion = traces.reduce((sum, t) => sum + t.completionTokens, 0);
    const withUsage = traces.reduce((sum, t) => sum + t.requestsWithUsage, 0);
    const per = (n: number) => (run.outcomes.length > 0 ? n / run.outcomes.length : 0).toFixed(1);
    const tokens =
      withUsage === 0
        ? 'tokens: not reported by the endpoint (no usage)'
        : `tokens: ${prompt} prompt + ${completion} completion (${per(prompt + completion)} per problem, from usage${withUsage < requests ? `, reported for ${withUsage} of ${requests} requests` : ''})`;
    lines.push(`  requests: ${requests} (${per(requests)} per problem); ${tokens}`);
  }
  const failedLines = run.batch?.failed ?? [];
  if (failedLines.length > 0) {
    lines.push(`  batch: ${failedLines.length} failed lines (written with --requests for a retry):`);
    for (const f of failedLines.slice(0, 10)) lines.push(`    ${f.customId}: ${f.reason}`);
    if (failedLines.length > 10) lines.push(`    ... and ${failedLines.length - 10} more`);
  }
  lines.push(`  time: ${run.seconds.toFixed(1)} s`);
  return lines.join('\n') + '\n';
}

export function predictionLines(run: RunSummary): string[] {
  return run.outcomes.map(({ item, verdict, predicted, trace, deferred }) =>
    JSON.stringify({
      id: item.id,
      ...(run.style ? { style: run.style } : {}),
      label: item.label,
      predicted,
      match: predicted === item.label,
      status: deferred ? 'deferred' : verdict.status,
      engine: verdict.engine.kind === 'model' ? `model:${verdict.engine.model}` : 'embedded',
      ...(verdict.status === 'wrong' ? { kind: verdict.kind, explanation: verdict.explanation } : {}),
      ...(verdict.status === 'wrong' && verdict.unsure ? { unsure: verdict.unsure } : {}),
      ...(verdict.status === 'unknown' && verdict.reason ? { reason: verdict.reason } : {}),
      ...(trace ? { requests: trace.requests, votes: trace.votes, ...(trace.solvedAnswer !== undefined ? { solvedAnswer: trace.solvedAnswer } : {}) } : {}),
    }),
  );
}

export async function writeLines(path: string, lines: string[], shown: string): Promise<void> {
  try {
    await writeFile(path, lines.join('\n') + (lines.length > 0 ? '\n' : ''), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
