// Which documents are solutions. A README or a benchmark report is markdown too, but it is not
// homework: its headings are not problems and its prose must never reach a model endpoint. A
// document is checked when its path matches `files.include` and not `files.exclude`, it has no
// `<!-- lema-tutor: off-file -->` line, and it holds at least one problem with steps. Anything else
// gets no diagnostics (not even "not checked" hints) and nothing of it is sent to a model.
import { Minimatch } from 'minimatch';
import type { CheckedDocument } from '../check/documentChecker.ts';
import type { Settings } from '../settings.ts';
import { offFileLines } from './offFileDirective.ts';

export type FileVerdict = { checked: true } | { checked: false; reason: 'excluded' | 'off-file' | 'no-problems' };

/**
 * What is decided before the document is read (its path, an `off-file` line), so that a README
 * or an opted-out file costs no read and no verification on each edit.
 */
export function fileExcluded(uri: string, text: string, settings: Settings, workspaceFolders: readonly string[]): FileVerdict | undefined {
  if (!pathIncluded(uri, settings.files, workspaceFolders)) return { checked: false, reason: 'excluded' };
  if (offFileLines(text).length > 0) return { checked: false, reason: 'off-file' };
  return undefined;
}

/** What only the read document tells: whether it holds a problem with steps. */
export function checkedFileVerdict(checked: CheckedDocument): FileVerdict {
  return checked.document.problems.some((problem) => problem.steps.length > 0) ? { checked: true } : { checked: false, reason: 'no-problems' };
}

/**
 * Globs match the path relative to its workspace folder. A file outside every folder has no such
 * path: a glob matches it when it matches the path relative to any folder above it.
 */
export function pathIncluded(uri: string, files: Settings['files'], workspaceFolders: readonly string[]): boolean {
  // Untitled documents (the example, a scratch buffer) have no path to match: always checked.
  if (!uri.startsWith('file:')) return true;
  const paths = candidatePaths(uri, workspaceFolders);
  const matches = (patterns: readonly string[]) => patterns.some((pattern) => paths.some((path) => compiled(pattern).match(path)));
  return matches(files.include) && !matches(files.exclude);
}

/** Patterns come from settings and are matched on every check: each is compiled once. */
const compiledPatterns = new Map<string, Minimatch>();
function compiled(pattern: string): Minimatch {
  let matcher = compiledPatterns.get(pattern);
  if (!matcher) {
    if (compiledPatterns.size >= 256) compiledPatterns.clear();
    matcher = new Minimatch(pattern, { dot: true, nocase: true });
    compiledPatterns.set(pattern, matcher);
  }
  return matcher;
}

function candidatePaths(uri: string, workspaceFolders: readonly string[]): string[] {
  const decoded = safeDecode(uri.slice('file://'.length));
  for (const folder of workspaceFolders) {
    const root = safeDecode(folder.replace(/^file:\/\//, '')).replace(/\/$/, '');
    if (decoded.startsWith(`${root}/`)) return [decoded.slice(root.length + 1)];
  }
  const parts = decoded.split('/').filter(Boolean);
  return [decoded, ...parts.map((_, i) => parts.slice(i).join('/'))];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
