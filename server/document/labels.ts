// Recognisers for the labels people write in solutions. Each works on one line (or one heading's
// text), never on the whole document. Bold (`**Step 1:**`) and italic forms are accepted.

const OPEN = String.raw`(?:\*\*|__|\*|_)?\s*`;
const CLOSE_THEN_COLON = String.raw`(?:(?:\*\*|__|\*|_)\s*:|:\s*(?:\*\*|__|\*|_)?)`;

/** `Step 3:`, `**Step 3:**`, `**Step 3**:`, `Step 3.`, `Step 3)`; not `Step 10 minutes` nor `Step 1.5`. */
const STEP_LABEL = new RegExp(
  String.raw`^${OPEN}step\s*(\d{1,4})\s*(?:(?:\*\*|__|\*|_)\s*[:.)\-–—]?|(?:[:)\-–—]|\.(?!\d))\s*(?:\*\*|__|\*|_)?)[ \t]*`,
  'i',
);
const QUESTION_LABEL = new RegExp(String.raw`^${OPEN}(?:question|problem)(?:\s*#?\d{1,4})?\s*${CLOSE_THEN_COLON}[ \t]*`, 'i');
const SOLUTION_LABEL = new RegExp(
  String.raw`^${OPEN}(?:(?:original|correct|corrected)\s+)?(?:solution|steps|working|reasoning)\s*(?:${CLOSE_THEN_COLON}|(?:\*\*|__)|$)[ \t]*`,
  'i',
);
const ANSWER_LABEL = new RegExp(String.raw`^${OPEN}(?:final\s+)?answer\s*${CLOSE_THEN_COLON}[ \t]*`, 'i');
// `(?:\s*,)?\s+`, not `\s*,?\s+`: the latter splits a run of spaces between two quantifiers in
// quadratically many ways before failing (1.3 s on "so" and 32k spaces); this form is linear.
const ANSWER_IS_LINE = /^(?:(?:so|thus|therefore|hence)(?:\s*,)?\s+)?(?:the\s+)?(?:final\s+)?answer\s+is\b\s*:?\s*/i;
const ANSWER_IS_ANYWHERE = /\bthe\s+(?:final\s+)?answer\s+is\b\s*:?\s*/gi;

const SOLUTION_HEADING = /^(?:(?:original|correct|corrected)\s+)?(?:solution|steps|working|work|reasoning)s?\s*:?$/i;
const QUESTION_HEADING = /^(?:question|problem)\s*:?$/i;
const STEP_HEADING = /^step\s*(\d{1,4})\b\s*[:.)\-–—]?\s*/i;
/** A bare value: `72`, `-3`, `$1,250.50`, `3/4`, `15%`, `$\frac{3}{4}$`, `\boxed{7}`. */
const VALUE = /^[-+−]?\s*(?:\\?\$)?\s*[-+−]?\d[\d,]*(?:\.\d+)?(?:\s*\/\s*\d+)?\s*(?:%|[a-zA-Z]{1,12})?$|^\$[^$]{1,60}\$$|^\\(?:boxed|frac|dfrac)\{/;

export interface LabelMatch {
  /** Length of the label, including the space after it. */
  length: number;
}

export function matchStepLabel(line: string): (LabelMatch & { number: number }) | undefined {
  const match = STEP_LABEL.exec(line);
  return match ? { length: match[0].length, number: Number(match[1]) } : undefined;
}

export function matchQuestionLabel(line: string): LabelMatch | undefined {
  const match = QUESTION_LABEL.exec(line);
  return match ? { length: match[0].length } : undefined;
}

export function matchSolutionLabel(line: string): LabelMatch | undefined {
  const match = SOLUTION_LABEL.exec(line);
  return match ? { length: match[0].length } : undefined;
}

export const isSolutionHeading = (text: string): boolean => SOLUTION_HEADING.test(text);
export const isQuestionHeading = (text: string): boolean => QUESTION_HEADING.test(text);
export function matchStepHeading(text: string): LabelMatch | undefined {
  const match = STEP_HEADING.exec(text);
  return match ? { length: match[0].length } : undefined;
}
export const isAnswerValue = (text: string): boolean => text.length <= 80 && VALUE.test(text.trim());

export interface AnswerSpan {
  /** Offsets into the searched text. */
  start: number;
  end: number;
  form: 'the-answer-is' | 'answer-label' | 'boxed';
}

/** A line that is only a final answer: `The answer is 72.`, `**Answer:** 72`, `\boxed{72}`. */
export function matchStandaloneAnswer(line: string): AnswerSpan | undefined {
  const label = ANSWER_LABEL.exec(line);
  const sentence = label ? undefined : ANSWER_IS_LINE.exec(line);
  if (!label && !sentence) {
    const trimmed = line.replace(/^\$+|\$+$/g, '').trim();
    return trimmed.startsWith('\\boxed{') ? findBoxed(line) : undefined;
  }
  return findBoxed(line) ?? valueAfter(line, (label ?? sentence)![0].length, label ? 'answer-label' : 'the-answer-is');
}

/** The final answer inside a step: `\boxed{X}` (the last one), else the last `the answer is X`. */
export function findAnswerInStep(text: string): AnswerSpan | undefined {
  const boxed = findBoxed(text);
  if (boxed) return boxed;
  let last: RegExpExecArray | undefined;
  for (const match of text.matchAll(ANSWER_IS_ANYWHERE)) last = match as RegExpExecArray;
  if (last) return valueAfter(text, last.index + last[0].length, 'the-answer-is');
  const label = ANSWER_LABEL.exec(text);
  return label ? valueAfter(text, label[0].length, 'answer-label') : undefined;
}

/** The value from `from` to the end of its sentence or line, without a final `.` or bold markers. */
function valueAfter(text: string, from: number, form: AnswerSpan['form']): AnswerSpan | undefined {
  let end = from;
  while (end < text.length) {
    const c = text[end]!;
    if (c === '\n' || c === '\r') break;
    if ((c === '.' || c === '!' || c === '?') && (end + 1 >= text.length || /\s/.test(text[end + 1]!))) break;
    end++;
  }
  let start = from;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  // `**72**` and a `**Answer:** 72**`-style leftover: drop emphasis markers around the value.
  while (start < end && (text[start] === '*' || text[start] === '_')) start++;
  while (end > start && (text[end - 1] === '*' || text[end - 1] === '_')) end--;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end, form } : undefined;
}

const MAX_BOXED = 2000;

/** The contents of the last `\boxed{...}` with balanced braces (linear, however deep). */
export function findBoxed(text: string): AnswerSpan | undefined {
  let at = text.lastIndexOf('\\boxed{');
  // Bounded: a few candidates, each at most MAX_BOXED long, so garbage cannot make this quadratic.
  for (let attempt = 0; at !== -1 && attempt < 8; attempt++) {
    const open = at + '\\boxed{'.length;
    const limit = Math.min(text.length, open + MAX_BOXED);
    let depth = 1;
    let i = open;
    for (; i < limit && depth > 0; i++) {
      const c = text[i];
      if (c === '\\') i++; // `\{` and `\}` are literal braces
      else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    if (depth === 0) {
      const end = i - 1;
      let start = open;
      let stop = end;
      while (start < stop && /\s/.test(text[start]!)) start++;
      while (stop > start && /\s/.test(text[stop - 1]!)) stop--;
      if (stop > start) return { start, end: stop, form: 'boxed' };
    }
    at = at === 0 ? -1 : text.lastIndexOf('\\boxed{', at - 1);
  }
  return undefined;
}
