// `lema-tutor eval processbench|mathcheck <file.jsonl>`: runs the engines over a labelled dataset and
// prints the published metrics (ProcessBench: accuracy on wrong and on correct solutions and their
// harmonic mean F1; MathCheck: exact match of the first wrong step). Model requests run concurrently.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DatasetError, readJsonl } from '../../dataset/readJsonl.ts';
import { mathCheckLabelIndex, mathCheckRecordSchema, processBenchRecordSchema } from '../../dataset/schemas.ts';
import type { Problem } from '../../document/types.ts';
import { combineVerdicts } from '../../engine/combineVerdicts.ts';
import type { Verdict } from '../../engine/types.ts';
import { exactMatch, problemFromSteps, processBenchMetrics, splitMathCheckSolution } from '../../model/evalDataset.ts';
import { createModelEngine, type ModelEngine } from '../../model/modelEngine.ts';
import { TemplateError } from '../../model/template.ts';
import { EndpointError } from '../../model/endpointClient.ts';
import { EmbeddedEngine } from '../../verify/embeddedEngine.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { UsageError } from '../io.ts';
import { datasetArgs } from '../datasetArgs.ts';
import { mapPool } from '../mapPool.ts';
import { modelApiKey, modelFlagOptions, modelFlagsHelp, parseModelFlags } from '../modelFlags.ts';
import { parseCliArgs } from '../parseCliArgs.ts';

const usage = `Usage: lema-tutor eval <processbench|mathcheck> <file.jsonl> [options]

Runs the engines over a labelled dataset and prints its metrics:
  processbench  accuracy on wrong solutions, on correct solutions, and their harmonic mean (F1), in %
  mathcheck     exact match of the first wrong step, in %

Options:
  --engine embedded|model|both  engines to run        [both with --endpoint, else embedded]
  --concurrency N               model requests at once                            [4]
  --limit N                     only the first N records
  --out FILE                    write one JSON line per item (label, prediction, verdict)
  -h, --help                    show this help

${modelFlagsHelp}
`;

type DatasetName = 'processbench' | 'mathcheck';

interface Item {
  id: string;
  problem: Problem;
  /** 0-based index of the first wrong step; -1: none. */
  label: number;
}

interface Outcome {
  item: Item;
  verdict: Verdict;
  /** What the model said alone, to count failed requests and unusable answers. */
  modelVerdict?: Verdict;
  predicted: number;
}

export const run: CliCommand = async (args, io) => {
  const { values, positionals } = parseFlags(args);
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  const { dataset, file } = datasetArgs(positionals, 'eval', ['processbench', 'mathcheck']);
  const settings = parseModelFlags(values, io.cwd);
  const engineChoice = values.engine ?? (settings.endpoint ? 'both' : 'embedded');
  if (engineChoice !== 'embedded' && engineChoice !== 'model' && engineChoice !== 'both') {
    throw new UsageError(`--engine must be embedded, model or both (got '${engineChoice}')`);
  }
  const useModel = engineChoice !== 'embedded';
  if (useModel && !settings.endpoint) throw new UsageError(`--engine ${engineChoice} needs --endpoint and --model`);
  const concurrency = positiveInt('concurrency', values.concurrency) ?? 4;
  const limit = positiveInt('limit', values.limit);

  const items = await readItems(dataset, resolve(io.cwd, file), file, limit);
  if (items.length === 0) throw new UsageError(`${file} has no records`);

  let model: ModelEngine | undefined;
  if (useModel) {
    const apiKey = modelApiKey(values, io.env);
        try {
      model = await createModelEngine(settings, apiKey ? { apiKey } : {});
      await model.probe();
    } catch (error) {
      if (error instanceof TemplateError) throw new UsageError(error.message);
      if (error instanceof EndpointError) throw new UsageError(`cannot use the endpoint ${settings.endpoint}: ${error.message}`);
      throw error;
    }
  }
  const embedded = engineChoice === 'model' ? undefined : new EmbeddedEngine();

  const started = performance.now();
  const progress = new Progress(io, items.length);
  const outcomes = await mapPool(items, useModel ? concurrency : 1, async (item) => {
    const fromEmbedded = embedded?.checkSync(item.problem);
    const fromModel = model ? await model.check(item.problem) : undefined;
    const verdict = fromEmbedded ? combineVerdicts(fromEmbedded, fromModel, item.problem) : (fromModel as Verdict);
    progress.tick();
    return { item, verdict, ...(fromModel ? { modelVerdict: fromModel } : {}), predicted: verdict.status === 'wrong' ? verdict.stepIndex : -1 };
  });
  progress.done();
  const seconds = (performance.now() - started) / 1000;

  if (values.out) await writePredictions(resolve(io.cwd, values.out), outcomes, values.out);
  io.stdout(report(dataset, file, engineChoice, model, outcomes, seconds));
  return 0;
};

function parseFlags(args: string[]) {
  return parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      ...modelFlagOptions,
      engine: { type: 'string' },
      concurrency: { type: 'string' },
      limit: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new UsageError(`--${name} must be a positive whole number (got '${value}')`);
  return n;
}

async function readItems(dataset: DatasetName, path: string, shown: string, limit: number | undefined): Promise<Item[]> {
  const items: Item[] = [];
  try {
    if (dataset === 'processbench') {
      for await (const { record, index } of readJsonl(path, processBenchRecordSchema)) {
        if (limit !== undefined && items.length >= limit) break;
        items.push({ id: record.id, problem: problemFromSteps(index, record.problem, record.steps), label: record.label });
      }
    } else {
      for await (const { record, index } of readJsonl(path, mathCheckRecordSchema)) {
        if (limit !== undefined && items.length >= limit) break;
        items.push({ id: record.id, problem: problemFromSteps(index, record.question, splitMathCheckSolution(record.solution)), label: mathCheckLabelIndex(record) });
      }
    }
  } catch (error) {
    if (error instanceof DatasetError) throw new UsageError(error.message.replace(path, shown));
    throw error;
  }
  return items;
}

/** A one-line progress bar on standard error, only on a terminal. */
class Progress {
  private count = 0;
  private lastDraw = 0;
  constructor(
    private readonly io: CliIo,
    private readonly total: number,
  ) {}

  tick(): void {
    this.count++;
    if (!this.io.isTTY) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && this.count < this.total) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round((width * this.count) / this.total);
    this.io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.count}/${this.total}`);
  }

  done(): void {
    if (this.io.isTTY) this.io.stderr('\n');
  }
}

async function writePredictions(path: string, outcomes: Outcome[], shown: string): Promise<void> {
  const lines = outcomes.map(({ item, verdict, predicted }) =>
    JSON.stringify({
      id: item.id,
      label: item.label,
      predicted,
      match: predicted === item.label,
      status: verdict.status,
      engine: verdict.engine.kind === 'model' ? `model:${verdict.engine.model}` : 'embedded',
      ...(verdict.status === 'wrong' ? { kind: verdict.kind, explanation: verdict.explanation } : {}),
      ...(verdict.status === 'unknown' && verdict.reason ? { reason: verdict.reason } : {}),
    }),
  );
  try {
    await writeFile(path, lines.join('\n') + '\n', 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function report(dataset: DatasetName, file: string, engine: string, model: ModelEngine | undefined, outcomes: Outcome[], seconds: number): string {
  const fixed = (n: number) => n.toFixed(1);
  const engines = model ? `${engine} (model ${model.info.model} at ${model.info.host}, ${model.info.style})` : engine;
  const lines = [`${dataset} ${file}: ${outcomes.length} items, engine ${engines}`];
  const predictions = outcomes.map((o) => ({ label: o.item.label, predicted: o.predicted }));
  if (dataset === 'processbench') {
    const m = processBenchMetrics(predictions);
    lines.push(`  accuracy on wrong solutions:   ${fixed(m.accuracyWrong)}% (${m.wrongCount} items)`);
    lines.push(`  accuracy on correct solutions: ${fixed(m.accuracyCorrect)}% (${m.correctCount} items)`);
    const f1 = m.wrongCount > 0 && m.correctCount > 0 ? fixed(m.f1) : 'n/a (needs both wrong and correct solutions)';
    lines.push(`  F1:                            ${f1}`);
  } else {
    lines.push(`  exact match of the first wrong step: ${fixed(exactMatch(predictions))}%`);
  }
  const unknown = outcomes.flatMap((o) => (o.modelVerdict?.status === 'unknown' ? [o.modelVerdict] : []));
  const failed = unknown.filter((v) => v.reason?.startsWith('model not asked'));
  if (model) lines.push(`  model: ${failed.length} failed requests, ${unknown.length - failed.length} unusable answers`);
  lines.push(`  time: ${seconds.toFixed(1)} s`);
  return lines.join('\n') + '\n';
}
