// `npm run bench`: runs each benchmark in its own process (so one's memory does not colour
// another's) and prints their figures. Benchmarks that need ../shared/data skip themselves
// with a note when it is absent.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const benches = ['engine.ts', 'injection.ts', 'model.ts', 'styles.ts', 'adversarial.ts', 'store.ts', 'parser.ts', 'tutoring.ts'];
const only = process.argv[2];
let failed = 0;
for (const file of benches) {
  if (only && !file.startsWith(only)) continue;
  const path = join(__dirname, file);
  if (!existsSync(path)) continue;
  console.log(`\n## ${file.replace('.ts', '')}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
