// The one place that turns verdicts into LSP diagnostics (used by the server; the CLI prints the
// same messages). Tutor mode shows a hint until the person asks for the explanation.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Problem, SkippedProblem } from '../document/types.ts';
import type { WrongVerdict } from '../engine/types.ts';
import type { Severity } from '../settings.ts';
import { describeEngine } from './describeEngine.ts';
import { mistakeMessage } from './mistakeMessage.ts';
import { spanRange } from './spanRange.ts';

export { mistakeLine, mistakeMessage } from './mistakeMessage.ts';

/** README sections that explain each kind of mistake; `code` links here. */
export const DOCS_URL = 'https://github.com/lema-tutor/lema-tutor#mistake-';

/** Every diagnostic's source starts with this; the engine follows (`LeMa Tutor · embedded verifier`). */
export const DIAGNOSTIC_SOURCE = 'LeMa Tutor';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Travels in `diagnostic.data` so code actions and commands find the verdict again. */
export interface MistakeDiagnosticData {
  problemIndex: number;
  contentKey: string;
  stepIndex: number;
}

export interface DiagnosticOptions {
  uri: string;
  severity: Severity;
  /** Show the explanation (reveal mode, or the person asked for it in tutor mode). */
  revealed: boolean;
}

function diagnosticSource(verdict: WrongVerdict): string {
  return `${DIAGNOSTIC_SOURCE} · ${describeEngine(verdict.engine)}`;
}

export function mistakeDiagnostic(problem: Problem, verdict: WrongVerdict, options: DiagnosticOptions): Diagnostic {
  const step = problem.steps[verdict.stepIndex];
  // The squiggle sits under the wrong part (the claim, the wrong result), not the whole step.
  const range = step ? spanRange(step, verdict.span) : problem.range;
  // The explanation is the message once revealed; it is not repeated as related information.
  const related: DiagnosticRelatedInformation[] = [];
  for (const carried of verdict.related ?? []) {
    const later = problem.steps[carried.stepIndex];
    if (later) related.push({ location: { uri: options.uri, range: later.range }, message: carried.message });
  }
  const answer = carriedAnswer(problem, verdict);
  if (answer) related.push({ location: { uri: options.uri, range: answer.range }, message: answer.message });
  const data: MistakeDiagnosticData = {
    problemIndex: problem.index,
    contentKey: problem.contentKey,
    stepIndex: verdict.stepIndex,
  };
  return {
    range,
    // Samples that disagree: a hint that the model is unsure, not a warning.
    severity: verdict.unsure ? DiagnosticSeverity.Hint : severities[options.severity],
    source: diagnosticSource(verdict),
    code: verdict.kind,
    codeDescription: { href: DOCS_URL + verdict.kind },
    message: mistakeMessage(problem, verdict, options.revealed),
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}

/**
 * A final answer on its own line (GSM8K's `#### 57`) that the correction changes carries the slip
 * too; in the other styles the answer is a step and the engine lists it with the related steps.
 */
function carriedAnswer(problem: Problem, verdict: WrongVerdict): { range: Problem['range']; message: string } | undefined {
  const answer = problem.finalAnswer;
  const corrected = verdict.correction?.finalAnswer;
  if (!answer || answer.stepIndex !== undefined || verdict.kind === 'final-answer' || corrected === undefined) return undefined;
  if (corrected.trim() === answer.value.trim()) return undefined;
  return { range: answer.range, message: `States the answer ${answer.value.trim()}, which follows from the wrong step ${verdict.stepIndex + 1}.` };
}

/** A problem the parser could not understand: a hint, never an error. */
export function skippedDiagnostic(skipped: SkippedProblem): Diagnostic {
  return {
    range: skipped.range,
    severity: DiagnosticSeverity.Hint,
    source: DIAGNOSTIC_SOURCE,
    code: 'skipped',
    message: `Not checked: ${skipped.reason}`,
  };
}
