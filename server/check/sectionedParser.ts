// Incremental parsing: the document is split into sections at problem headings and each section
// is parsed by `parseSolutionDocument` on its own. Sections whose text did not change since the
// last parse are reused, shifted to their new line, so a one-character edit re-parses one problem.
import { MAX_DOCUMENT_LENGTH, parseSolutionDocument } from '../document/parseSolutionDocument.ts';
import type { Problem, SkippedProblem, SolutionDocument } from '../document/types.ts';
import { splitSections, type Section } from './splitSections.ts';

const OFF_PREFIX = '<!-- lema-tutor: off -->\n';

interface ParsedSection {
  problems: Problem[];
  skipped: SkippedProblem[];
}

/** A section's parse (positions relative to its first line) and its last placement in the document. */
interface CachedSection {
  relative: ParsedSection;
  placedAt: number;
  placed: ParsedSection;
}

export class SectionedParser {
  private cache = new Map<string, CachedSection>();

  parse(text: string): SolutionDocument {
    // The parser's size limit holds however the text is cut: it answers with one visible note.
    if (text.length > MAX_DOCUMENT_LENGTH) {
      this.cache.clear();
      return parseSolutionDocument(text);
    }
    const sections = splitSections(text);
    const next = new Map<string, CachedSection>();
    const problems: Problem[] = [];
    const skipped: SkippedProblem[] = [];

    sections.forEach((section, i) => {
      const key = (section.startsOff ? 'off\u0000' : 'on\u0000') + section.text;
      const relative = (next.get(key) ?? this.cache.get(key))?.relative ?? parseSection(section);
      // Sections that did not move keep their placed copy: an edit costs one section's work.
      const previous = this.cache.get(key);
      const cached: CachedSection =
        previous && previous.placedAt === section.startLine
          ? previous
          : { relative, placedAt: section.startLine, placed: place(relative, section.startLine) };
      if (!next.has(key)) next.set(key, cached);
      const parsed = cached.placed;

      for (const problem of parsed.problems) {
        problems.push(problem.index === problems.length ? problem : { ...problem, index: problems.length });
      }
      // A heading with nothing under it followed by deeper headings is a document or chapter
      // title, not a problem that failed to parse.
      const nextLevel = sections[i + 1]?.headingLevel ?? 0;
      const isTitle = parsed.problems.length === 0 && nextLevel > section.headingLevel;
      if (!isTitle) skipped.push(...parsed.skipped);
    });

    this.cache = next;
    return { problems, skipped };
  }
}

function place(relative: ParsedSection, line: number): ParsedSection {
  return { problems: relative.problems.map((p) => shiftLines(p, line)), skipped: relative.skipped.map((s) => shiftLines(s, line)) };
}

function parseSection(section: Section): ParsedSection {
  if (!section.startsOff) return parseSolutionDocument(section.text);
  // Carry an open `off` region into the section; the added line is shifted back out.
  const parsed = parseSolutionDocument(OFF_PREFIX + section.text);
  return {
    problems: parsed.problems.map((p) => shiftLines(p, -1)),
    skipped: parsed.skipped.map((s) => shiftLines(s, -1)),
  };
}

/** Copies a value, moving every LSP position in it by `delta` lines. */
function shiftLines<T>(value: T, delta: number): T {
  if (delta === 0) return value;
  return shift(value, delta) as T;
}

function shift(value: unknown, delta: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shift(item, delta));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.line === 'number' && typeof record.character === 'number') {
    return { line: record.line + delta, character: record.character };
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) copy[key] = shift(record[key], delta);
  return copy;
}
