// A small precedence parser from expression tokens to an AST. It accepts only what reads
// unambiguously as one expression; anything else (two numbers side by side, a dangling
// operator, unbalanced brackets, too many tokens, too deep nesting) is a parse failure.
import type { Exact } from './exact.ts';

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

export type ExprToken =
  | { type: 'num'; value: Exact; attached: boolean; ref: number }
  | { type: 'var'; name: string; attached: boolean; ref: number }
  | { type: 'op'; op: BinaryOp; attached: boolean; ref: number }
  | { type: 'lparen'; attached: boolean; ref: number }
  | { type: 'rparen'; attached: boolean; ref: number }
  | { type: 'percent'; attached: boolean; ref: number }
  | { type: 'root'; attached: boolean; ref: number };

export type Expr =
  | { kind: 'num'; value: Exact; ref: number }
  | { kind: 'var'; name: string }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'percent'; arg: Expr }
  /** The square root `√(a)`: exact only for perfect squares. */
  | { kind: 'root'; arg: Expr }
  | { kind: 'bin'; op: BinaryOp; left: Expr; right: Expr };

export const MAX_TOKENS = 300;
export const MAX_DEPTH = 48;

class ParseFailure extends Error {}
// One instance, thrown whenever parsing fails: building an Error (and its stack) per failure is costly.
const FAILURE = new ParseFailure('not an expression');

/** The AST of `tokens`, or undefined when they are not exactly one well-formed expression. */
export function parseExpression(tokens: readonly ExprToken[]): Expr | undefined {
  if (tokens.length === 0 || tokens.length > MAX_TOKENS) return undefined;
  const parser = new Parser(tokens);
  try {
    const expr = parser.sum();
    return parser.pos === tokens.length ? expr : undefined;
  } catch (error) {
    if (error instanceof ParseFailure || error instanceof RangeError) return undefined;
    throw error;
  }
}

// A class rather than closures: parsing runs for every claim, so it avoids per-call allocations.
class Parser {
  pos = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly ExprToken[]) {}

  private peek(): ExprToken | undefined {
    return this.tokens[this.pos];
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw FAILURE;
  }

  sum(): Expr {
    this.enter();
    let left = this.product();
    for (let t = this.peek(); t?.type === 'op' && (t.op === '+' || t.op === '-'); t = this.peek()) {
      this.pos++;
      left = { kind: 'bin', op: t.op, left, right: this.product() };
    }
    this.depth--;
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t?.type === 'op' && (t.op === '*' || t.op === '/')) {
        this.pos++;
        left = { kind: 'bin', op: t.op, left, right: this.unary() };
      } else return left;
    }
  }

  /** Implicit multiplication binds tighter than `*` and `/`: `4x / 6x` is (4x)/(6x). */
  private juxtaposed(): Expr {
    let left = this.power();
    for (;;) {
      const t = this.peek();
      // Only when written without a space: `2x`, `3(4 + 1)`, `(a)(b)`.
      if (t && t.attached && (t.type === 'var' || t.type === 'lparen') && endsOperand(this.tokens[this.pos - 1])) {
        left = { kind: 'bin', op: '*', left, right: this.power() };
      } else return left;
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t?.type === 'op' && (t.op === '-' || t.op === '+')) {
      this.pos++;
      this.enter();
      const arg = this.unary();
      this.depth--;
      return t.op === '-' ? { kind: 'neg', arg } : arg;
    }
    return this.juxtaposed();
  }

  private power(): Expr {
    const base = this.postfix();
    const t = this.peek();
    if (t?.type === 'op' && t.op === '^') {
      this.pos++;
      this.enter();
      // Right-associative (2^3^2 = 2^(3^2)); the exponent is one signed operand, so `k^2x^2` is
      // k²·x², never k^(2x²).
      const exponent = this.exponent();
      this.depth--;
      return { kind: 'bin', op: '^', left: base, right: exponent };
    }
    return base;
  }

  private exponent(): Expr {
    const t = this.peek();
    if (t?.type === 'op' && (t.op === '-' || t.op === '+')) {
      this.pos++;
      const arg = this.exponent();
      return t.op === '-' ? { kind: 'neg', arg } : arg;
    }
    return this.power();
  }

  private postfix(): Expr {
    let e = this.primary();
    while (this.peek()?.type === 'percent') {
      this.pos++;
      e = { kind: 'percent', arg: e };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) throw FAILURE;
    if (t.type === 'root') {
      this.pos++;
      this.enter();
      const arg = this.postfix();
      this.depth--;
      return { kind: 'root', arg };
    }
    if (t.type === 'num') {
      this.pos++;
      return { kind: 'num', value: t.value, ref: t.ref };
    }
    if (t.type === 'var') {
      this.pos++;
      return { kind: 'var', name: t.name };
    }
    if (t.type === 'lparen') {
      this.pos++;
      this.enter();
      const inner = this.sum();
      this.depth--;
      if (this.peek()?.type !== 'rparen') throw FAILURE;
      this.pos++;
      return inner;
    }
    throw FAILURE;
  }
}

function endsOperand(t: ExprToken | undefined): boolean {
  return t !== undefined && (t.type === 'num' || t.type === 'var' || t.type === 'rparen' || t.type === 'percent');
}

/** Whether the expression mentions a variable. */
export function hasVariable(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
      return false;
    case 'var':
      return true;
    case 'neg':
    case 'percent':
    case 'root':
      return hasVariable(e.arg);
    case 'bin':
      return hasVariable(e.left) || hasVariable(e.right);
  }
}

/** Names of the variables in `e`, in first-seen order. */
export function variablesOf(e: Expr, into: string[] = []): string[] {
  if (e.kind === 'var') {
    if (!into.includes(e.name)) into.push(e.name);
  } else if (e.kind === 'neg' || e.kind === 'percent' || e.kind === 'root') variablesOf(e.arg, into);
  else if (e.kind === 'bin') {
    variablesOf(e.left, into);
    variablesOf(e.right, into);
  }
  return into;
}

/** Whether `e` contains an operation (a bare number, possibly negated or a percentage, has none). */
export function hasOperation(e: Expr): boolean {
  return e.kind === 'bin' || e.kind === 'root' || (e.kind === 'neg' && hasOperation(e.arg)) || (e.kind === 'percent' && hasOperation(e.arg));
}
