// The solution-document model: what the parser produces and every engine reads.
// Positions are LSP positions (0-based line, UTF-16 code unit character).

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** How the steps of a problem were written; the correction is rendered back in the same style. */
export type StepStyle =
  | 'ordered-list' // 1. ... 2. ...
  | 'bullet-list' // - ... - ...
  | 'labelled' // Step 1: ... (LeMa / MathCheck)
  | 'lines'; // one step per line or paragraph under a Solution heading/label (GSM8K)

export interface Step {
  /** 0-based position in the problem. LeMa numbers steps from 1: step k is index k-1. */
  index: number;
  /** The step's text as written, without its list marker or `Step k:` label. */
  text: string;
  /** Exact range of `text` in the document. */
  range: Range;
  /** Range of the whole step including its marker or label (what a rewrite replaces). */
  fullRange: Range;
  /** Set by `<!-- lema-tutor: ignore-next-step -->`: engines must not flag this step. */
  ignored: boolean;
}

export type FinalAnswerForm = 'the-answer-is' | 'answer-label' | 'gsm8k' | 'boxed';

export interface FinalAnswer {
  /** The answer value as written, e.g. `72`, `\$18`, `\frac{3}{4}`. */
  value: string;
  /** Range of `value` in the document. */
  range: Range;
  form: FinalAnswerForm;
  /** Index of the step that holds the answer, or undefined when it stands on its own line. */
  stepIndex?: number;
}

export interface Problem {
  /** 0-based position in the document. */
  index: number;
  /** The heading text, when the problem has one. */
  title?: string;
  question: string;
  questionRange?: Range;
  steps: Step[];
  finalAnswer?: FinalAnswer;
  style: StepStyle;
  /** Whole problem, heading included. */
  range: Range;
  /**
   * Hash of what engines read (question, step texts, final answer). Caches key on it, so an edit
   * elsewhere in the document leaves this problem's key unchanged.
   */
  contentKey: string;
}

/** A problem that could not be understood: skipped, reported as a hint, never a crash. */
export interface SkippedProblem {
  range: Range;
  reason: string;
}

export interface SolutionDocument {
  problems: Problem[];
  skipped: SkippedProblem[];
}
