// The words of the Problems tree, short enough for the side bar's default width. Plain functions of
// the server's summaries (no `vscode`), so they are tested directly.
import type { MarkedStep, ProblemSummary } from '../server/protocol.ts';

export function problemDescription(problem: ProblemSummary): string {
  const step = problem.stepIndex !== undefined ? `step ${problem.stepIndex + 1}` : 'a step';
  switch (problem.status) {
    case 'wrong':
      return [`${step} wrong`, problem.kind].filter(Boolean).join(' · ');
    case 'marked':
      return `${step} marked correct`;
    case 'correct':
      return 'no mistake found';
    case 'unknown':
      return 'nothing proven';
    case 'pending':
      return 'checking…';
  }
}

export function markedStepItem(mark: MarkedStep): { label: string; description: string; tooltip: string } {
  const step = `Step ${mark.stepIndex + 1}`;
  const file = mark.uri ? decodeURIComponent(mark.uri.slice(mark.uri.lastIndexOf('/') + 1)) : undefined;
  return {
    label: `${step} · ${mark.title}`,
    description: mark.stepText ?? '',
    tooltip: [`${step} of ${mark.title}`, mark.stepText, file && `in ${file}`].filter(Boolean).join('\n'),
  };
}
