/**
 * @jest-environment node
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { GRAFANA_LINES } from '../host/server/grafanaLines';
import { ensureBuilt, HOST_BUILD, staleReason, type BuildTarget } from './freshBuild';

const TARGET: BuildTarget = {
  script: 'build',
  outputs: ['dist/a.js', 'dist/b.js'],
  inputs: ['src'],
  ignore: /\.test\.ts$/,
};

describe('freshBuild', () => {
  let root: string;
  const file = (path: string, ageSec: number): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), path);
    const t = Date.now() / 1000 - ageSec;
    utimesSync(join(root, path), t, t);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'flamelens-build-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('wants a build when an output is missing', () => {
    file('src/x.ts', 100);
    file('dist/a.js', 10);
    expect(staleReason(root, TARGET)).toBe('dist/b.js is missing');
  });

  it('wants a build when a source is newer than the oldest output, and names both', () => {
    file('src/deep/x.ts', 50);
    file('dist/a.js', 100);
    file('dist/b.js', 10);
    expect(staleReason(root, TARGET)).toBe('src/deep/x.ts is newer than dist/a.js');
  });

  it('ignores tests and node_modules, and is happy when outputs are newer', () => {
    file('src/x.ts', 100);
    file('src/x.test.ts', 1);
    file('src/node_modules/y.js', 1);
    file('dist/a.js', 50);
    file('dist/b.js', 50);
    expect(staleReason(root, TARGET)).toBeUndefined();
  });

  it("does not rebuild the host bundle for the host's Node server", () => {
    for (const line of GRAFANA_LINES) {
      file(`sandbox/host/dist/host-${line}.js`, 50);
    }
    file('sandbox/host/shared.tsx', 100);
    file('sandbox/host/server.ts', 1);
    file('sandbox/host/server/routes.ts', 1);
    expect(staleReason(root, HOST_BUILD)).toBeUndefined();
    file('sandbox/host/app/page.tsx', 1);
    expect(staleReason(root, HOST_BUILD)).toMatch(
      /^sandbox\/host\/app\/page\.tsx is newer than sandbox\/host\/dist\/host-[\d.]+\.js$/
    );
  });

  it('remembers a build whose outputs webpack left untouched (same content)', async () => {
    file('src/x.ts', 10);
    file('dist/a.js', 100);
    file('dist/b.js', 100);
    const runs: string[] = [];
    const build = async (_root: string, script: string): Promise<void> => {
      runs.push(script);
    };
    await ensureBuilt(root, [TARGET], () => undefined, build);
    await ensureBuilt(root, [TARGET], () => undefined, build);
    expect(runs).toEqual(['build']);
    expect(staleReason(root, TARGET)).toBeUndefined();
    file('src/y.ts', -5); // edited after that build
    expect(staleReason(root, TARGET)).toBe('src/y.ts is newer than dist/a.js');
  });

  it('builds only stale targets, in order, saying why', async () => {
    file('src/x.ts', 100);
    file('dist/a.js', 50);
    file('dist/b.js', 50);
    const other: BuildTarget = { script: 'build:other', outputs: ['out.js'], inputs: ['src'] };
    const runs: string[] = [];
    const lines: string[] = [];
    await ensureBuilt(
      root,
      [TARGET, other],
      (l) => lines.push(l),
      async (_root, script) => {
        runs.push(script);
      }
    );
    expect(runs).toEqual(['build:other']);
    expect(lines).toEqual(['Building: npm run build:other (out.js is missing)']);
  });
});
