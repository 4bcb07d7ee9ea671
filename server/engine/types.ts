// The contract between the engines and everything that shows or stores their results.
// An engine reads a Problem and returns a Verdict; it never knows about LSP or files.
import type { Problem } from '../document/types.ts';

/**
 * How the model engine asks (see README "The model engine"):
 * - completion / chat: our correction template, one request (custom templates allowed).
 * - lema: LeMa's own prompts on the completion API: solve first, ask for a correction only when
 *   the solved answer differs from the document's.
 * - critic: ProcessBench's critique prompt on the chat API to locate the step, then a LeMa-layout
 *   request for the explanation and the corrected solution.
 */
export const MODEL_STYLES = ['completion', 'chat', 'lema', 'critic'] as const;
export type ModelStyle = (typeof MODEL_STYLES)[number];

export type EngineInfo =
  | { kind: 'embedded' }
  | {
      kind: 'model';
      /** Model name as the endpoint knows it. */
      model: string;
      style: ModelStyle;
      templateVersion: string;
      /** Host (and port) of the endpoint; never a key or a full URL with credentials. */
      host: string;
    };

/**
 * The kind of mistake. Each has a README section (`#mistake-<kind>`) the diagnostic links to.
 * - arithmetic: a computation whose stated result is provably wrong (`9 × 2 = 19`).
 * - algebra: an equation step or identity that is provably wrong (`2x + 3 = 11` then `x = 5`).
 * - rounding: a result written rounded, but not the correct rounding.
 * - final-answer: the stated final answer disagrees with the value the steps computed.
 * - reasoning: a mistake found by the model (misread quantity, wrong operation, ...).
 */
export const MISTAKE_KINDS = ['arithmetic', 'algebra', 'rounding', 'final-answer', 'reasoning'] as const;
export type MistakeKind = (typeof MISTAKE_KINDS)[number];

/** The corrected solution from the incorrect step on, in the LeMa shape. */
export interface Correction {
  /** 0-based index of the first corrected step (the incorrect step). */
  fromStep: number;
  /**
   * The corrected steps, numbered from `fromStep`, as plain step texts (no labels).
   * May be more or fewer than the original steps from `fromStep` on.
   */
  steps: string[];
  /** The corrected final answer value, when known. */
  finalAnswer?: string;
}

/** Offsets into a step's `text`, for a precise squiggle (e.g. under the wrong result). */
export interface TextSpan {
  start: number;
  end: number;
}

export interface RelatedStep {
  stepIndex: number;
  message: string;
}

export type Verdict =
  | {
      status: 'wrong';
      engine: EngineInfo;
      /** 0-based index of the first wrong step. */
      stepIndex: number;
      kind: MistakeKind;
      /** Full explanation, e.g. "9 × 2 is 18, not 19." */
      explanation: string;
      /** A hint that names the problem without giving the answer (tutor mode). */
      hint: string;
      span?: TextSpan;
      correction?: Correction;
      /** Later steps that merely carry the slip forward; shown as related information. */
      related?: RelatedStep[];
      /** Why the model's corrected solution is not offered as a fix (it failed a check); plain text. */
      correctionWithheld?: string;
      /** The model's samples did not agree enough: shown as a hint that the model is unsure, not a warning. */
      unsure?: string;
    }
  | {
      /** The engine checked the solution and found no mistake (models say so; the verifier when every claim checked out). */
      status: 'correct';
      engine: EngineInfo;
    }
  | {
      /** Nothing could be proven either way. Never shown as a mistake. */
      status: 'unknown';
      engine: EngineInfo;
      reason?: string;
    };

export type WrongVerdict = Extract<Verdict, { status: 'wrong' }>;

export interface Engine {
  readonly info: EngineInfo;
  check(problem: Problem, signal?: AbortSignal): Promise<Verdict>;
}
