// Model text is data, never markup: before an explanation or a corrected step reaches the hover
// or the document, everything markdown or HTML would act on is taken out. A corrected step that
// carried `<!-- lema-tutor: off -->` would otherwise switch checking off where it is inserted; a
// link or an image in a hover would fetch or lead somewhere the user never chose.

const MAX_CHARS = 4_000;

/** Plain text on one line: no HTML (tags, comments, directives), links, images, URLs, headings or quote/list markers. */
export function plainText(text: string): string {
  let out = text.slice(0, MAX_CHARS);
  out = out
    // HTML comments (directives live in them), closed or not, and any tag-like markup.
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/-->/g, ' ')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<[!?][^<>]*>/g, ' ')
    // Images and links keep their visible words only; reference definitions go entirely.
    .replace(/!\[([^\]]*)\]\([^)]*\)?/g, '$1')
    .replace(/!\[([^\]]*)\]/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)?/g, '$1')
    .replace(/^\s*\[[^\]]*\]:\s*\S+.*$/gm, ' ')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    // Bare URLs and autolinks would be linkified by a markdown renderer.
    .replace(/\b(?:https?|ftp|file|data|javascript|vscode|command):\/*[^\s)]*/gi, '(link removed)')
    .replace(/\bwww\.[^\s)]+/gi, '(link removed)');
  // One line: a line break would end the step in the document.
  out = out
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:#{1,6}(?=\s|$)|>+|[-*+](?=\s)|={3,}|-{3,}|`{3,}|~{3,})\s*/, '').trim())
    .filter((line) => line.length > 0)
    .join(' ');
  // Fences and an unclosed display-math opener would swallow the document after the inserted step.
  out = out.replace(/`{3,}|~{3,}/g, ' ');
  if ((out.match(/\$\$/g)?.length ?? 0) % 2 === 1) out = out.replace(/\$\$/g, ' ');
  // What is left of markup at the start of the text (after the joins above).
  out = out.replace(/^(?:#{1,6}\s+|>\s*)+/, '').replace(/\s{2,}/g, ' ').trim();
  return out;
}
