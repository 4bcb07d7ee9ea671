// The finding for a result written as a fraction: "1/2 + 1/4 is 3/4, not 2/6." The value is
// shown as a fraction in lowest terms, in the writer's notation (`\frac{7}{8}` after `\frac`),
// never as a decimal. There is no single written number to replace, so there is no `fix`.
import type { Pair } from './checkPairs.ts';
import { fractionText } from './compareSides.ts';
import type { Finding } from './describeFinding.ts';
import type { Exact } from './math/exact.ts';
import { sideText, tokenSpan, type StepReading } from './readStep.ts';

const OPERATION: Record<string, string> = { '+': 'addition', '-': 'subtraction', '*': 'multiplication', '/': 'division', '^': 'power' };

export function fractionFinding(stepIndex: number, reading: StepReading, pair: Pair, value: Exact): Finding {
  const lhs = sideText(reading.text, pair.source, pair.left);
  const rhs = sideText(reading.text, pair.source, pair.right);
  const latex = /\\[dt]?frac\b/.test(rhs);
  const op = pair.left.expr?.kind === 'bin' ? OPERATION[pair.left.expr.op] : undefined;
  return {
    stepIndex,
    kind: 'arithmetic',
    explanation: `${lhs} is ${fractionText(value, latex)}, not ${rhs}.`,
    hint: `Check the ${op ?? 'calculation'} in step ${stepIndex + 1}.`,
    span: tokenSpan(pair.source, pair.right.start, pair.right.end - 1),
  };
}
