import path from 'path';
import fs from 'fs';

import {
  anchorsOf,
  isExternal,
  linkProblems,
  linksIn,
  outsideMentions,
  repositoryFiles,
  withoutCode,
} from './docLinks';

const ROOT = path.join(__dirname, '..');

describe('reading links', () => {
  it('finds inline links, images and reference definitions with their lines', () => {
    const md =
      'See [install](docs/install.md#the-release-zip).\n![shot](docs/screenshots/a.png "title")\n\n[ref]: ../x.md\n';
    expect(linksIn(md)).toEqual([
      { target: 'docs/install.md#the-release-zip', line: 1 },
      { target: 'docs/screenshots/a.png', line: 2 },
      { target: '../x.md', line: 4 },
    ]);
  });

  it('ignores links written inside code spans and fenced blocks', () => {
    const md = 'a `[x](missing.md)` b\n```md\n[y](missing.md)\n```\n[z](real.md)\n';
    expect(linksIn(md).map((l) => l.target)).toEqual(['real.md']);
    expect(withoutCode(md).split('\n')).toHaveLength(md.split('\n').length);
  });

  it('tells external targets from repository ones', () => {
    expect(isExternal('https://github.com/grafana/pyroscope')).toBe(true);
    expect(isExternal('mailto:dev@flamelens.invalid')).toBe(true);
    expect(isExternal('docs/install.md')).toBe(false);
    expect(isExternal('#quick-start')).toBe(false);
  });
});

describe('anchorsOf', () => {
  it("gives GitHub's anchors: lower case, punctuation and code marks dropped, spaces as hyphens, repeats numbered", () => {
    const md = [
      '# Flamelens',
      '## Install into Grafana',
      '### `npm run package` (`packageMain.ts`)',
      '## Status',
      '## Status',
      '```',
      '# not a heading',
      '```',
    ].join('\n');
    expect([...anchorsOf(md)]).toEqual([
      'flamelens',
      'install-into-grafana',
      'npm-run-package-packagemaints',
      'status',
      'status-1',
    ]);
  });
});

describe('linkProblems', () => {
  it('reports a missing file and a missing heading, and accepts what exists', () => {
    const md =
      '[a](docs/install.md) [b](docs/nope.md) [c](README.md#quick-start) [d](README.md#no-such-part) [e](../x)';
    const problems = linkProblems(ROOT, 'NOTES.md', md);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/"docs\/nope.md": docs\/nope.md does not exist/);
    expect(problems[1]).toMatch(/README.md has no heading with the anchor #no-such-part/);
    expect(problems[2]).toMatch(/"\.\.\/x" points outside the repository/);
  });
});

describe('outsideMentions', () => {
  it('names briefs outside the repository, and accepts docs/pyroscope-api.md however it is reached', () => {
    expect(outsideMentions('docs/a.md', 'see DESIGN.md and ../shared/x')).toHaveLength(2);
    expect(outsideMentions('src/a.ts', '// pyroscope-og-api.md §2')).toHaveLength(1);
    expect(outsideMentions('src/a.ts', '// pyroscope-api.md §3')).toHaveLength(1);
    expect(outsideMentions('src/a.ts', '// docs/pyroscope-api.md#connect')).toEqual([]);
    expect(outsideMentions('docs/architecture.md', '[API](pyroscope-api.md)')).toEqual([]);
    expect(outsideMentions('sandbox/README.md', '[API](../docs/pyroscope-api.md)')).toEqual([]);
  });
});

describe('the repository explains itself', () => {
  const markdown = repositoryFiles(ROOT, (name) => name.endsWith('.md'));

  it('reads every Markdown file of the repository', () => {
    for (const expected of ['README.md', 'docs/architecture.md', 'docs/pyroscope-api.md', 'sandbox/README.md']) {
      expect(markdown).toContain(expected);
    }
  });

  it('every relative link in its Markdown points at a file (and heading) in the repository', () => {
    const problems = markdown.flatMap((file) =>
      linkProblems(ROOT, file, fs.readFileSync(path.join(ROOT, file), 'utf8'))
    );
    expect(problems).toEqual([]);
  });

  it('no document or comment names a file outside the repository', () => {
    // The checker names those files itself; the lockfile holds package names only.
    const skipped = new Set(['scripts/docLinks.ts', 'scripts/docLinks.test.ts', 'package-lock.json']);
    const sources = repositoryFiles(ROOT, (name) => /\.(md|tsx?|m?js|json|ya?ml)$/.test(name)).filter(
      (file) => !skipped.has(file)
    );
    const problems = sources.flatMap((file) => outsideMentions(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });
});
