// What a CLI command gets from the outside world, so commands are testable without a process.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input (for `-`). */
  readStdin: () => Promise<string>;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** An error a person can act on: printed as one line, exit code 2, no stack trace. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
