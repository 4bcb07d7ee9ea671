// The one place that turns verdicts into LSP diagnostics (used by the server; the CLI prints the
// same messages). Tutor mode shows a hint until the person asks for the explanation.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Problem, SkippedProblem } from '../document/types.ts';
import type { WrongVerdict } from '../engine/types.ts';
import type { Severity } from '../settings.ts';
import { describeEngine } from './describeEngine.ts';

/** README sections that explain each kind of mistake; `code` links here. */
export const DOCS_URL = 'https://github.com/lema-tutor/lema-tutor#mistake-';

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

/** The message for a wrong step; shared with the CLI so both say the same thing. */
export function mistakeMessage(verdict: WrongVerdict, revealed: boolean): string {
  const step = `Step ${verdict.stepIndex + 1}`;
  const body = revealed ? `${step} is wrong: ${verdict.explanation}` : `${step} looks wrong. ${verdict.hint}`;
  return `${body} (${describeEngine(verdict.engine)})`;
}

export function mistakeDiagnostic(problem: Problem, verdict: WrongVerdict, options: DiagnosticOptions): Diagnostic {
  const step = problem.steps[verdict.stepIndex];
  const range = step?.range ?? problem.range;
  const related: DiagnosticRelatedInformation[] = [];
  if (options.revealed) {
    related.push({ location: { uri: options.uri, range }, message: `Explanation: ${verdict.explanation}` });
  }
  for (const carried of verdict.related ?? []) {
    const later = problem.steps[carried.stepIndex];
    if (later) related.push({ location: { uri: options.uri, range: later.range }, message: carried.message });
  }
  const data: MistakeDiagnosticData = {
    problemIndex: problem.index,
    contentKey: problem.contentKey,
    stepIndex: verdict.stepIndex,
  };
  return {
    range,
    // Samples that disagree: a hint that the model is unsure, not a warning.
    severity: verdict.unsure ? DiagnosticSeverity.Hint : severities[options.severity],
    source: DIAGNOSTIC_SOURCE,
    code: verdict.kind,
    codeDescription: { href: DOCS_URL + verdict.kind },
    message: mistakeMessage(verdict, options.revealed),
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
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
