// The `<dataset> <file.jsonl>` positionals shared by `import` and `eval`.
import { UsageError } from './io.ts';

/** The dataset name and file a command was given; UsageError when one is missing, extra or unknown. */
export function datasetArgs<D extends string>(positionals: string[], command: string, datasets: readonly D[]): { dataset: D; file: string } {
  const help = `Run 'lema-tutor ${command} --help'.`;
  const [dataset, file, ...extra] = positionals;
  if (!dataset || !file) throw new UsageError(`expected a dataset and a file. ${help}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'. ${help}`);
  const known = datasets.find((name) => name === dataset);
  if (!known) {
    const expected = `${datasets.slice(0, -1).join(', ')} or ${datasets[datasets.length - 1]}`;
    throw new UsageError(`unknown dataset '${dataset}' (expected ${expected})`);
  }
  return { dataset: known, file };
}
