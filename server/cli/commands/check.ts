// `lema-tutor check <files|folders|->`: the same engine as the editor, for batch checking.
// Exit codes: 0 no mistakes, 1 mistakes found, 2 bad input.
import { basename } from 'node:path';
import { DocumentChecker } from '../../check/documentChecker.ts';
import { mistakeLine } from '../../diagnostics/buildDiagnostics.ts';
import { offFileLines } from '../../lsp/offFileDirective.ts';
import { engineLabel } from '../../diagnostics/describeEngine.ts';
import { combineVerdicts } from '../../engine/combineVerdicts.ts';
import type { Problem } from '../../document/types.ts';
import type { Verdict } from '../../engine/types.ts';
import { settingsSchema } from '../../settings.ts';
import { EmbeddedEngine } from '../../verify/embeddedEngine.ts';
import { BatchBreaker } from '../../model/batchBreaker.ts';
import { createModelEngine, type ModelEngine } from '../../model/modelEngine.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { UsageError } from '../io.ts';
import { parseCliArgs } from '../parseCliArgs.ts';
import { mapPool } from '../mapPool.ts';
import { integerFlag, modelApiKey, modelFlagOptions, modelFlagsHelp, parseModelFlags, type ModelFlagValues } from '../modelFlags.ts';
import { readInputs } from '../readInputs.ts';
import { BATCH_ENDPOINT, BatchSession, batchFlagOptions, batchFlagsHelp, batchRequested, type BatchFlagValues } from '../batchFlags.ts';

const help = () => `Usage: lema-tutor check [options] <files|folders|->

Checks every problem of the given markdown files (folders: every .md under them; -: standard input)
and prints one line per first wrong step: file:line:col: severity: message.

Options:
  --format text|json   output format (json: one object per problem, in document
                       order, with status "checked" or "skipped" and its reason) [text]
  --severity LEVEL     error|warning|information|hint                     [warning]
  --reveal             print explanations instead of tutor-mode hints
  --exit-zero          exit 0 even when mistakes are found (bad input still exits 2)
  --concurrency N      model requests at once                             [4]
  -h, --help           show this help

With --endpoint, the LeMa-tuned model checks each problem too; its verdict and the embedded
verifier's are combined as in the editor. If the endpoint cannot be reached, the embedded
verifier's results are printed with a warning.

${modelFlagsHelp}

${batchFlagsHelp}

Exit status: 0 no mistakes, 1 mistakes found, 2 bad input.`;

export const run: CliCommand = async (argv, io) => {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    io.stdout(help() + '\n');
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no input: give files, folders or - for standard input');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}' (text or json)`);
  const severity = settingsSchema.shape.severity.parse(values.severity ?? 'warning');
  if (values.severity && values.severity !== severity) throw new UsageError(`unknown severity '${values.severity}'`);
  const revealed = values.reveal ?? false;

  // Batch files: the model's requests are written or answered from files, never sent.
  const session = batchRequested(values) ? await BatchSession.open(values, io.cwd) : undefined;
  const engine = await startModel(session ? { ...values, endpoint: values.endpoint || BATCH_ENDPOINT } : values, io, session !== undefined);
  // A live endpoint that keeps failing is given up on for the rest of the run (the circuit breaker).
  const live = engine && !session
    ? new BatchBreaker(engine, (reason) => io.stderr(`lema-tutor check: the model endpoint failed (${reason}); the remaining problems get embedded verifier results only.\n`))
    : undefined;
  const concurrency = integerFlag('concurrency', values.concurrency, 1, 64) ?? 4;
  const batchSettings = session ? parseModelFlags(values, io.cwd) : undefined;

  const checker = new DocumentChecker(new EmbeddedEngine());
  let mistakes = 0;
  for await (const input of readInputs(positionals, io)) {
    // A file that opted out (`<!-- lema-tutor: off-file -->`) is not a solution: nothing checked or sent.
    if (offFileLines(input.text).length > 0) continue;
    const checked = checker.check(input.text);
    const modelVerdicts = !engine
      ? []
      : session
        ? await mapPool(checked.problems, 1, async ({ problem }) => {
            // The file's name only: a custom_id travels to the batch service, a directory path must not.
            const asked = await session.check(engine, batchSettings!, `${basename(input.name)}#${problem.index + 1}`, problem);
            return asked.deferred ? undefined : asked.verdict;
          })
        : await mapPool(checked.problems, concurrency, ({ problem }) => live!.check(problem));
    const json: { line: number; entry: object }[] = [];
    for (const [i, { problem, verdict: embedded }] of checked.problems.entries()) {
      const verdict = combineVerdicts(embedded, modelVerdicts[i], problem);
      const wrong = verdict.status === 'wrong' ? verdict : undefined;
      if (wrong) mistakes++;
      if (format === 'json') {
        json.push({ line: problem.range.start.line, entry: problemJson(input.name, problem, wrong ?? verdict) });
      } else if (wrong) {
        const at = problem.steps[wrong.stepIndex]?.range.start ?? problem.range.start;
        io.stdout(`${input.name}:${at.line + 1}:${at.character + 1}: ${severity}: ${mistakeLine(problem, wrong, revealed)}\n`);
      }
    }
    for (const skipped of checked.document.skipped) {
      const at = skipped.range.start;
      if (format === 'json') json.push({ line: at.line, entry: { file: input.name, status: 'skipped', line: at.line + 1, reason: skipped.reason } });
      else io.stdout(`${input.name}:${at.line + 1}:${at.character + 1}: hint: not checked: ${skipped.reason}\n`);
    }
    // Every problem, checked or skipped, in document order: nothing is dropped silently.
    json.sort((a, b) => a.line - b.line);
    for (const { entry } of json) io.stdout(JSON.stringify(entry) + '\n');
  }
  await session?.finish(io.stderr);
  for (const failure of session?.failures ?? []) io.stderr(`lema-tutor check: batch line ${failure.customId} failed: ${failure.reason}\n`);
  if (format === 'text') io.stderr(`${mistakes} ${mistakes === 1 ? 'mistake' : 'mistakes'} found.\n`);
  return mistakes > 0 && !values['exit-zero'] ? 1 : 0;
};

function parseOptions(argv: string[]) {
  return parseCliArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      severity: { type: 'string' },
      reveal: { type: 'boolean' },
      concurrency: { type: 'string' },
      ...modelFlagOptions,
      ...batchFlagOptions,
      'exit-zero': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The model engine when --endpoint is given and answers; undefined (with a warning) when it does not. */
async function startModel(values: ModelFlagValues & BatchFlagValues, io: CliIo, batch = false): Promise<ModelEngine | undefined> {
  const settings = parseModelFlags(values, io.cwd);
  if (!settings.endpoint) return undefined;
  const apiKey = modelApiKey(values, io.env);
  const engine = await createModelEngine(settings, apiKey ? { apiKey } : {}).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  if (batch) return engine;
  try {
    await engine.probe(AbortSignal.timeout(settings.timeoutMs));
    return engine;
  } catch (error) {
    io.stderr(`lema-tutor check: the model endpoint is unreachable (${(error as Error).message}); embedded verifier results only.\n`);
    return undefined;
  }
}

function problemJson(file: string, problem: Problem, verdict: Verdict) {
  return {
    file,
    status: 'checked',
    problem: problem.index + 1,
    title: problem.title,
    line: problem.range.start.line + 1,
    question: problem.question,
    steps: problem.steps.map((step) => ({ text: step.text, line: step.range.start.line + 1 })),
    finalAnswer: problem.finalAnswer?.value,
    verdict: {
      status: verdict.status,
      engine: engineLabel(verdict.engine),
      ...(verdict.status === 'wrong'
        ? {
            step: verdict.stepIndex + 1,
            kind: verdict.kind,
            explanation: verdict.explanation,
            hint: verdict.hint,
            related: verdict.related?.map((r) => ({ step: r.stepIndex + 1, message: r.message })),
          }
        : {}),
    },
    correction:
      verdict.status === 'wrong' && verdict.correction
        ? {
            fromStep: verdict.correction.fromStep + 1,
            steps: verdict.correction.steps,
            finalAnswer: verdict.correction.finalAnswer,
          }
        : undefined,
  };
}
