// The document path a record holds: relative to the workspace folder that contains the document,
// or just the file name. Never absolute, so a log shared as training data names no user or home.

/** Decoded path segments of a URI (`file:///home/a/b.md` -> ['home', 'a', 'b.md']). */
function segments(uri: string): { origin: string; parts: string[] } | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const parts = url.pathname
    .split('/')
    .filter((part) => part.length > 0)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  // Windows drive letters come in either case (`C:` / `c:`); they name the same folder.
  if (parts[0] && /^[A-Za-z]:$/.test(parts[0])) parts[0] = parts[0].toLowerCase();
  return { origin: `${url.protocol}//${url.host}`, parts };
}

function fileName(documentUri: string): string {
  const parsed = segments(documentUri);
  const last = parsed?.parts[parsed.parts.length - 1] ?? documentUri.split(/[/\\]/).pop() ?? '';
  // A name like `C:` or an empty one tells nothing; still never return an absolute path.
  const name = last.replace(/^[A-Za-z]:$/, '').replace(/^[/\\]+/, '');
  return name.length > 0 && name !== '..' && name !== '.' && name !== '~' ? name : 'untitled';
}

/**
 * The path of `documentUri` relative to the innermost workspace folder that contains it
 * (`/`-separated), or its file name when no folder contains it (an untitled or outside file).
 */
export function relativeDocumentPath(documentUri: string, workspaceFolderUris: readonly string[]): string {
  const document = segments(documentUri);
  if (!document) return fileName(documentUri);
  let best: string[] | undefined;
  for (const folderUri of workspaceFolderUris) {
    const folder = segments(folderUri);
    if (!folder || folder.origin !== document.origin) continue;
    if (folder.parts.length >= document.parts.length) continue;
    if (!folder.parts.every((part, i) => part === document.parts[i])) continue;
    const rest = document.parts.slice(folder.parts.length);
    if (!best || rest.length < best.length) best = rest;
  }
  if (!best || best.includes('..') || best.includes('.')) return fileName(documentUri);
  return best.join('/');
}
