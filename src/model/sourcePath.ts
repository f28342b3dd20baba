/** Source file names as `go tool pprof` shows them. */

/** A function's file name as pprof shows it: without a `/proc/self/cwd/` prefix, cleaned; "" stays "". */
export function sourceFile(name: string): string {
  if (name === '') {
    return '';
  }
  for (const prefix of ['/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (name.startsWith(prefix)) {
      return cleanPath(name.slice(prefix.length));
    }
  }
  return cleanPath(name);
}

/** Lexical path cleaning as Go's `path/filepath.Clean` does it on Unix. */
export function cleanPath(path: string): string {
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') {
        parts.pop();
      } else if (!rooted) {
        parts.push('..');
      }
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  return rooted ? `/${joined}` : joined === '' ? '.' : joined;
}
