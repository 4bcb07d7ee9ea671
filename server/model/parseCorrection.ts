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
 * Anything else (no label, a step out of range, no explanation, an empty correction, an answer longer
 * than the characters read) is `invalid` with a reason: the engine turns it into an 'unknown' verdict,
 * never a mistake and never an exception.
 *
 * **Linear time.** Answers are outside input (up to 8 characters per max token, 256 Ki characters).
 * While streaming, each line is examined once when it is complete, and only a bounded head of the
 * line still arriving, so a delta costs its own length, never the whole answer again. No pattern
 * has two quantifiers that can split the same run of spaces, so none backtracks over it.
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
// `step`, spaces, `#`, spaces: each run of spaces has one quantifier that can take it.
const STEP_NUMBER = new RegExp(String.raw`^(?:step)?\s*(?:#\s*)?(?:(\d+)(?=[^\d])|(${NUMBER_WORDS.join('|')})(?=[^a-z]))`, 'i');
const STEP_LINE = /^[ \t>*_-]*step\s*(\d+)\s*[:.)-]?\s*(.*)$/i;
// Only the statement; its value is the rest of the line, trimmed by hand (`(.+?)\s*\.?\s*$` tried
// every split of a run of spaces: seconds on 2,000 of them, hours on 64 Ki).
const ANSWER_STATEMENT = /(?:^|\b)the\s+(?:final\s+)?answer\s+is/i;
const BOXED = /\\boxed\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/;
// The same labels, matched on one line (streaming).
const STEP_LABEL_LINE = new RegExp(String.raw`^[ \t>#*_-]*(?:the\s+)?(?:first\s+)?(?:incorrect|wrong|erroneous)\s+step\s*(?:is)?\s*[:：]?`, 'i');
const CORRECTION_LABEL_LINE = /^[ \t>#*_-]*correct(?:ed)?\s+solution/i;
const CLOSING_LINE = /^[ \t]*\}[ \t;]*$/;
/** The head of the line still arriving that is looked at while streaming (labels start lines). */
const PARTIAL_LINE_HEAD = 256;
/** The head of each line kept while streaming; a label further in is still found by `finish`. */
const LINE_HEAD = 1_024;
/** Characters after the step label that can hold its value (it is a few words at most). */
const VALUE_WINDOW = 1_024;

/** The text after `the answer is` on a step line: `: $54 .` gives `$54`. */
function statedAnswer(step: string): string | undefined {
  const at = ANSWER_STATEMENT.exec(step);
  if (!at) return undefined;
  let value = step.slice(at.index + at[0].length).replace(/^\s*:?/, '').trim();
  if (value.length > 1 && value.endsWith('.')) value = value.slice(0, -1).trimEnd();
  return value || undefined;
}

const DEFAULT_MAX_CHARS = 16_000;

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
  /** The answer as received (joined once, at the end: re-reading a growing string per delta is quadratic). */
  private readonly parts: string[] = [];
  private size = 0;
  private readonly prefix: string;
  private stepValue: StepValue = { kind: 'pending' };
  private earlyReported = false;
  /** The first LINE_HEAD characters of the line still arriving, its length, and its number. */
  private lineHead = '';
  private lineLength = 0;
  private lineNumber = 0;
  /** The line holding the step label, and the text from its start (up to VALUE_WINDOW characters). */
  private labelLine: number | undefined;
  private labelWindow = '';
  private correctionSeen = false;
  private closedSeen = false;
  /** Set once enough was read: the answer is whole and the stream can be stopped. */
  done = false;
  /** Set when more than maxChars arrived; the rest is ignored. */
  overflowed = false;

  constructor(
    private readonly options: ParseOptions,
    private readonly onStep?: (step: number) => void,
  ) {
    this.prefix = options.labelInPrompt ? 'Incorrect Step:' : '';
    if (this.prefix) this.scan(this.prefix);
  }

  /** Characters of the answer read so far. */
  get length(): number {
    return this.size;
  }

  get text(): string {
    return this.parts.join('');
  }

  push(chunk: string): void {
    if (this.done || this.overflowed) return;
    const max = this.options.maxChars ?? DEFAULT_MAX_CHARS;
    if (this.size + chunk.length > max) {
      this.append(chunk.slice(0, Math.max(0, max - this.size)));
      this.overflowed = true;
      return;
    }
    this.append(chunk);
    this.scan(chunk);
    if (this.stepValue.kind === 'pending') {
      this.stepValue = this.locateStep();
      if (this.stepValue.kind === 'step' && this.inRange(this.stepValue.step) && !this.earlyReported) {
        this.earlyReported = true;
        this.onStep?.(this.stepValue.step);
      }
      // "None" needs nothing more; an unreadable value will not become readable.
      if (this.stepValue.kind === 'none' || this.stepValue.kind === 'bad') this.done = true;
    }
    // A line that is just `}` after the Correct Solution label: the answer is whole.
    if (this.stepValue.kind === 'step' && this.closedSeen) this.done = true;
  }

  private append(chunk: string): void {
    this.parts.push(chunk);
    this.size += chunk.length;
  }

  /** Looks at each line completed by `chunk` once, and at the head of the line still arriving. */
  private scan(chunk: string): void {
    if (this.labelLine !== undefined && this.labelWindow.length < VALUE_WINDOW) {
      this.labelWindow += chunk.slice(0, VALUE_WINDOW - this.labelWindow.length);
    }
    let from = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', from)) {
      this.extendLine(chunk.slice(from, end));
      from = end + 1;
      this.examineLine(true, chunk.slice(from, from + VALUE_WINDOW));
      this.lineHead = '';
      this.lineLength = 0;
      this.lineNumber++;
    }
    this.extendLine(chunk.slice(from));
    if (this.lineLength > 0 && this.lineLength <= PARTIAL_LINE_HEAD) this.examineLine(false, '');
  }

  private extendLine(piece: string): void {
    if (this.lineHead.length < LINE_HEAD) this.lineHead += piece.slice(0, LINE_HEAD - this.lineHead.length);
    this.lineLength += piece.length;
  }

  /** `after`: what follows the line's newline in the current chunk (the start of the value window). */
  private examineLine(complete: boolean, after: string): void {
    if (this.labelLine === undefined) {
      if (!STEP_LABEL_LINE.test(clean(this.lineHead))) return;
      this.labelLine = this.lineNumber;
      this.labelWindow = complete ? `${this.lineHead}\n${after}`.slice(0, VALUE_WINDOW) : this.lineHead;
      return;
    }
    if (this.lineNumber === this.labelLine) return;
    if (!this.correctionSeen) {
      if (complete && CORRECTION_LABEL_LINE.test(clean(this.lineHead))) this.correctionSeen = true;
      return;
    }
    if (CLOSING_LINE.test(this.lineHead)) this.closedSeen = true;
  }

  private inRange(step: number): boolean {
    return step >= 1 && step <= this.options.stepCount;
  }

  /** The value after the label, read from a bounded window: the answer may go on for long. */
  private locateStep(): StepValue {
    if (this.labelLine === undefined) return { kind: 'pending' };
    const window = clean(this.labelWindow);
    const label = STEP_LABEL_LINE.exec(window);
    if (!label) return { kind: 'pending' }; // the label line changed as it completed (a split `**`)
    return readStepValue(window.slice(label[0].length), false);
  }

  /** The whole answer read so far, as a checked result. Never throws. */
  finish(options: FinishOptions = {}): ParsedAnswer {
    const truncated = Boolean(options.truncated) || this.overflowed;
    const result = this.parseAll(truncated);
    const checked = parsedAnswerSchema.safeParse(result);
    return checked.success ? checked.data : { kind: 'invalid', reason: `malformed answer: ${checked.error.issues[0]?.message ?? 'invalid'}` };
  }

  private parseAll(truncated: boolean): ParsedAnswer {
    // An answer cut at the characters read (an endless one) is no verdict, whatever its start says.
    if (this.overflowed) return { kind: 'invalid', reason: `the answer was longer than ${this.options.maxChars ?? DEFAULT_MAX_CHARS} characters` };
    if (this.text.trim() === '') return { kind: 'invalid', reason: 'the answer was empty' };
    const text = clean(this.prefix + this.text);
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
  const finalAnswer = (boxed?.[1] ?? statedAnswer(last))?.replace(/^\$\s*(?=\d)/, '$').trim();
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
