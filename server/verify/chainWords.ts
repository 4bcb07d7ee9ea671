// Word lists and token classes the chain reader uses to decide where a claim's sides begin and end.
import type { Token } from './tokenize.ts';

/** Words that, before "of", make a fraction or function of what follows ("half of", "the square of"). */
export const OF_QUANTITIES = new Set([
  'half', 'halves', 'third', 'thirds', 'quarter', 'quarters', 'fourth', 'fourths', 'fifth', 'fifths', 'sixth', 'sixths',
  'seventh', 'sevenths', 'eighth', 'eighths', 'ninth', 'ninths', 'tenth', 'tenths', 'twice', 'double', 'triple',
  'percent', 'fraction', 'portion', 'part', 'parts', 'share', 'square', 'cube', 'root', 'average', 'mean', 'product',
  'ratio', 'difference', 'quotient', 'reciprocal', 'inverse', 'multiple', 'dozen', 'dozens', 'power', 'log', 'rest',
  'remainder', 'most', 'least', 'all', 'each', 'none', 'some', 'any', 'one', 'two', 'three', 'four', 'five',
]);

export function bindsOf(before: Token | undefined): boolean {
  if (!before) return false;
  if (before.type === 'word') return OF_QUANTITIES.has(before.text.toLowerCase());
  return before.type !== 'punct';
}

export const APPROX_WORDS = new Set(['about', 'approximately', 'approx', 'roughly', 'around', 'nearly', 'almost', 'circa', 'ca']);
/** Words that bind a number after them into a larger expression the run does not show. */
export const BINDING_WORDS = new Set([
  'of', 'times', 'by', 'plus', 'minus', 'over', 'twice', 'half', 'double', 'triple', 'thrice', 'quarter', 'third',
  'square', 'squared', 'cube', 'cubed', 'root', 'sqrt', 'than', 'from', 'into', 'log', 'ln', 'sin', 'cos', 'tan', 'exp',
  'mod', 'modulo', 'per', 'less', 'more', 'least', 'most', 'under', 'divided', 'multiplied', 'add', 'added',
  'subtract', 'subtracted', 'between', 'every', 'each', 'ratio', 'fraction', 'inverse', 'reciprocal', 'not', 'pi',
]);
/** Words after a result that scale it. */
export const SCALE_WORDS = new Set([
  'hundred', 'thousand', 'million', 'millions', 'billion', 'billions', 'trillion', 'dozen', 'dozens', 'k', 'K', 'M',
  'B', 'bn', 'mn', 'm', 'lakh', 'crore', 'thousands', 'hundreds', 'percent', 'score', 'gross', 'half', 'quarter',
  'squared', 'cubed', 'times',
]);
/**
 * Words that name a thing by its number: `room 3 = x + 40`, `on day 2 * 3 = 12 pages`. The number
 * after them is a label, not an operand.
 */
export const LABEL_WORDS = new Set([
  'day', 'days', 'week', 'month', 'year', 'room', 'page', 'chapter', 'step', 'case', 'part', 'level', 'grade', 'floor',
  'round', 'game', 'stage', 'phase', 'question', 'problem', 'number', 'no', 'item', 'row', 'column', 'line', 'table',
  'lane', 'seat', 'gate', 'station', 'platform', 'episode', 'season', 'lesson', 'unit', 'section', 'test', 'quiz',
  'trial', 'turn', 'term', 'hole', 'track', 'exit', 'route', 'apartment', 'house', 'lot', 'block', 'version',
  'model', 'size', 'type', 'player', 'team', 'group', 'class', 'bus', 'flight', 'figure', 'box', 'bag', 'jar', 'shelf',
  'tank', 'week', 'hour', 'minute', 'lap', 'inning', 'quarter', 'period', 'card', 'ticket', 'box', 'basket', 'plot',
  'field', 'zone', 'area', 'region', 'district', 'ward', 'stop', 'store', 'shop', 'school', 'child', 'person', 'friend',
  'student', 'worker', 'machine', 'car', 'truck', 'train', 'tree', 'pile', 'batch', 'sample', 'option', 'plan',
  'account', 'candidate', 'equation', 'condition', 'rule', 'statement', 'scenario',
]);
export const OK_ATTACHED_BEFORE = new Set(['"', '“', "'", '‘', '[', '*', '`', '→', '⇒', '∴']);
export const OK_ATTACHED_AFTER = new Set(['.', ',', ';', '!', '?', '"', '”', '’', "'", ']', '`', '*', '→', '⇒']);
export const BAD_SPACED_BEFORE = new Set(['/', '^', '_', '¿', '√', '±', '…', '‾', '≠', '<', '>', '|', '°', '–', '—', '=', '≈']);
export const BAD_SPACED_AFTER = new Set(['/', '^', '_', '¿', '√', '±', '‾', ':', '≠', '<', '>', '|', '°', '–', '—']);

export const isExprToken = (t: Token): boolean =>
  t.type === 'num' || t.type === 'op' || t.type === 'lparen' || t.type === 'rparen' || t.type === 'var' || t.type === 'percent' || t.type === 'root';

