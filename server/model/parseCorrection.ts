/**
 * Reads a model's answer in the LeMa correction layout, as it streams in:
 *
 *     Incorrect Step: Step k.
 *     Explanation: ...
 *     Correct Solution:
 *     {
 *     ...
 *     Step k: ...
 *     Step m: The answer is Y.
 *     }
 *
 * The step number is reported the moment it is complete (before the explanation arrives), so a
 * diagnostic can appear early. The `...` line stands for the unchanged steps 1..k-1 (only when k > 1);
 * corrected steps are numbered from k and may be more or fewer than the original ones.
 *
 * **"No mistake"**: the model answers `Incorrect Step: None.` Also read as "no mistake": `No.`, `N/A`,
 * `No incorrect step`, `There is no incorrect step`, `All steps are correct`, `Every step is correct`.
 *
 * Variants accepted: bold or italic labels (`**Incorrect Step:**`), any letter case, `Step 2:` or `Step 2`
 * or a bare `2` for `Step 2.`, numbers written as words up to twenty (`Step two`), labels `Wrong Step` /
 * `First Incorrect Step`, the value on the line after the label, `Corrected Solution`, missing braces,
 * text before the answer and after the closing brace.
 *
 * Anything else (no label, a step out of range, no explanation, an empty correction) is `invalid` with
 * a reason: the engine turns it into an 'unknown' verdict, never a mistake and never an exception.
 */
import { z } from 'zod';

const NUMBER_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];

export const correctionBlockSchema = z.object({
  /** 1-based number of the first corrected step (k). */
  fromStep: z.number().int().min(1),
  /** Corrected step texts numbered from k on, without labels; the last may be `The answer is Y.` */
  steps: z.array(z.string().min(1)).min(1),
  finalAnswer: z.string().min(1).optional(),
  /** The block closed with `}` (or the answer ended normally): the steps are complete. */
  complete: z.boolean(),
});

export const parsedAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('mistake'),
    /** 1-based step number, within 1..stepCount. */
    step: z.number().int().min(1),
    explanation: z.string().min(1),
    correction: correctionBlockSchema.optional(),
  }),
  z.object({ kind: z.literal('invalid'), reason: z.string() }),
]);

export type CorrectionBlock = z.infer<typeof correctionBlockSchema>;
export type ParsedAnswer = z.infer<typeof parsedAnswerSchema>;

export interface ParseOptions {
  /** Steps in the original solution as sent (k must be within 1..stepCount). */
  stepCount: number;
  /** Completion style: the prompt ended with `Incorrect Step:`, so the answer starts with the value. */
  labelInPrompt?: boolean;
  /** Characters read at most; past that `overflowed` is set and the caller stops the stream. */
  maxChars?: number;
}

export interface FinishOptions {
  /** The answer was cut (max tokens, max chars): an unclosed correction is not trusted. */
  truncated?: boolean;
}

// Markdown emphasis and list/quote markers around labels are dropped before matching.
const DECORATION = /\*\*|__|`/g;
const LINE_START = String.raw`(?:^|\n)[ \t>#*_-]*`;
const STEP_LABEL = new RegExp(
  LINE_START + String.raw`(?:the\s+)?(?:first\s+)?(?:incorrect|wrong|erroneous)\s+step\s*(?:is)?\s*[:：]?[ \t]*\n?[ \t]*`,
  'i',
);
const EXPLANATION_LABEL = new RegExp(LINE_START + String.raw`explanation\s*[:：]`, 'i');
const CORRECTION_LABEL = new RegExp(LINE_START + String.raw`correct(?:ed)?\s+solution\s*[:：]?`, 'i');
const NONE_VALUE = /^(?:none\b|no\b|n\/a\b|nothing\b|there\s+is\s+no\b|all\s+(?:the\s+)?steps\s+are\s+correct|every\s+step\s+is\s+correct)/i;
const STEP_NUMBER = new RegExp(String.raw`^(?:step\s*)?#?\s*(?:(\d+)(?=[^\d])|(${NUMBER_WORDS.join('|')})(?=[^a-z]))`, 'i');
const STEP_LINE = /^[ \t>*_-]*step\s*(\d+)\s*[:.)-]?\s*(.*)$/i;
const ANSWER_STEP = /(?:^|\b)the\s+(?:final\s+)?answer\s+is\s*:?\s*(.+?)\s*\.?\s*$/i;
const BOXED = /\\boxed\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/;

function clean(text: string): string {
  return text.replace(DECORATION, '');
}

type StepValue = { kind: 'step'; step: number } | { kind: 'none' } | { kind: 'pending' } | { kind: 'bad'; text: string };

/** The value after the label; `pending` while it may still be growing. */
function readStepValue(rest: string, final: boolean): StepValue {
  const text = final ? rest + '\n' : rest;
  const trimmed = text.replace(/^[\s*_]+/, '');
  const none = NONE_VALUE.exec(trimmed);
  // "No" may still become "None" or "Not..."; decide once something follows it.
  if (none && none[0].length < trimmed.length) return { kind: 'none' };
  const number = STEP_NUMBER.exec(trimmed);
  if (number) {
    const step = number[1] !== undefined ? Number(number[1]) : NUMBER_WORDS.indexOf((number[2] ?? '').toLowerCase());
    return { kind: 'step', step };
  }
  // Still typing "Ste", "No", "non"...: wait for more unless the line is already over.
  if (!final && !/\n/.test(trimmed) && trimmed.length < 24) return { kind: 'pending' };
  return { kind: 'bad', text: trimmed.split('\n')[0]?.slice(0, 40) ?? '' };
}

/** Incremental parser: `push` chunks as they arrive, `finish` when the stream ends. */
export class CorrectionParser {
  private buffer: string;
  private readonly prefix: number;
  private stepValue: StepValue = { kind: 'pending' };
  private earlyReported = false;
  /** Set once enough was read: the answer is whole and the stream can be stopped. */
  done = false;
  /** Set when more than maxChars arrived; the rest is ignored. */
  overflowed = false;

  constructor(
    private readonly options: ParseOptions,
    private readonly onStep?: (step: number) => void,
  ) {
    this.buffer = options.labelInPrompt ? 'Incorrect Step:' : '';
    this.prefix = this.buffer.length;
  }

  /** Characters of the answer read so far. */
  get length(): number {
    return this.buffer.length - this.prefix;
  }

  get text(): string {
    return this.buffer.slice(this.prefix);
  }

  push(chunk: string): void {
    if (this.done || this.overflowed) return;
    const max = this.options.maxChars ?? 16_000;
    if (this.length + chunk.length > max) {
      this.buffer += chunk.slice(0, Math.max(0, max - this.length));
      this.overflowed = true;
      return;
    }
    this.buffer += chunk;
    if (this.stepValue.kind === 'pending') {
      this.stepValue = this.locateStep(false);
      if (this.stepValue.kind === 'step' && this.inRange(this.stepValue.step) && !this.earlyReported) {
        this.earlyReported = true;
        this.onStep?.(this.stepValue.step);
      }
      // "None" needs nothing more; an unreadable value will not become readable.
      if (this.stepValue.kind === 'none' || this.stepValue.kind === 'bad') this.done = true;
    } else if (this.stepValue.kind === 'step' && chunk.includes('}')) {
      this.done = this.correctionClosed();
    }
  }

  /** A line that is just `}` after the Correct Solution label: the answer is whole. */
  private correctionClosed(): boolean {
    const text = clean(this.buffer);
    const label = CORRECTION_LABEL.exec(text);
    if (!label) return false;
    return /\n[ \t]*\}[ \t;]*(?:\n|$)/.test(text.slice(label.index + label[0].length));
  }

  private inRange(step: number): boolean {
    return step >= 1 && step <= this.options.stepCount;
  }

  private locateStep(final: boolean): StepValue {
    const text = clean(this.buffer);
    const label = STEP_LABEL.exec(text);
    if (!label) return { kind: 'pending' };
    return readStepValue(text.slice(label.index + label[0].length), final);
  }

  /** The whole answer read so far, as a checked result. Never throws. */
  finish(options: FinishOptions = {}): ParsedAnswer {
    const truncated = Boolean(options.truncated) || this.overflowed;
    const result = this.parseAll(truncated);
    const checked = parsedAnswerSchema.safeParse(result);
    return checked.success ? checked.data : { kind: 'invalid', reason: `malformed answer: ${checked.error.issues[0]?.message ?? 'invalid'}` };
  }

  private parseAll(truncated: boolean): ParsedAnswer {
    const text = clean(this.buffer);
    if (text.trim() === clean(this.buffer.slice(0, this.prefix)).trim()) return { kind: 'invalid', reason: 'the answer was empty' };
    const label = STEP_LABEL.exec(text);
    if (!label) return { kind: 'invalid', reason: 'the answer has no "Incorrect Step:" line' };
    const value = readStepValue(text.slice(label.index + label[0].length), true);
    if (value.kind === 'none') return { kind: 'none' };
    if (value.kind !== 'step') return { kind: 'invalid', reason: `cannot read the step number in "Incorrect Step: ${value.kind === 'bad' ? value.text : ''}"` };
    const k = value.step;
    if (!this.inRange(k)) return { kind: 'invalid', reason: `step ${k} is out of range (the solution has ${this.options.stepCount} steps)` };

    const afterStep = text.slice(label.index + label[0].length);
    const correctionAt = CORRECTION_LABEL.exec(afterStep);
    const beforeCorrection = correctionAt ? afterStep.slice(0, correctionAt.index) : afterStep;
    const explanationAt = EXPLANATION_LABEL.exec(beforeCorrection);
    // Without an Explanation label, whatever follows the step line serves as the explanation.
    const explanation = (explanationAt
      ? beforeCorrection.slice(explanationAt.index + explanationAt[0].length)
      : beforeCorrection.replace(/^[^\n]*\n?/, '')
    )
      .replace(/\s+/g, ' ')
      .trim();
    if (!explanation) return { kind: 'invalid', reason: `the answer flags step ${k} but gives no explanation` };

    if (!correctionAt) return { kind: 'mistake', step: k, explanation };
    const block = readCorrectionBlock(afterStep.slice(correctionAt.index + correctionAt[0].length), k, truncated);
    if (block === 'empty') return { kind: 'invalid', reason: `the correction of step ${k} is empty` };
    // A correction cut short is not offered; the mistake itself still stands.
    if (!block.complete) return { kind: 'mistake', step: k, explanation };
    return { kind: 'mistake', step: k, explanation, correction: block };
  }
}

function readCorrectionBlock(text: string, k: number, truncated: boolean): CorrectionBlock | 'empty' {
  const lines = text.split('\n');
  const numbered: { n: number; text: string }[] = [];
  let closed = false;
  let opened = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (line === '{' || (!opened && line.startsWith('{') && line.length === 1)) {
      opened = true;
      continue;
    }
    if (line === '}' || line === '};') {
      closed = true;
      break;
    }
    if (/^(?:\.\.\.|…)$/.test(line)) continue; // the unchanged steps 1..k-1
    if (/^question\s*:/i.test(line)) break; // the model ran on into a new problem
    const step = STEP_LINE.exec(line);
    if (step) {
      const body = (step[2] ?? '').trim();
      numbered.push({ n: Number(step[1]), text: body });
      continue;
    }
    const last = numbered[numbered.length - 1];
    if (last) last.text = `${last.text} ${line}`.trim(); // a step that runs over lines
  }
  // A correction that restates the whole solution from step 1 keeps only steps k on.
  const steps = numbered.filter((s) => s.n >= k && s.text.length > 0).map((s) => s.text);
  if (steps.length === 0) return truncated && !closed ? { fromStep: k, steps: ['…'], complete: false } : 'empty';
  const last = steps[steps.length - 1] ?? '';
  const boxed = BOXED.exec(last);
  const stated = ANSWER_STEP.exec(last);
  const finalAnswer = (boxed?.[1] ?? stated?.[1])?.replace(/^\$\s*(?=\d)/, '$').trim();
  return {
    fromStep: k,
    steps,
    ...(finalAnswer ? { finalAnswer } : {}),
    complete: closed || !truncated,
  };
}

/** Parses a whole answer at once (non-streamed requests, tests, datasets). */
export function parseCorrection(text: string, options: ParseOptions, finish: FinishOptions = {}): ParsedAnswer {
  const parser = new CorrectionParser({ ...options, maxChars: Math.max(options.maxChars ?? 0, text.length) });
  parser.push(text);
  return parser.finish(finish);
}

/** True when a step text is just the final-answer statement (`The answer is 18.`). */
export function isAnswerStep(text: string): boolean {
  return /^\s*(?:so\s+|therefore,?\s+|thus,?\s+)?the\s+(?:final\s+)?answer\s+is\b/i.test(text);
}
