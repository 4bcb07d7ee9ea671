// Seeded train/validation split. A record's side depends only on the seed and its question
// (whitespace-normalized), not on its position in the log: the same command gives the same split
// every time, a record keeps its side as the log grows, and the same question never ends up in
// both files (which would leak validation problems into training).
import { createHash } from 'node:crypto';

export interface SplitOptions {
  /** Share of questions that go to validation, 0 < fraction < 1. */
  fraction: number;
  seed: number;
}

export type SplitSide = 'train' | 'val';

export function splitSide(question: string, options: SplitOptions): SplitSide {
  const key = `${options.seed}\u0000${question.replace(/\s+/g, ' ').trim()}`;
  const value = createHash('sha256').update(key).digest().readUInt32BE(0) / 0x1_0000_0000;
  return value < options.fraction ? 'val' : 'train';
}

/** `data.jsonl` -> `data.train.jsonl` / `data.val.jsonl`; a name without `.jsonl`/`.json` gets the suffix added. */
export function splitPaths(outPath: string): Record<SplitSide, string> {
  const stem = outPath.replace(/\.jsonl?$/i, '');
  return { train: `${stem}.train.jsonl`, val: `${stem}.val.jsonl` };
}
