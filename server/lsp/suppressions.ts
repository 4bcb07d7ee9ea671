// "This step is correct": the person overrides a diagnostic for that exact content. Kept in the
// server's storage folder so it survives restarts; a missing or corrupt file means none.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const fileSchema = z.object({ version: z.literal(1), entries: z.array(z.string()) });

export class Suppressions {
  private readonly entries = new Set<string>();

  constructor(private readonly file: string | undefined, private readonly log: (message: string) => void = () => {}) {
    if (!file) return;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) parsed.data.entries.forEach((entry) => this.entries.add(entry));
      else this.log(`Ignoring ${file}: not a suppressions file.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`Cannot read ${file}: ${(error as Error).message}`);
    }
  }

  has(contentKey: string, stepIndex: number): boolean {
    return this.entries.has(`${contentKey}#${stepIndex}`);
  }

  add(contentKey: string, stepIndex: number): void {
    this.entries.add(`${contentKey}#${stepIndex}`);
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify({ version: 1, entries: [...this.entries] }));
      renameSync(temp, this.file);
    } catch (error) {
      // The suppression still holds for this session; only its persistence failed.
      this.log(`Cannot save ${this.file}: ${(error as Error).message}`);
    }
  }
}
