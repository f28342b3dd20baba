/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { strFromU8, unzipSync } from 'fflate';

import { builtPluginInfo, packagePlugin } from './pluginZip';

const PLUGIN_JSON = JSON.stringify({ id: 'flamelens-profiles-app', type: 'app', info: { version: '1.2.3' } });

describe('packagePlugin', () => {
  let root: string;
  let dist: string;
  let out: string;
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), content);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'flamelens-package-'));
    dist = join(root, 'dist');
    out = join(root, 'out');
    mkdirSync(out);
    write('plugin.json', PLUGIN_JSON);
    write('module.js', 'define([], function () {});');
    write('datasource/plugin.json', '{"id":"flamelens-pyroscope-datasource"}');
    write('datasource/module.js', '/* ds */');
    write('panel/img/logo.svg', '<svg/>');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("puts dist/ under one folder named after the plugin id, as Grafana's plugin zips are laid out", () => {
    const result = packagePlugin(dist, out);
    expect(result.zipPath).toBe(join(out, 'flamelens-profiles-app-1.2.3.zip'));
    const files = unzipSync(new Uint8Array(readFileSync(result.zipPath)));
    expect(Object.keys(files).sort()).toEqual([
      'flamelens-profiles-app/datasource/module.js',
      'flamelens-profiles-app/datasource/plugin.json',
      'flamelens-profiles-app/module.js',
      'flamelens-profiles-app/panel/img/logo.svg',
      'flamelens-profiles-app/plugin.json',
    ]);
    expect(result.entries).toEqual(Object.keys(files).sort());
    expect(strFromU8(files['flamelens-profiles-app/plugin.json'])).toBe(PLUGIN_JSON);
    expect(strFromU8(files['flamelens-profiles-app/panel/img/logo.svg'])).toBe('<svg/>');
  });

  it('writes checksums that sha1sum -c and sha256sum -c accept', () => {
    const result = packagePlugin(dist, out);
    expect(readFileSync(result.sha1Path, 'utf8')).toBe(`${result.sha1}  flamelens-profiles-app-1.2.3.zip\n`);
    expect(result.sha1).toMatch(/^[0-9a-f]{40}$/);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(execFileSync('sha1sum', ['-c', result.sha1Path], { cwd: out, encoding: 'utf8' })).toContain(': OK');
    expect(execFileSync('sha256sum', ['-c', result.sha256Path], { cwd: out, encoding: 'utf8' })).toContain(': OK');
  });

  it('refuses a dist/ that is missing, of another plugin, or without a release version', () => {
    expect(() => builtPluginInfo(join(root, 'nope'))).toThrow(/plugin\.json not found: build the plugin first/);
    write('plugin.json', JSON.stringify({ id: 'other-app', info: { version: '1.0.0' } }));
    expect(() => packagePlugin(dist, out)).toThrow(/is the plugin "other-app", expected "flamelens-profiles-app"/);
    write('plugin.json', JSON.stringify({ id: 'flamelens-profiles-app', info: { version: '%VERSION%' } }));
    expect(() => packagePlugin(dist, out)).toThrow(/no release version in info\.version \(got "%VERSION%"\)/);
  });
});
