// The shape of an editor scenario and the record of its outcome.
import type { Session } from './session.ts';

/** Figures a scenario measured, in milliseconds, by name. */
export type Figures = Map<string, number>;

export interface StepContext {
  session: Session;
  figures: Figures;
  /** Saves `.artifacts/editor/<name>.png` and remembers it for the report. */
  screenshot(name: string): Promise<void>;
}

export interface Step {
  /** `NN-name`, also the screenshot's name. */
  name: string;
  run(context: StepContext): Promise<void>;
}

/** Steps that share one editor session, run in order; a failed step skips the rest of its group. */
export interface ScenarioGroup {
  name: string;
  /** Settings and helpers the group needs; returns its steps and a cleanup. */
  prepare(): Promise<{ settings: Record<string, unknown>; files?: Record<string, string>; steps: Step[]; dispose(): Promise<void> }>;
}

export type StepOutcome =
  | { step: string; status: 'passed'; ms: number }
  | { step: string; status: 'failed'; ms: number; error: string }
  | { step: string; status: 'skipped'; reason: string };
