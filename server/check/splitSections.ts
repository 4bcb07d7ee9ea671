// Splits a markdown document into sections at problem headings, so the server re-parses only the
// section that changed. This is a line scan for section boundaries only: every section is parsed
// by the real markdown parser. It respects fenced code blocks and `$$` math blocks, and tracks the
// `lema-tutor: off/on` directives because a region can span sections.

export interface Section {
  /** 0-based line of the section's first line in the document. */
  startLine: number;
  text: string;
  /** Level of the heading that opens the section (0 for text before the first heading). */
  headingLevel: number;
  /** Whether a `lema-tutor: off` region is open at the start of the section. */
  startsOff: boolean;
}

// Levels 1-3 open a section; `#### 72` is GSM8K's final-answer line and must stay in its problem.
const SECTION_HEADING = /^ {0,3}(#{1,3})(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DIRECTIVE = /<!--\s*lema-tutor:\s*(off|on)\s*-->/g;

export function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  let fence: string | undefined;
  let inMathBlock = false;
  let off = false;
  let sectionStart = 0; // offset
  let sectionLine = 0;
  let sectionLevel = 0;
  let sectionStartsOff = false;
  let line = 0;
  let offset = 0;

  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(offset, end);

    if (fence !== undefined) {
      if (content.trimStart().startsWith(fence)) fence = undefined;
    } else if (inMathBlock) {
      if (content.trim() === '$$') inMathBlock = false;
    } else {
      const fenceMatch = FENCE.exec(content);
      const heading = fenceMatch ? null : SECTION_HEADING.exec(content);
      if (fenceMatch) fence = fenceMatch[1]!.slice(0, 3);
      else if (content.trim() === '$$') inMathBlock = true;
      else if (heading && offset > sectionStart) {
        sections.push({
          startLine: sectionLine,
          text: text.slice(sectionStart, offset),
          headingLevel: sectionLevel,
          startsOff: sectionStartsOff,
        });
        sectionStart = offset;
        sectionLine = line;
        sectionStartsOff = off;
      }
      if (heading) sectionLevel = heading[1]!.length;
      if (content.includes('lema-tutor:')) {
        for (const match of content.matchAll(DIRECTIVE)) off = match[1] === 'off';
      }
    }
    if (newline === -1) break;
    offset = newline + 1;
    line++;
  }
  sections.push({ startLine: sectionLine, text: text.slice(sectionStart), headingLevel: sectionLevel, startsOff: sectionStartsOff });
  return sections;
}
