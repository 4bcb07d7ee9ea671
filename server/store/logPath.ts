// Where the CLI finds the corrections log when `--log` is not given: `$LEMA_TUTOR_LOG`, else
// `~/.lema-tutor/corrections.jsonl`. The editor passes its own path (settings `log.location` /
// `log.path`); this default is what a person running the CLI outside the editor gets.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export const LOG_ENV_VARIABLE = 'LEMA_TUTOR_LOG';
export const LOG_FILE_NAME = 'corrections.jsonl';

export function defaultLogPath(home: string = homedir()): string {
  return join(home, '.lema-tutor', LOG_FILE_NAME);
}

/** `--log` (relative to `cwd`), else `$LEMA_TUTOR_LOG`, else the default path. */
export function resolveLogPath(option: string | undefined, env: NodeJS.ProcessEnv, cwd: string, home: string = homedir()): string {
  const chosen = option ?? (env[LOG_ENV_VARIABLE] || undefined);
  if (!chosen) return defaultLogPath(home);
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}
