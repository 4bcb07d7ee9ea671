// The server's side of the training-data log: which file, whether to record at all, and the
// records written when a person applies a correction, rejects one, or saves after applying.
// Failures are reported and never undo what the person did in the editor.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../document/types.ts';
import type { WrongVerdict } from '../engine/types.ts';
import { exportLogForEditor, logStatsForEditor } from '../export/editorRequests.ts';
import type { DeleteLogResult, ExportLogParams, ExportLogResult, LogLocation, LogStats } from '../protocol.ts';
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
  /** Records of corrections applied and not yet saved, by id. */
  private readonly pending = new Map<string, CorrectionRecord>();

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
    const { settings, workspaceFolders } = this.context();
    if (settings.log.path) return settings.log.path;
    const folder = workspaceFolders[0];
    if (settings.log.location === 'workspace' && folder?.startsWith('file:')) {
      return join(fileURLToPath(folder), '.lema-tutor', LOG_FILE_NAME);
    }
    return defaultLogPath();
  }

  private current: CorrectionStore | undefined;

  /** One store per log path; a new one only when the settings move the log. */
  private store(): CorrectionStore {
    const path = this.path;
    if (this.current?.path !== path) this.current = new CorrectionStore(path);
    return this.current;
  }

  async applied(session: DocumentSession, problem: Problem, verdict: WrongVerdict): Promise<void> {
    const record = this.record(session, problem, verdict, 'accepted');
    if (!record || !(await this.append(record))) return;
    this.pending.set(record.id, record);
    session.appliedCorrections.push({ recordId: record.id, problemIndex: problem.index, question: problem.question });
  }

  async rejected(session: DocumentSession, problem: Problem, verdict: WrongVerdict): Promise<void> {
    const record = this.record(session, problem, verdict, 'rejected');
    if (record) await this.append(record);
  }

  /** On save, the steps as the person left them become the human-verified correction. */
  async saved(session: DocumentSession): Promise<void> {
    const applied = session.appliedCorrections.splice(0);
    for (const { recordId, problemIndex, question } of applied) {
      const previous = this.pending.get(recordId);
      this.pending.delete(recordId);
      const problems = session.checked?.document.problems ?? [];
      const problem = problems[problemIndex]?.question === question ? problems[problemIndex] : problems.find((p) => p.question === question);
      if (!previous || !problem || !this.enabled) continue;
      const verified = humanVerifiedRecord(
        previous,
        problem.steps.map((step) => step.text),
        problem.finalAnswer?.value,
      );
      if (verified) await this.append(verified);
    }
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

  private record(session: DocumentSession, problem: Problem, verdict: WrongVerdict, action: 'accepted' | 'rejected') {
    if (!this.enabled) return undefined;
    const { settings, workspaceFolders } = this.context();
    try {
      return recordFromVerdict({
        problem,
        verdict,
        mode: settings.mode,
        relativePath: relativeDocumentPath(session.uri, workspaceFolders),
        action,
      });
    } catch (error) {
      this.report(`LeMa Tutor could not record this correction: ${(error as Error).message}`);
      return undefined;
    }
  }

  private append(record: CorrectionRecord): Promise<boolean> {
    const written = this.writes.then(() => this.appendNow(record));
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
