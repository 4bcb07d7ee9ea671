// Splits a markdown document into sections at problem headings, so the server re-parses only the
// section that changed. This is a line scan for section boundaries only: every section is parsed
// by the real markdown parser. Headings inside fenced code, `$$` math and HTML blocks are skipped
// with the same block tracking that cuts large documents into pieces (parseChunks.ts); the
// `lema-tutor: off/on` directives are tracked because a region can span sections.
import { OpenBlocks } from '../document/parseChunks.ts';

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
const DIRECTIVE = /<!--\s*lema-tutor:\s*(off|on)\s*-->/g;

export function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  const blocks = new OpenBlocks();
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

    const head = content.slice(0, 200);
    if (blocks.startsOutside(head, content.trim() === '', () => content)) {
      const heading = SECTION_HEADING.exec(head);
      if (heading && offset > sectionStart) {
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
