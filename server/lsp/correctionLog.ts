// The server's side of the training-data log: which file, whether to record at all, and the
// records written when a person applies a correction, rejects one, or saves after applying.
// Failures are reported and never undo what the person did in the editor.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportLogForEditor, logStatsForEditor } from '../export/editorRequests.ts';
import type { DeleteLogResult, ExportLogParams, ExportLogResult, LogLocation, LogStats, RecordCommandArgs } from '../protocol.ts';
import type { Settings } from '../settings.ts';
import { CorrectionStore } from '../store/correctionStore.ts';
import { defaultLogPath, LOG_FILE_NAME } from '../store/logPath.ts';
import { humanVerifiedRecord, recordFromVerdict, type CorrectionRecord } from '../store/record.ts';
import { relativeDocumentPath } from '../store/relativePath.ts';
import type { DocumentSession } from './documentSession.ts';

export interface LogContext {
  settings: Settings;
  trusted: boolean;
  workspaceFolders: readonly string[];
}

export class CorrectionLog {
  /** Appends in the order they were asked for; reads wait for them, so they see every record. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Records of corrections applied and not yet saved, by id, with whether their append succeeded. */
  private readonly pending = new Map<string, { record: CorrectionRecord; written: Promise<boolean> }>();
  /**
   * Commands already recorded, by action, document, version, problem and step: a command run twice
   * for the same version (a double click, a client retry) is one decision, recorded once.
   */
  private readonly recorded = new Set<string>();

  constructor(
    private readonly context: () => LogContext,
    private readonly report: (message: string) => void,
  ) {}

  /** Logging is on, and the workspace is trusted (an untrusted folder records nothing). */
  get enabled(): boolean {
    const { settings, trusted } = this.context();
    return settings.log.enabled && trusted;
  }

  /** The log file: `log.path`, else `.lema-tutor/` in the first workspace folder, else `~/.lema-tutor/`. */
  get path(): string {
    return this.where().path;
  }

  private where(): { path: string; confineTo?: string } {
    const { settings, workspaceFolders } = this.context();
    if (settings.log.path) return { path: settings.log.path };
    const folder = workspaceFolders[0];
    if (settings.log.location === 'workspace' && folder?.startsWith('file:')) {
      // The workspace's `.lema-tutor/` comes with the folder (a cloned repository): it must really be inside it.
      const root = fileURLToPath(folder);
      return { path: join(root, '.lema-tutor', LOG_FILE_NAME), confineTo: root };
    }
    return { path: defaultLogPath() };
  }

  private current: { store: CorrectionStore; confineTo?: string } | undefined;

  /** One store per log path; a new one only when the settings move the log. */
  private store(): CorrectionStore {
    const { path, confineTo } = this.where();
    if (this.current?.store.path !== path || this.current.confineTo !== confineTo) {
      this.current = { store: new CorrectionStore(path, { confineTo }), confineTo };
    }
    return this.current.store;
  }

  /**
   * A correction was applied. Everything comes from the command's arguments (the text has changed
   * since, and may have been re-checked already); `session` is there when the document is still open.
   */
  async applied(args: RecordCommandArgs, session: DocumentSession | undefined): Promise<void> {
    const record = this.record(args, 'accepted');
    if (!record) return;
    const written = this.append(record, args);
    if (session) {
      // Noted before the write finishes, so a save right after the command still verifies it.
      this.pending.set(record.id, { record, written });
      session.appliedCorrections.push({ recordId: record.id, problemIndex: args.problemIndex, question: args.problem.question });
    }
    await written;
  }

  async rejected(args: RecordCommandArgs): Promise<void> {
    const record = this.record(args, 'rejected');
    if (record) await this.append(record, args);
  }

  /**
   * On save, the steps as the person left them become the human-verified correction. Queued at
   * once (a request right after the save sees them); each is written only if the record it
   * supersedes was.
   */
  async saved(session: DocumentSession): Promise<void> {
    const applied = session.appliedCorrections.splice(0);
    const writes: Promise<boolean>[] = [];
    for (const { recordId, problemIndex, question } of applied) {
      const previous = this.pending.get(recordId);
      this.pending.delete(recordId);
      const problems = session.checked?.document.problems ?? [];
      const problem = problems[problemIndex]?.question === question ? problems[problemIndex] : problems.find((p) => p.question === question);
      if (!previous || !problem || !this.enabled) continue;
      const verified = humanVerifiedRecord(
        previous.record,
        problem.steps.map((step) => step.text),
        problem.finalAnswer?.value,
      );
      if (verified) writes.push(this.append(verified, undefined, previous.written));
    }
    await Promise.all(writes);
  }

  /** The document was closed: its unsaved corrections will never get a human-verified record. */
  closed(session: DocumentSession): void {
    for (const { recordId } of session.appliedCorrections.splice(0)) this.pending.delete(recordId);
  }

  async stats(): Promise<LogStats> {
    await this.writes;
    return logStatsForEditor(this.path);
  }

  async exportTo(params: ExportLogParams): Promise<ExportLogResult> {
    await this.writes;
    return exportLogForEditor(this.path, params);
  }

  async location(): Promise<LogLocation> {
    await this.writes;
    return { path: this.path, exists: await this.store().exists(), enabled: this.enabled };
  }

  async delete(): Promise<DeleteLogResult> {
    await this.writes;
    const path = this.path;
    return { deleted: await this.store().delete(), path };
  }

  private commandKey(args: RecordCommandArgs, action: CorrectionRecord['action']): string {
    return [action, args.uri, args.version, args.contentKey, args.verdict.stepIndex].join('\n');
  }

  private record(args: RecordCommandArgs, action: CorrectionRecord['action']): CorrectionRecord | undefined {
    if (!this.enabled) return undefined;
    const key = this.commandKey(args, action);
    if (this.recorded.has(key)) return undefined;
    const { settings, workspaceFolders } = this.context();
    try {
      const record = recordFromVerdict({
        problem: { ...args.problem, contentKey: args.contentKey },
        verdict: args.verdict,
        mode: settings.mode,
        relativePath: relativeDocumentPath(args.uri, workspaceFolders),
        action,
      });
      this.remember(key);
      return record;
    } catch (error) {
      this.report(`LeMa Tutor could not record the correction: ${(error as Error).message}`);
      return undefined;
    }
  }

  private remember(key: string): void {
    this.recorded.add(key);
    // Bounded: only recent commands can be repeated.
    if (this.recorded.size > 1000) this.recorded.delete(this.recorded.values().next().value!);
  }

  /**
   * Queues one record. `command`: the command it comes from (if its record cannot be written, it
   * may be run again). `onlyIf`: write it only if that earlier write succeeded.
   */
  private append(record: CorrectionRecord, command?: RecordCommandArgs, onlyIf?: Promise<boolean>): Promise<boolean> {
    const written = this.writes.then(async () => {
      // `onlyIf` is an earlier write in this same queue: settled by now.
      if (onlyIf && !(await onlyIf)) return false;
      const ok = await this.appendNow(record);
      if (!ok && command) this.recorded.delete(this.commandKey(command, record.action));
      return ok;
    });
    this.writes = written;
    return written;
  }

  private async appendNow(record: CorrectionRecord): Promise<boolean> {
    try {
      await this.store().append(record);
      return true;
    } catch (error) {
      // The edit in the editor has happened; only the record is lost, and the person is told.
      this.report(`LeMa Tutor could not record the correction: ${(error as Error).message}`);
      return false;
    }
  }
}
