// workspace/executeCommand: what the code actions' commands do on the server.
import type { Problem } from '../document/types.ts';
import { correctionCommandArgsSchema, recordCommandArgsSchema, ServerCommands, type MarkLabel, type RecordCommandArgs } from '../protocol.ts';
import type { CorrectionLog } from './correctionLog.ts';
import type { LemaServer } from './lemaServer.ts';

export interface CommandReporter {
  /** To the output channel only. */
  log(message: string): void;
  /** Shown to the person: a decision of theirs could not be recorded. */
  warn(message: string): void;
}

export async function executeServerCommand(
  server: LemaServer,
  log: CorrectionLog,
  command: string,
  rawArgs: unknown,
  report: CommandReporter,
): Promise<void> {
  switch (command) {
    case ServerCommands.revealExplanation: {
      const parsed = correctionCommandArgsSchema.safeParse(rawArgs);
      if (!parsed.success) return report.log(`Ignoring ${command}: malformed arguments.`);
      const session = server.session(parsed.data.uri);
      const problem = session?.problem(parsed.data.problemIndex, parsed.data.contentKey);
      if (!session || !problem) return;
      session.revealed.add(problem.contentKey);
      server.publish(session);
      return;
    }
    case ServerCommands.markStepCorrect: {
      const args = recordArgs(command, rawArgs, report);
      if (!args) return;
      const session = server.session(args.uri);
      server.suppressions.add(args.contentKey, args.verdict.stepIndex, markLabel(args, session?.problem(args.problemIndex, args.contentKey)));
      if (session) server.publish(session);
      await log.rejected(args);
      return;
    }
    case ServerCommands.correctionApplied: {
      // The client applied the edit before this command, and the server may have re-checked the
      // new text already: the record comes from the arguments, which describe the text before.
      const args = recordArgs(command, rawArgs, report);
      if (args) await log.applied(args, server.session(args.uri));
      return;
    }
    default:
      report.log(`Unknown command ${command}.`);
  }
}

function recordArgs(command: string, raw: unknown, report: CommandReporter): RecordCommandArgs | undefined {
  const parsed = recordCommandArgsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0]?.path.join('.') || 'arguments';
  report.warn(`LeMa Tutor could not record the correction: ${command} came with malformed arguments (${where}).`);
  return undefined;
}

/** How a mark is listed in the LeMa Tutor view: from the arguments, with the heading and line when the document is open. */
function markLabel(args: RecordCommandArgs, open: Problem | undefined): MarkLabel {
  const step = args.problem.steps[args.verdict.stepIndex];
  const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
  const line = open?.steps[args.verdict.stepIndex]?.range.start.line;
  return {
    title: shorten(open?.title ?? args.problem.question),
    ...(step ? { stepText: shorten(step.text.replace(/\s+/g, ' ')) } : {}),
    ...(line !== undefined ? { line } : {}),
    uri: args.uri,
  };
}
