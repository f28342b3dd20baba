/** @jest-environment node */
/**
 * Ready to publish: the offline rules of Grafana's plugin validator (scripts/pluginValidator.ts, each rule shown able
 * to fail in scripts/pluginValidator.test.ts) hold for the built plugin in `dist/` and for the release zip that
 * `npm run package` makes of it (built here into a temporary folder with the same function), and nothing users copy
 * holds a setting that only an unsigned build needs.
 *
 * "What users copy": the release zip (= `dist/`), the provisioning folder (`provisioning/`, mounted or copied as
 * Grafana's provisioning folder) and the Helm values (`deploy/`). An unsigned-only setting may live only in a file
 * named `*unsigned*` that starts with "UNSIGNED BUILDS ONLY" (deploy/helm/grafana-values-unsigned.yaml), or in the
 * local development demo (docker-compose.yaml, which mounts the unsigned `dist/`), marked there as development only.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { packagePlugin } from '../sandbox/demo/pluginZip';
import { validatePluginDir } from '../scripts/pluginValidator';
import {
  UNSIGNED_ONLY_MARKER,
  UNSIGNED_SETTING,
  unpackZip,
  unsignedSettingFindings,
  validateArchive,
} from '../scripts/publishChecks';

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

describe("Grafana's plugin validator rules, offline", () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(DIST, 'plugin.json'))) {
      throw new Error('dist/ is missing: run `npm run build` first (npm test does it through pretest)');
    }
  });

  it('dist/: every plugin.json is schema-valid, nested plugins are declared, paths exist, module.js per plugin', () => {
    expect(validatePluginDir(DIST)).toEqual([]);
  });

  it('dist/: the app declares both nested plugins by path and type', () => {
    const app = JSON.parse(fs.readFileSync(path.join(DIST, 'plugin.json'), 'utf8')) as {
      includes: Array<{ type: string; path?: string }>;
    };
    expect(app.includes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'datasource', path: 'datasource/plugin.json' }),
        expect.objectContaining({ type: 'panel', path: 'panel/plugin.json' }),
      ])
    );
  });

  it('the npm run package zip: one folder named after the plugin id, and every rule holds inside it', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-package-'));
    try {
      const result = packagePlugin(DIST, out);
      const unpacked = path.join(out, 'unpacked');
      unpackZip(result.zipPath, unpacked);
      expect(fs.readdirSync(unpacked)).toEqual(['flamelens-profiles-app']);
      expect(validateArchive(unpacked)).toEqual([]);
      expect(unsignedSettingFindings(unpacked)).toEqual([]);
      // The zip holds dist/ as it is (so the rules on dist/ above are the rules on the release).
      expect(result.entries.length).toBeGreaterThan(10);
      expect(result.entries.filter((e) => e.endsWith('plugin.json')).sort()).toEqual([
        'flamelens-profiles-app/datasource/plugin.json',
        'flamelens-profiles-app/panel/plugin.json',
        'flamelens-profiles-app/plugin.json',
      ]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('no unsigned-only settings in what users copy', () => {
  it.each(['dist', 'provisioning', 'deploy'])('%s/', (dir) => {
    expect(unsignedSettingFindings(path.join(ROOT, dir), `${dir}/`)).toEqual([]);
  });

  it('the Helm allow list is in its own, marked file', () => {
    const file = path.join(ROOT, 'deploy', 'helm', 'grafana-values-unsigned.yaml');
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toContain(UNSIGNED_ONLY_MARKER);
    expect(text).toMatch(UNSIGNED_SETTING);
  });

  it('the development demo (docker-compose.yaml) marks its allow list as development only', () => {
    const lines = fs.readFileSync(path.join(ROOT, 'docker-compose.yaml'), 'utf8').split('\n');
    const at = lines.map((l, i) => (UNSIGNED_SETTING.test(l) ? i : -1)).filter((i) => i >= 0);
    expect(at.length).toBeGreaterThan(0);
    for (const i of at) {
      expect(lines.slice(Math.max(0, i - 3), i).join('\n')).toContain(UNSIGNED_ONLY_MARKER);
    }
  });
});
