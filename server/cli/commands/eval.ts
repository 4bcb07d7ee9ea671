import type { CliCommand } from '../io.ts';
import { UsageError } from '../io.ts';

// Placeholder until this command lands.
export const run: CliCommand = async () => {
  throw new UsageError('lema-tutor eval: not implemented yet');
};
