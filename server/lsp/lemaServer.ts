// The server's behaviour, independent of the transport: documents in, diagnostics, hovers and code
// actions out. `startServer.ts` connects it to LSP messages; this class never touches the wire.
import type { CodeAction, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentChecker } from '../check/documentChecker.ts';
import { mistakeDiagnostic, skippedDiagnostic, type MistakeDiagnosticData } from '../diagnostics/buildDiagnostics.ts';
import type { Problem } from '../document/types.ts';
import type { WrongVerdict } from '../engine/types.ts';
import type { EngineState, ProblemSummary } from '../protocol.ts';
import { defaultSettings, type Settings } from '../settings.ts';
import { EmbeddedEngine } from '../verify/embeddedEngine.ts';
import { mistakeCodeActions } from './codeActions.ts';
import { Debouncer } from './debouncer.ts';
import { DocumentSession } from './documentSession.ts';
import { finalVerdict } from './finalVerdict.ts';
import { contains, mistakeHover } from './hover.ts';
import { Suppressions } from './suppressions.ts';

export interface ServerHost {
  publishDiagnostics(uri: string, version: number, diagnostics: Diagnostic[]): void;
  sendEngineState(state: EngineState): void;
  log(message: string): void;
  getDocument(uri: string): TextDocument | undefined;
}

export interface FlaggedProblem {
  problem: Problem;
  verdict: WrongVerdict;
}

export class LemaServer {
  settings: Settings = defaultSettings;
  readonly checker = new DocumentChecker(new EmbeddedEngine());
  private readonly sessions = new Map<string, DocumentSession>();
  private readonly debouncer = new Debouncer();
  /** Server-side milliseconds of the last check, for benchmarks and the log. */
  lastCheckMs = 0;

  constructor(
    private readonly host: ServerHost,
    readonly suppressions: Suppressions,
  ) {}

  session(uri: string): DocumentSession | undefined {
    return this.sessions.get(uri);
  }

  opened(document: TextDocument): void {
    this.sessions.set(document.uri, new DocumentSession(document.uri, this.checker.createParser()));
    this.checkNow(document);
  }

  changed(document: TextDocument): void {
    this.debouncer.schedule(document.uri, this.settings.debounceMs, () => {
      const latest = this.host.getDocument(document.uri);
      if (latest) this.checkNow(latest);
    });
  }

  closed(uri: string): void {
    this.debouncer.cancel(uri);
    this.sessions.delete(uri);
    this.host.publishDiagnostics(uri, 0, []);
  }

  /** Checks a document now and publishes its diagnostics. */
  checkNow(document: TextDocument): FlaggedProblem[] {
    let session = this.sessions.get(document.uri);
    if (!session) {
      session = new DocumentSession(document.uri, this.checker.createParser());
      this.sessions.set(document.uri, session);
    }
    const started = performance.now();
    session.checked = this.checker.check(document.getText(), session.parser);
    session.version = document.version;
    const flagged = this.publish(session);
    this.lastCheckMs = performance.now() - started;
    return flagged;
  }

  /** Rebuilds and publishes the diagnostics of a session from what is known now. */
  publish(session: DocumentSession): FlaggedProblem[] {
    const current = this.host.getDocument(session.uri);
    // Results computed for an older version are dropped: a newer check is on its way.
    if (current && current.version !== session.version) return [];
    const flagged = this.flagged(session);
    const diagnostics = flagged.map(({ problem, verdict }) =>
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

  republishAll(): void {
    for (const session of this.sessions.values()) this.publish(session);
  }

  flagged(session: DocumentSession): FlaggedProblem[] {
    const result: FlaggedProblem[] = [];
    for (const { problem, verdict } of session.checked?.problems ?? []) {
      const model = session.modelVerdicts.get(problem.contentKey);
      const wrong = finalVerdict(problem, verdict, model, this.suppressions);
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
    for (const { problem, verdict } of this.flagged(session)) {
      const step = problem.steps[verdict.stepIndex];
      if (step && contains(step.range, position)) return mistakeHover(problem, verdict, this.isRevealed(session, problem));
    }
    return undefined;
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
    const session = this.sessions.get(uri);
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

  summaries(uri: string): ProblemSummary[] {
    const session = this.sessions.get(uri);
    if (!session?.checked) return [];
    const flagged = new Map(this.flagged(session).map((f) => [f.problem.index, f.verdict]));
    return session.checked.problems.map(({ problem, verdict }) => {
      const wrong = flagged.get(problem.index);
      return {
        index: problem.index,
        title: problem.title ?? problem.question.slice(0, 80),
        line: problem.range.start.line,
        status: wrong ? 'wrong' : verdict.status === 'wrong' ? 'unknown' : verdict.status,
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
