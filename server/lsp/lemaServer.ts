// The server's behaviour, independent of the transport: documents in, diagnostics, hovers and code
// actions out. `startServer.ts` connects it to LSP messages; this class never touches the wire.
import type { CodeAction, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckCancelled, runInSlices } from '../check/checkInSlices.ts';
import { DocumentChecker, type CheckedDocument } from '../check/documentChecker.ts';
import { mistakeDiagnostic, skippedDiagnostic, type MistakeDiagnosticData } from '../diagnostics/buildDiagnostics.ts';
import type { Problem } from '../document/types.ts';
import { combineVerdicts } from '../engine/combineVerdicts.ts';
import type { Verdict, WrongVerdict } from '../engine/types.ts';
import type { ScheduleReason } from '../model/modelScheduler.ts';
import type { FileStatus, ProblemSummary } from '../protocol.ts';
import { defaultSettings, type Settings } from '../settings.ts';
import { EmbeddedEngine } from '../verify/embeddedEngine.ts';
import { mistakeCodeActions } from './codeActions.ts';
import { Debouncer } from './debouncer.ts';
import { DocumentSession } from './documentSession.ts';
import { checkedFileVerdict, fileExcluded, type FileVerdict } from './fileFilter.ts';
import { finalVerdict } from './finalVerdict.ts';
import { contains, mistakeHover } from './hover.ts';
import type { ModelIntegration } from './modelIntegration.ts';
import { pendingModelVerdict } from './pendingModelVerdict.ts';
import { Suppressions } from './suppressions.ts';
import { TypingHold } from './typingHold.ts';

export interface ServerHost {
  publishDiagnostics(uri: string, version: number, diagnostics: Diagnostic[]): void;
  getDocument(uri: string): TextDocument | undefined;
}

/** What a document that is not a solution holds for the server: nothing. */
const notChecked: CheckedDocument = { document: { problems: [], skipped: [] }, problems: [] };

export interface FlaggedProblem {
  problem: Problem;
  verdict: WrongVerdict;
}

export class LemaServer {
  settings: Settings = defaultSettings;
  /** Workspace folder URIs; `files.include` / `files.exclude` match paths relative to them. */
  workspaceFolders: readonly string[] = [];
  readonly checker = new DocumentChecker(new EmbeddedEngine());
  private readonly sessions = new Map<string, DocumentSession>();
  private readonly debouncer = new Debouncer();
  /** The step being typed waits for the cursor to leave it (settings.hideIssuesWhileTyping). */
  private readonly typing = new TypingHold();
  /** Whether each open document is checked, and why not (for the LeMa Tutor view). */
  private readonly fileStatuses = new Map<string, FileStatus['status']>();

  constructor(
    private readonly host: ServerHost,
    readonly suppressions: Suppressions,
    readonly model?: ModelIntegration,
  ) {}

  session(uri: string): DocumentSession | undefined {
    return this.sessions.get(uri);
  }

  /** Checks a newly opened document in slices; resolves once its diagnostics are published (or it was superseded). */
  opened(document: TextDocument): Promise<void> {
    this.sessions.set(document.uri, new DocumentSession(document.uri, this.checker.createMemo()));
    return this.checkInBackground(document).then((done) => {
      if (done && this.settings.model.trigger !== 'command') this.askModel(document.uri, 'open');
    });
  }

  changed(document: TextDocument): void {
    this.holdWhileTyping(document.uri);
    this.debouncer.schedule(document.uri, this.settings.debounceMs, () => {
      const latest = this.host.getDocument(document.uri);
      if (!latest) return;
      // Requests for problems edited since are dropped; new text waits for the trigger.
      void this.checkInBackground(latest).then((done) => done && this.askModel(latest.uri, 'edit'));
    });
    if (this.model?.active && this.settings.model.trigger === 'pause') {
      this.debouncer.schedule(`model:${document.uri}`, this.settings.model.pauseMs, () => this.askModel(document.uri, 'pause'));
    }
  }

  saved(uri: string): void {
    if (this.settings.model.trigger === 'openAndSave') this.askModel(uri, 'save');
  }

  /** The client says where the cursor is: leaving the line being typed reveals its diagnostic. */
  cursorMoved(uri: string, line: number): void {
    const session = this.sessions.get(uri);
    if (session) session.cursorLine = line;
    if (!this.typing.moved(uri, line)) return;
    this.debouncer.cancel(`reveal:${uri}`);
    if (session) this.publish(session);
  }

  private holdWhileTyping(uri: string): void {
    if (!this.settings.hideIssuesWhileTyping) return;
    this.typing.edited(uri);
    // A long enough pause also reveals it; the check itself is not delayed, only what is shown.
    this.debouncer.schedule(`reveal:${uri}`, this.settings.debounceMs + this.settings.revealIssuesAfterDelayMs, () => {
      const session = this.sessions.get(uri);
      if (this.typing.release(uri) && session) this.publish(session);
    });
  }

  /** Runs a check still waiting out the typing pause, so what follows sees the current text. */
  flushPendingCheck(uri: string): void {
    const document = this.host.getDocument(uri);
    const session = this.sessions.get(uri);
    if (!document || !session || session.version === document.version) return;
    this.debouncer.cancel(uri);
    this.checkNow(document);
    this.askModel(uri, 'edit');
  }

  /** Drops what is kept for a document that is not open, leaving its diagnostics published. */
  forgetSession(uri: string): void {
    this.sessions.delete(uri);
    this.fileStatuses.delete(uri);
  }

  closed(uri: string): void {
    this.debouncer.cancel(uri);
    this.debouncer.cancel(`model:${uri}`);
    this.debouncer.cancel(`reveal:${uri}`);
    this.typing.forget(uri);
    this.fileStatuses.delete(uri);
    this.model?.forget(uri);
    this.sessions.delete(uri);
    this.host.publishDiagnostics(uri, 0, []);
  }

  /**
   * Hands the document's current problems to the model scheduler. `edit` only withdraws requests
   * for text that changed; the other reasons also ask about problems the model has not seen.
   */
  askModel(uri: string, reason: ScheduleReason | 'edit'): void {
    const session = this.sessions.get(uri);
    const problems = session?.checked?.document.problems;
    if (!this.model?.active || !session || !problems) return;
    if (reason === 'edit') {
      this.model.retain(uri, problems);
      return;
    }
    this.model.schedule(uri, problems, reason, this.cursorProblem(session));
  }

  /** A model verdict arrived (or the model named the step before explaining it). */
  modelVerdict(uri: string, contentKey: string, verdict: Verdict): void {
    const session = this.sessions.get(uri);
    if (!session) return;
    session.modelVerdicts.set(contentKey, verdict);
    this.publish(session);
  }

  /** The model engine was rebuilt or switched off: what it said no longer applies; ask the new one. */
  modelReset(): void {
    for (const session of this.sessions.values()) {
      session.modelVerdicts.clear();
      // The text has not changed: no new read, only the new engine's cached verdicts and a publish.
      this.adoptCachedVerdicts(session);
      this.publish(session);
      if (this.settings.model.trigger !== 'command') this.askModel(session.uri, 'open');
    }
  }

  modelEarlyStep(uri: string, contentKey: string, stepIndex: number): void {
    const session = this.sessions.get(uri);
    // An 'unknown' (a broken or unusable earlier answer) gives way to the new answer's step.
    if (!session || !this.model?.active || (session.modelVerdicts.get(contentKey)?.status ?? 'unknown') !== 'unknown') return;
    const engine = this.model.engineInfo;
    if (engine) this.modelVerdict(uri, contentKey, pendingModelVerdict(engine, stepIndex));
  }

  /** The problem the person is working on: the last place they hovered or asked for actions. */
  private cursorProblem(session: DocumentSession): number | undefined {
    const line = session.cursorLine;
    if (line === undefined) return undefined;
    const problems = session.checked?.document.problems ?? [];
    const index = problems.findIndex((p) => p.range.start.line <= line && line <= p.range.end.line);
    return index >= 0 ? index : undefined;
  }

  private sessionFor(uri: string): DocumentSession {
    let session = this.sessions.get(uri);
    if (!session) {
      session = new DocumentSession(uri, this.checker.createMemo());
      this.sessions.set(uri, session);
    }
    return session;
  }

  /** Checks a document now, in one go, and publishes its diagnostics; a check running in slices is dropped. */
  checkNow(document: TextDocument): FlaggedProblem[] {
    const session = this.sessionFor(document.uri);
    const generation = ++session.checkGeneration;
    const excluded = this.excluded(document);
    if (excluded) return this.applyCheck(session, generation, document, notChecked, excluded);
    return this.applyCheck(session, generation, document, this.checker.check(document.getText(), session.memo));
  }

  private excluded(document: TextDocument): FileVerdict | undefined {
    return fileExcluded(document.uri, document.getText(), this.settings, this.workspaceFolders);
  }

  /**
   * Checks a document in slices of bounded work (checkInSlices.ts), so that other requests are
   * answered while a large document is read; the result equals `checkNow`'s. A newer check of the
   * same document, or closing it, cancels this one: it then resolves false and publishes nothing.
   */
  checkInBackground(document: TextDocument): Promise<boolean> {
    const session = this.sessionFor(document.uri);
    const generation = ++session.checkGeneration;
    const superseded = () => session.checkGeneration !== generation || this.sessions.get(session.uri) !== session;
    const excluded = this.excluded(document);
    if (excluded) {
      this.applyCheck(session, generation, document, notChecked, excluded);
      return Promise.resolve(true);
    }
    return runInSlices(this.checker.checkInSteps(document.getText(), session.memo), superseded).then(
      (checked) => {
        this.applyCheck(session, generation, document, checked);
        return true;
      },
      (error: unknown) => {
        if (error instanceof CheckCancelled) return false;
        throw error;
      },
    );
  }

  private applyCheck(session: DocumentSession, generation: number, document: TextDocument, checked: CheckedDocument, excluded?: FileVerdict): FlaggedProblem[] {
    if (session.checkGeneration !== generation) return [];
    // Not a solution (excluded, opted out, no problem with steps): no hints, nothing for the model.
    const file = excluded ?? checkedFileVerdict(checked);
    this.fileStatuses.set(document.uri, file.checked ? 'checked' : file.reason);
    session.checked = file.checked ? checked : notChecked;
    session.version = document.version;
    this.adoptCachedVerdicts(session);
    return this.publish(session);
  }

  /** Reopening or undoing to known text: the cached model verdicts apply at once, no request. */
  private adoptCachedVerdicts(session: DocumentSession): void {
    if (!this.model?.active || !session.checked) return;
    for (const { problem } of session.checked.problems) {
      if (session.modelVerdicts.has(problem.contentKey)) continue;
      const cached = this.model.cached(problem);
      if (cached) session.modelVerdicts.set(problem.contentKey, cached);
    }
  }

  /** Rebuilds and publishes the diagnostics of a session from what is known now. */
  publish(session: DocumentSession): FlaggedProblem[] {
    const current = this.host.getDocument(session.uri);
    // Results computed for an older version are dropped: a newer check is on its way.
    if (current && current.version !== session.version) return [];
    const flagged = this.flagged(session);
    const diagnostics = flagged.filter((f) => !this.heldBack(session.uri, f)).map(({ problem, verdict }) =>
      mistakeDiagnostic(problem, verdict, {
        uri: session.uri,
        severity: this.settings.severity,
        revealed: this.isRevealed(session, problem),
      }),
    );
    for (const skipped of session.checked?.document.skipped ?? []) diagnostics.push(skippedDiagnostic(skipped));
    this.host.publishDiagnostics(session.uri, session.version, diagnostics);
    return flagged;
  }

  /** The step being typed is not judged yet (its verdict still counts everywhere else). */
  private heldBack(uri: string, { problem, verdict }: FlaggedProblem): boolean {
    if (!this.settings.hideIssuesWhileTyping) return false;
    return this.typing.holds(uri, problem.steps[verdict.stepIndex]?.fullRange ?? problem.range);
  }

  /** Republishes every open document (a "step is correct" mark was undone). */
  publishAll(): void {
    for (const session of this.sessions.values()) this.publish(session);
  }

  flagged(session: DocumentSession): FlaggedProblem[] {
    const result: FlaggedProblem[] = [];
    for (const { problem, verdict } of session.checked?.problems ?? []) {
      const model = session.modelVerdicts.get(problem.contentKey);
      const wrong = finalVerdict(problem, verdict, model, this.suppressions, this.settings.engine);
      if (wrong) result.push({ problem, verdict: wrong });
    }
    return result;
  }

  isRevealed(session: DocumentSession, problem: Problem): boolean {
    return this.settings.mode === 'reveal' || session.revealed.has(problem.contentKey);
  }

  hover(uri: string, position: Position): Hover | undefined {
    const session = this.sessions.get(uri);
    if (!session) return undefined;
    session.cursorLine = position.line;
    for (const { problem, verdict } of this.flagged(session)) {
      const step = problem.steps[verdict.stepIndex];
      if (step && contains(step.range, position)) return mistakeHover(problem, verdict, this.isRevealed(session, problem));
    }
    return undefined;
  }

  codeActions(uri: string, diagnostics: Diagnostic[], cursorLine?: number): CodeAction[] {
    const session = this.sessions.get(uri);
    // Editors ask for code actions wherever the cursor goes: the best cursor signal LSP has.
    if (session && cursorLine !== undefined) session.cursorLine = cursorLine;
    const document = this.host.getDocument(uri);
    if (!session || !document || document.version !== session.version) return [];
    const flagged = this.flagged(session);
    const actions: CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      const data = diagnostic.data as MistakeDiagnosticData | undefined;
      if (!data || typeof data.contentKey !== 'string') continue;
      const match = flagged.find((f) => f.problem.index === data.problemIndex && f.problem.contentKey === data.contentKey);
      if (!match) continue;
      actions.push(
        ...mistakeCodeActions({
          uri,
          version: document.version,
          text: document.getText(),
          problem: match.problem,
          verdict: match.verdict,
          diagnostic,
          mode: this.settings.mode,
          revealed: this.isRevealed(session, match.problem),
        }),
      );
    }
    return actions;
  }

  fileStatus(uri: string): FileStatus {
    return { status: this.fileStatuses.get(uri) ?? 'unknown' };
  }

  summaries(uri: string): ProblemSummary[] {
    const session = this.sessions.get(uri);
    if (!session?.checked) return [];
    const flagged = new Map(this.flagged(session).map((f) => [f.problem.index, f.verdict]));
    return session.checked.problems.map(({ problem, verdict }) => {
      const wrong = flagged.get(problem.index);
      // Flagged, but the person said the step is correct: their decision, not "nothing proven".
      const combined = wrong ? undefined : combineVerdicts(verdict, session.modelVerdicts.get(problem.contentKey), problem);
      const marked = combined?.status === 'wrong' && this.suppressions.has(problem.contentKey, combined.stepIndex);
      return {
        index: problem.index,
        title: problem.title ?? problem.question.slice(0, 80),
        line: problem.range.start.line,
        status: wrong ? 'wrong' : marked ? 'marked' : verdict.status === 'wrong' ? 'unknown' : verdict.status,
        ...(marked ? { stepIndex: combined.stepIndex } : {}),
        ...(wrong
          ? { stepIndex: wrong.stepIndex, kind: wrong.kind, engine: wrong.engine.kind === 'embedded' ? 'embedded' : wrong.engine.model }
          : {}),
      };
    });
  }

  dispose(): void {
    this.debouncer.dispose();
  }
}
