// Reads the blocks of one problem section in order and collects its question, steps and final
// answer as source offsets. The section is claimed by a heading or a `Question:` label; sections
// nobody claimed become problems only when they plainly hold steps after a question.
import type { HeadingItem, LineItem, ListItems, OtherBlock } from './markdownBlocks.ts';
import type { KeptProblem } from './pieceMemo.ts';
import type { FinalAnswerForm, StepStyle } from './types.ts';
import { matchSolutionLabel, matchStandaloneAnswer, matchStepLabel } from './labels.ts';

export interface RawStep {
  fullStart: number;
  textStart: number;
  textEnd: number;
}
export interface RawAnswer {
  start: number;
  end: number;
  form: FinalAnswerForm;
}
interface QuestionSpan {
  start: number;
  end: number;
  paragraph: number;
}
export interface RawProblem {
  kind: 'problem';
  start: number;
  end: number;
  heading?: HeadingItem;
  question: QuestionSpan[];
  steps: RawStep[];
  style: StepStyle;
  /** A final answer standing on its own line (not inside a step). */
  answer?: RawAnswer;
  /** The editor's built contents of this problem, valid while no directive bears on it (parseSolutionDocument.ts). */
  kept?: KeptProblem;
}
export interface RawSkip {
  kind: 'skip';
  start: number;
  end: number;
  reason: string;
  heading?: HeadingItem;
}

type Mode = 'question' | 'lines' | 'labelled' | 'list' | 'done';

/** `{`, `}` and `...` lines frame LeMa solutions; they are not steps. */
const FRAME_LINE = /^(?:\{|\}|\.\.\.|…)$/;

export class ProblemBuilder {
  private mode: Mode = 'question';
  private style: StepStyle | undefined;
  private listOrdered: boolean | undefined;
  private readonly steps: RawStep[] = [];
  private readonly question: QuestionSpan[] = [];
  private answer: RawAnswer | undefined;
  /** The line a standalone answer was read from (a paragraph line, not a heading). */
  private answerLine: { start: number; end: number } | undefined;
  private label: { start: number; end: number } | undefined;
  private start = -1;
  private end = -1;

  constructor(readonly heading?: HeadingItem) {
    if (heading) this.touch(heading);
  }

  /** True while nothing but a heading has been read: a `Question:` label still belongs here. */
  get isBare(): boolean {
    return !this.label && this.question.length === 0 && this.steps.length === 0 && !this.answer;
  }

  get isDone(): boolean {
    return this.mode === 'done';
  }

  addQuestionLabel(line: LineItem, labelLength: number): void {
    this.touch(line);
    this.label = { start: line.start, end: line.end };
    this.mode = 'question';
    const start = skipSpaces(line.text, labelLength);
    if (start < line.text.length) this.question.push({ start: line.start + start, end: line.end, paragraph: line.paragraph });
  }

  /** A `## Question` heading right under the problem heading: what follows is the question. */
  addQuestionHeading(heading: HeadingItem): void {
    this.touch(heading);
    this.label = { start: heading.start, end: heading.end };
  }

  addLine(line: LineItem): void {
    const step = matchStepLabel(line.text);
    if (this.mode === 'done') {
      // `Therefore, the answer is 30.` inside a labelled step, with more steps after it: the
      // line was part of that step after all, not the final answer.
      if (!step || this.style !== 'labelled' || !this.answerLine) return;
      this.extendLastStep(this.answerLine.start, this.answerLine.end);
      this.answer = undefined;
      this.answerLine = undefined;
    }
    if (step) {
      this.startLabelled(line.start, line.start + step.length, line.end);
      this.touch(line);
      return;
    }
    const solution = this.mode === 'labelled' ? undefined : matchSolutionLabel(line.text);
    if (solution) {
      this.touch(line);
      this.mode = 'lines';
      this.style ??= 'lines';
      const rest = skipSpaces(line.text, solution.length);
      if (rest < line.text.length) this.addLineStep(line.start + rest, line.end);
      return;
    }
    if (this.steps.length > 0 || this.mayHaveImplicitSteps(line.paragraph)) {
      const answer = matchStandaloneAnswer(line.text);
      if (answer) {
        this.touch(line);
        this.answer = { start: line.start + answer.start, end: line.start + answer.end, form: answer.form };
        this.answerLine = { start: line.start, end: line.end };
        this.mode = 'done';
        return;
      }
    }
    switch (this.mode) {
      case 'question':
        this.touch(line);
        this.question.push({ start: line.start, end: line.end, paragraph: line.paragraph });
        break;
      case 'lines':
        this.touch(line);
        if (!FRAME_LINE.test(line.text)) this.addLineStep(line.start, line.end);
        break;
      case 'labelled':
        this.continueLastStep(line);
        break;
      case 'list':
        break; // commentary after a list of steps is not a step
    }
  }

  addList(list: ListItems): void {
    if (this.mode === 'done' || list.items.length === 0) return;
    if (this.mode === 'labelled') {
      this.continueLastStep(list);
      return;
    }
    if (this.mode === 'list' && this.listOrdered !== list.ordered) return;
    if (this.mode === 'question') {
      this.mode = 'list';
      this.style = list.ordered ? 'ordered-list' : 'bullet-list';
      this.listOrdered = list.ordered;
    }
    this.touch(list);
    for (const item of list.items) this.steps.push({ fullStart: item.start, textStart: item.textStart, textEnd: item.end });
  }

  addBlock(block: OtherBlock): void {
    switch (this.mode) {
      case 'question':
        this.touch(block);
        this.question.push({ start: block.start, end: block.end, paragraph: this.question.at(-1)?.paragraph ?? -1 });
        break;
      case 'labelled':
        this.continueLastStep(block);
        break;
      case 'lines':
        if (this.steps.length > 0) this.continueLastStep(block);
        else {
          this.touch(block);
          this.addLineStep(block.start, block.end);
        }
        break;
      default:
        break;
    }
  }

  /** `## Step 2` as a heading: the step's text follows on the heading line or below it. */
  addStepHeading(heading: HeadingItem, labelLength: number): void {
    if (this.mode === 'done') return;
    this.touch(heading);
    const textStart = Math.min(heading.textStart + labelLength, heading.textStart + heading.text.length);
    this.startLabelled(heading.start, textStart, heading.textStart + heading.text.length);
  }

  /** A `Solution` heading: one step per line below it. */
  addSolutionHeading(heading: HeadingItem): void {
    if (this.mode === 'done') return;
    this.touch(heading);
    this.mode = 'lines';
    this.style ??= 'lines';
  }

  /** `#### 72` after the steps is GSM8K's final answer, not a new problem. */
  takesAnswerHeading(heading: HeadingItem): boolean {
    if (this.mode === 'done' || !this.hasStepsOrMayHave()) return false;
    return heading.depth >= 4 || (this.heading !== undefined && heading.depth > this.heading.depth);
  }

  addAnswerHeading(heading: HeadingItem): void {
    this.touch(heading);
    this.answer = { start: heading.textStart, end: heading.textStart + heading.text.length, form: 'gsm8k' };
    this.mode = 'done';
  }

  finish(): RawProblem | RawSkip | undefined {
    if (this.start < 0) return undefined;
    const claimed = this.heading !== undefined || this.label !== undefined;
    let question = this.question;
    if (this.steps.length === 0 && (claimed || this.answer)) question = this.takeImplicitSteps();
    if (this.steps.length === 0) {
      if (!claimed) return undefined;
      const claim = this.heading ?? this.label!;
      const where = this.heading ? 'under this heading' : 'after this label';
      return { kind: 'skip', start: claim.start, end: claim.end, reason: `no steps found ${where}`, heading: this.heading };
    }
    if (!claimed && question.length === 0) return undefined;
    return {
      kind: 'problem',
      start: this.start,
      end: this.end,
      heading: this.heading,
      question,
      steps: this.steps,
      style: this.style ?? 'lines',
      answer: this.answer,
    };
  }

  /** No explicit steps: the first paragraph is the question, each line after it a step. */
  private takeImplicitSteps(): QuestionSpan[] {
    const first = this.question[0];
    if (!first) return this.question;
    const question = this.question.filter((span) => span.paragraph === first.paragraph);
    for (const span of this.question.slice(question.length)) this.addLineStep(span.start, span.end);
    if (this.steps.length > 0) this.style = 'lines';
    return question;
  }

  private hasStepsOrMayHave(): boolean {
    const first = this.question[0];
    return this.steps.length > 0 || (first !== undefined && this.question.some((s) => s.paragraph !== first.paragraph));
  }

  private mayHaveImplicitSteps(paragraph: number): boolean {
    const first = this.question[0];
    return first !== undefined && (paragraph !== first.paragraph || this.hasStepsOrMayHave());
  }

  private startLabelled(fullStart: number, textStart: number, textEnd: number): void {
    this.mode = 'labelled';
    this.style ??= 'labelled';
    this.steps.push({ fullStart, textStart, textEnd: Math.max(textStart, textEnd) });
  }

  private addLineStep(start: number, end: number): void {
    this.steps.push({ fullStart: start, textStart: start, textEnd: end });
  }

  private extendLastStep(start: number, end: number): void {
    const last = this.steps.at(-1);
    if (!last) return;
    if (last.textEnd <= last.textStart) last.textStart = start; // a label alone on its line
    last.textEnd = Math.max(last.textEnd, end);
  }

  /** A line, list or block that belongs to the step above it (labelled steps run until the next label). */
  private continueLastStep(span: { start: number; end: number }): void {
    this.touch(span);
    this.extendLastStep(span.start, span.end);
  }

  private touch(span: { start: number; end: number }): void {
    if (this.start < 0) this.start = span.start;
    this.end = Math.max(this.end, span.end);
  }
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}
