import fs from 'fs';
import path from 'path';

/**
 * "The repository explains itself": every relative link in its Markdown resolves to a file in the repository (and,
 * with a `#fragment`, to a heading of that file), and no document or comment names a brief that lives outside it.
 * Pure functions over text, plus a walk of the repository; `docLinks.test.ts` runs them on the whole tree.
 */

/** Folders never read: installed packages, build output, test output, version control. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  '.git',
  'test-results',
  'coverage',
  'playwright-report',
  'artifacts',
]);

/** A fenced code block (``` or ~~~), up to its closing fence or the end of the text. */
const FENCED_BLOCK = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))/gm;

/** One link found in a Markdown text. */
export interface DocLink {
  /** The target as written, e.g. `docs/install.md#the-release-zip`. */
  target: string;
  /** 1-based line of the link. */
  line: number;
}

/** One problem found, as a sentence naming the file and line. */
export type DocProblem = string;

/**
 * The text with fenced code blocks and inline code spans blanked (same length and line breaks kept), so a link
 * written as an example inside code is not read as a link.
 */
export function withoutCode(markdown: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  const fenced = markdown.replace(FENCED_BLOCK, blank);
  return fenced.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank);
}

/** Inline links and images (`[text](target)`, `![alt](target)`) and reference definitions (`[id]: target`). */
export function linksIn(markdown: string): DocLink[] {
  const text = withoutCode(markdown);
  const links: DocLink[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    links.push({ target: m[1], line: lineAt(m.index ?? 0) });
  }
  for (const m of text.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?/gm)) {
    links.push({ target: m[1], line: lineAt(m.index ?? 0) });
  }
  return links;
}

/** True for a target with a scheme (`https:`, `mailto:`) or a protocol-relative `//host`: not a repository file. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/**
 * The anchors GitHub gives a Markdown file's headings: the heading's text lower-cased, Markdown syntax and
 * punctuation removed, spaces turned into hyphens; a repeated slug gets `-1`, `-2`... Explicit `id`/`name`
 * attributes of HTML tags count too.
 */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(FENCED_BLOCK, '');
  for (const m of text.matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gm)) {
    const plain = m[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase();
    const slug = plain.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const m of markdown.matchAll(/<[a-z][^>]*\s(?:id|name)="([^"]+)"/gi)) {
    anchors.add(m[1]);
  }
  return anchors;
}

/**
 * Problems with the relative links of one Markdown file (`file` relative to `root`): a target that is not in the
 * repository, or a `#fragment` that is not a heading of the Markdown file it points at.
 */
export function linkProblems(root: string, file: string, markdown: string): DocProblem[] {
  const problems: DocProblem[] = [];
  for (const { target, line } of linksIn(markdown)) {
    if (isExternal(target)) {
      continue;
    }
    const hash = target.indexOf('#');
    const pathPart = decodeURIComponent(hash >= 0 ? target.slice(0, hash) : target);
    const fragment = hash >= 0 ? decodeURIComponent(target.slice(hash + 1)) : '';
    const resolved = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
    const where = `${file}:${line}: "${target}"`;
    if (resolved.startsWith('..') || path.posix.isAbsolute(pathPart)) {
      problems.push(`${where} points outside the repository`);
      continue;
    }
    const absolute = path.join(root, resolved);
    if (!fs.existsSync(absolute)) {
      problems.push(`${where}: ${resolved} does not exist`);
      continue;
    }
    if (fragment !== '' && resolved.endsWith('.md')) {
      const anchors = anchorsOf(resolved === file ? markdown : fs.readFileSync(absolute, 'utf8'));
      if (!anchors.has(fragment)) {
        problems.push(`${where}: ${resolved} has no heading with the anchor #${fragment}`);
      }
    }
  }
  return problems;
}

/**
 * Names of briefs that live outside the repository. A reader of the repository cannot open them, so no document or
 * comment may send them there; the facts belong in `docs/` (the API facts in `docs/pyroscope-api.md`).
 */
const OUTSIDE_NAMES: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /DESIGN\.md/g, why: 'DESIGN.md is not in the repository (docs/architecture.md is)' },
  { pattern: /\.\.\/shared\b/g, why: 'a shared folder outside the repository' },
  { pattern: /pyroscope-og-api\.md/g, why: 'pyroscope-og-api.md is not in the repository (docs/pyroscope-api.md is)' },
];

/**
 * Mentions of files outside the repository in one text file: the names above, and any `pyroscope-api.md` that is
 * not the repository's own `docs/pyroscope-api.md` (written from the root, or relative to the mentioning file).
 */
export function outsideMentions(file: string, text: string): DocProblem[] {
  const problems: DocProblem[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  for (const { pattern, why } of OUTSIDE_NAMES) {
    for (const m of text.matchAll(pattern)) {
      problems.push(`${file}:${lineAt(m.index ?? 0)}: names "${m[0]}": ${why}`);
    }
  }
  for (const m of text.matchAll(/([\w./-]*)pyroscope-api\.md/g)) {
    const written = `${m[1]}pyroscope-api.md`;
    const relative = path.posix.normalize(path.posix.join(path.posix.dirname(file), written));
    if (written !== 'docs/pyroscope-api.md' && relative !== 'docs/pyroscope-api.md') {
      problems.push(`${file}:${lineAt(m.index ?? 0)}: names "${written}", which is not docs/pyroscope-api.md`);
    }
  }
  return problems;
}

/** Files under `root` (relative, `/`-separated) whose name passes `keep`, skipping the folders above. */
export function repositoryFiles(root: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) {
          walk(rel);
        }
      } else if (entry.isFile() && keep(entry.name)) {
        out.push(rel);
      }
    }
  };
  walk('');
  return out.sort();
}
