/** Undefined when every bundle in dist/ is newer than every source; else why not, in words. */
export function staleDist(root: string): string | undefined;
