// `lema-tutor` command-line entry: dispatches to one module per command.
// Errors a person can act on print one line and exit 2; nothing prints a stack trace.
import { run as check } from './commands/check.ts';
import { run as importCmd } from './commands/import.ts';
import { run as evalCmd } from './commands/eval.ts';
import { run as exportCmd } from './commands/export.ts';
import { run as stats } from './commands/stats.ts';
import { type CliCommand, type CliIo, UsageError } from './io.ts';

const commands: Record<string, CliCommand> = {
  check,
  import: importCmd,
  eval: evalCmd,
  export: exportCmd,
  stats,
};

const usage = `Usage: lema-tutor <command> [options]

Commands:
  check <files|folders|->     find the first wrong step of each problem
  import <gsm8k|processbench|mathcheck> <file.jsonl>
                              write a markdown workbook from a dataset
  eval <processbench|mathcheck> <file.jsonl>
                              run the engines over a labelled dataset
  export --format <format>    export the corrections log as training data
  stats                       counts of the corrections log

Run 'lema-tutor <command> --help' for a command's options.`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout('0.1.0\n');
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`lema-tutor: unknown command '${name}'. Run 'lema-tutor --help'.\n`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`lema-tutor ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`lema-tutor ${name}: internal error: ${message}\n`);
    if (io.env.LEMA_TUTOR_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return 3;
  }
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

if (require.main === module) {
  // A closed pipe (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
