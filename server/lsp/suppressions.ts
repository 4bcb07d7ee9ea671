// "This step is correct": the person overrides a diagnostic for that exact content. Kept in the
// server's storage folder so it survives restarts; a missing or corrupt file means none. Each mark
// keeps a label (problem, step, document) so the person can find it in the LeMa Tutor view and undo it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { markLabelSchema, type MarkedStep, type MarkLabel } from '../protocol.ts';

// `labels` came after `entries`; files without it (and readers that ignore it) still work.
const fileSchema = z.object({
  version: z.literal(1),
  entries: z.array(z.string()),
  labels: z.record(z.string(), markLabelSchema).optional().catch(undefined),
});

export class Suppressions {
  private readonly entries = new Set<string>();
  private readonly labels = new Map<string, MarkLabel>();

  constructor(private readonly file: string | undefined, private readonly log: (message: string) => void = () => {}) {
    if (!file) return;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) {
        parsed.data.entries.forEach((entry) => this.entries.add(entry));
        for (const [id, label] of Object.entries(parsed.data.labels ?? {})) if (this.entries.has(id)) this.labels.set(id, label);
      } else this.log(`Ignoring ${file}: not a suppressions file.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`Cannot read ${file}: ${(error as Error).message}`);
    }
  }

  has(contentKey: string, stepIndex: number): boolean {
    return this.entries.has(`${contentKey}#${stepIndex}`);
  }

  add(contentKey: string, stepIndex: number, label?: MarkLabel): void {
    const id = `${contentKey}#${stepIndex}`;
    this.entries.add(id);
    if (label) this.labels.set(id, label);
    this.save();
  }

  /** The marks, newest first; a mark from before labels were kept is listed by its step alone. */
  list(): MarkedStep[] {
    return [...this.entries]
      .map((id) => {
        const step = Number(id.slice(id.lastIndexOf('#') + 1));
        return { id, stepIndex: Number.isInteger(step) ? step : 0, ...(this.labels.get(id) ?? { title: 'a problem no longer open' }) };
      })
      .reverse();
  }

  /** Undo one mark: the step may be flagged again. */
  remove(id: string): boolean {
    const removed = this.entries.delete(id);
    this.labels.delete(id);
    if (removed) this.save();
    return removed;
  }

  /** Forget every mark; returns how many there were. */
  clear(): number {
    const count = this.entries.size;
    this.entries.clear();
    this.labels.clear();
    if (count > 0) this.save();
    return count;
  }

  private save(): void {
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify({ version: 1, entries: [...this.entries], labels: Object.fromEntries(this.labels) }));
      renameSync(temp, this.file);
    } catch (error) {
      // The suppression still holds for this session; only its persistence failed.
      this.log(`Cannot save ${this.file}: ${(error as Error).message}`);
    }
  }
}
