// workspace/executeCommand: what the code actions' commands do on the server.
import { correctionCommandArgsSchema, ServerCommands } from '../protocol.ts';
import type { CorrectionLog } from './correctionLog.ts';
import type { LemaServer } from './lemaServer.ts';

export async function executeServerCommand(
  server: LemaServer,
  log: CorrectionLog,
  command: string,
  rawArgs: unknown,
  report: (message: string) => void,
): Promise<void> {
  const parsed = correctionCommandArgsSchema.safeParse(rawArgs);
  if (!parsed.success) {
    report(`Ignoring ${command}: malformed arguments.`);
    return;
  }
  const args = parsed.data;
  const session = server.session(args.uri);
  const problem = session?.problem(args.problemIndex, args.contentKey);
  if (!session || !problem) return;
  const flagged = server.flagged(session).find((f) => f.problem.contentKey === problem.contentKey);

  switch (command) {
    case ServerCommands.revealExplanation:
      session.revealed.add(problem.contentKey);
      server.publish(session);
      return;
    case ServerCommands.markStepCorrect:
      if (!flagged) return;
      server.suppressions.add(problem.contentKey, flagged.verdict.stepIndex);
      server.publish(session);
      await log.rejected(session, problem, flagged.verdict);
      return;
    case ServerCommands.correctionApplied:
      // The edit was applied by the client before this command ran; the verdict is still the
      // one for the text before the edit, which is what the record must describe.
      if (flagged) await log.applied(session, problem, flagged.verdict);
      return;
    default:
      report(`Unknown command ${command}.`);
  }
}
