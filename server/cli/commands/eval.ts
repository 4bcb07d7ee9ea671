// `lema-tutor eval processbench|mathcheck <file.jsonl>`: runs the engines over a labelled dataset and
// prints the published metrics (ProcessBench: accuracy on wrong and on correct solutions and their
// harmonic mean F1; MathCheck: exact match of the first wrong step), per request style, with the
// requests and tokens used. Model requests run concurrently, or go through batch files
// (--requests writes OpenAI Batch API input lines, --responses reads the output lines).
import { resolve } from 'node:path';
import { DatasetError, readJsonl } from '../../dataset/readJsonl.ts';
import { mathCheckLabelIndex, mathCheckRecordSchema, processBenchRecordSchema } from '../../dataset/schemas.ts';
import { combineVerdicts } from '../../engine/combineVerdicts.ts';
import type { Verdict } from '../../engine/types.ts';
import { problemFromSteps, splitMathCheckSolution, withStatedAnswer } from '../../model/evalDataset.ts';
import { createModelEngine, type ModelEngine } from '../../model/modelEngine.ts';
import { TemplateError } from '../../model/template.ts';
import { EndpointError } from '../../model/endpointClient.ts';
import type { ModelSettings } from '../../settings.ts';
import { EmbeddedEngine } from '../../verify/embeddedEngine.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { UsageError } from '../io.ts';
import { BATCH_ENDPOINT, BatchSession, batchFlagOptions, batchFlagsHelp, batchRequested } from '../batchFlags.ts';
import { datasetArgs } from '../datasetArgs.ts';
import { mapPool } from '../mapPool.ts';
import { modelApiKey, modelFlagOptions, modelFlagsHelp, parseModelFlags } from '../modelFlags.ts';
import { parseCliArgs } from '../parseCliArgs.ts';
import { predictionLines, report, writeLines, type DatasetName, type Item, type Outcome, type RunSummary } from './evalReport.ts';

const usage = `Usage: lema-tutor eval <processbench|mathcheck> <file.jsonl> [options]

Runs the engines over a labelled dataset and prints its metrics:
  processbench  accuracy on wrong solutions, on correct solutions, and their harmonic mean (F1), in %
  mathcheck     exact match of the first wrong step, in %

Options:
  --engine embedded|model|both  engines to run        [both with --endpoint, else embedded]
  --style A,B                   several request styles, one after the other, each with its metrics
  --concurrency N               model requests at once                            [4]
  --limit N                     only the first N records
  --out FILE                    write one JSON line per item (label, prediction, verdict, votes)
  -h, --help                    show this help

${modelFlagsHelp}

${batchFlagsHelp}
`;

export const run: CliCommand = async (args, io) => {
  const { values, positionals } = parseFlags(args);
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  const { dataset, file } = datasetArgs(positionals, 'eval', ['processbench', 'mathcheck']);
  const batch = batchRequested(values);
  const session = batch ? await BatchSession.open(values, io.cwd) : undefined;
  const styles = (values.style ?? 'completion').split(',').map((s) => s.trim());
  const settingsByStyle = styles.map((style) => parseModelFlags({ ...values, style, ...(batch && !values.endpoint ? { endpoint: BATCH_ENDPOINT } : {}) }, io.cwd));
  const first = settingsByStyle[0]!;
  const engineChoice = values.engine ?? (first.endpoint ? 'both' : 'embedded');
  if (engineChoice !== 'embedded' && engineChoice !== 'model' && engineChoice !== 'both') {
    throw new UsageError(`--engine must be embedded, model or both (got '${engineChoice}')`);
  }
  const useModel = engineChoice !== 'embedded';
  if (useModel && !first.endpoint) throw new UsageError(`--engine ${engineChoice} needs --endpoint and --model`);
  if (batch && !useModel) throw new UsageError('--requests and --responses need --engine model or both');
  const concurrency = positiveInt('concurrency', values.concurrency) ?? 4;
  const limit = positiveInt('limit', values.limit);

  const items = await readItems(dataset, resolve(io.cwd, file), file, limit);
  if (items.length === 0) throw new UsageError(`${file} has no records`);
  const runs: RunSummary[] = [];
  for (const settings of useModel ? settingsByStyle : [first]) {
    const model = useModel ? await openModel(settings, values, io, batch) : undefined;
    runs.push(await evaluate(items, engineChoice, model, settings, { concurrency: model && !batch ? concurrency : 1, session, io }));
  }

  if (values.out) await writeLines(resolve(io.cwd, values.out), runs.flatMap(predictionLines), values.out);
  for (const summary of runs) io.stdout(report(dataset, file, summary));
  await session?.finish(io.stdout);
  return 0;
};

async function openModel(settings: ModelSettings, values: ReturnType<typeof parseFlags>['values'], io: CliIo, batch: boolean): Promise<ModelEngine> {
  const apiKey = batch ? undefined : modelApiKey(values, io.env);
  try {
    const model = await createModelEngine(settings, apiKey ? { apiKey } : {});
    if (!batch) await model.probe();
    return model;
  } catch (error) {
    if (error instanceof TemplateError) throw new UsageError(error.message);
    if (error instanceof EndpointError) throw new UsageError(`cannot use the endpoint ${settings.endpoint}: ${error.message}`);
    throw error;
  }
}

interface EvaluateOptions {
  concurrency: number;
  /** Batch mode: answers come from the batch output lines. */
  session: BatchSession | undefined;
  io: CliIo;
}

async function evaluate(items: Item[], engineChoice: string, model: ModelEngine | undefined, settings: ModelSettings, options: EvaluateOptions): Promise<RunSummary> {
  const embedded = engineChoice === 'model' ? undefined : new EmbeddedEngine();
  const started = performance.now();
  const progress = new Progress(options.io, items.length);
  const failedBefore = options.session?.failures.length ?? 0;
  const outcomes = await mapPool(items, options.concurrency, async (item): Promise<Outcome> => {
    const fromEmbedded = embedded?.checkSync(item.problem);
    let fromModel: Verdict | undefined;
    let trace: Outcome['trace'];
    let deferred = false;
    if (model) {
      const problem = withStatedAnswer(item.problem);
      const detailed = options.session ? await options.session.check(model, settings, item.id, problem) : { ...(await model.checkDetailed(problem)), deferred: false };
      fromModel = detailed.verdict;
      trace = detailed.trace;
      deferred = detailed.deferred;
    }
    const verdict = fromEmbedded ? combineVerdicts(fromEmbedded, deferred ? undefined : fromModel, item.problem) : (fromModel as Verdict);
    progress.tick();
    return {
      item,
      verdict,
      ...(fromModel ? { modelVerdict: fromModel } : {}),
      ...(trace ? { trace } : {}),
      ...(deferred ? { deferred } : {}),
      predicted: verdict.status === 'wrong' ? verdict.stepIndex : -1,
    };
  });
  progress.done();
  const engines = model ? `${engineChoice} (model ${model.info.model} at ${model.info.host}, ${model.info.style}${settings.samples > 1 ? `, ${settings.samples} samples` : ''})` : engineChoice;
  return {
    engines,
    ...(model ? { style: model.info.style } : {}),
    outcomes,
    seconds: (performance.now() - started) / 1000,
    ...(options.session ? { batch: { failed: options.session.failures.slice(failedBefore) } } : {}),
  };
}

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
      ...batchFlagOptions,
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
