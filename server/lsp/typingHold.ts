// Holds back the diagnostic of a step while it is being typed, as spell checkers do for the word under
// the cursor: `7 * 8 = 5` is half of `7 * 8 = 56`, not a mistake. LSP has no cursor notification, so
// the client reports the cursor line (Notifications.cursorMoved); the line being typed is where the
// cursor was when the text last changed. It is released when the cursor leaves that line, or when the
// caller says the pause was long enough (the server's reveal timer).
import type { Range } from '../document/types.ts';

interface Caret {
  /** The cursor line the client last reported. */
  line?: number;
  /** The line being typed: the cursor line at the last edit, until the cursor leaves it. */
  typing?: number;
}

export class TypingHold {
  private readonly carets = new Map<string, Caret>();

  /** The cursor moved. Returns true when this released a line being typed (republish). */
  moved(uri: string, line: number): boolean {
    const caret = this.caret(uri);
    caret.line = line;
    if (caret.typing === undefined || caret.typing === line) return false;
    caret.typing = undefined;
    return true;
  }

  /** The text changed: the cursor's line, when known, is being typed. */
  edited(uri: string): void {
    const caret = this.carets.get(uri);
    if (caret?.line !== undefined) caret.typing = caret.line;
  }

  /** The pause was long enough: judge the line. Returns true when something was held. */
  release(uri: string): boolean {
    const caret = this.carets.get(uri);
    if (caret?.typing === undefined) return false;
    caret.typing = undefined;
    return true;
  }

  /** Whether a diagnostic on `range` waits: it covers the line being typed. */
  holds(uri: string, range: Range): boolean {
    const typing = this.carets.get(uri)?.typing;
    return typing !== undefined && range.start.line <= typing && typing <= range.end.line;
  }

  forget(uri: string): void {
    this.carets.delete(uri);
  }

  private caret(uri: string): Caret {
    let caret = this.carets.get(uri);
    if (!caret) this.carets.set(uri, (caret = {}));
    return caret;
  }
}
