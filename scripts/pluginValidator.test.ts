/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { sniffImage } from './pluginFiles';
import { schemaErrors, validatePluginDir, validRange, type Finding } from './pluginValidator';
import { UNSIGNED_ONLY_MARKER, unsignedSettingFindings, validateArchive } from './publishChecks';

/**
 * Each rule of the offline plugin validator catches what it is for: a temporary copy of the built plugin (`dist/`,
 * which `npm test` builds first) is broken in one way, and the rule of that breakage, and only it, reports it.
 * tests/pluginValidator.test.ts runs the rules on the real `dist/` and release zip.
 */
const DIST = path.join(__dirname, '..', 'dist');

let tmp: string;
let copy: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'plugin.json'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does it through pretest)');
  }
});

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-validator-'));
  copy = path.join(tmp, 'flamelens-profiles-app');
  fs.cpSync(DIST, copy, { recursive: true });
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Json = Record<string, any>;

function edit(file: string, change: (json: Json) => void): void {
  const full = path.join(copy, file);
  const json = JSON.parse(fs.readFileSync(full, 'utf8')) as Json;
  change(json);
  fs.writeFileSync(full, JSON.stringify(json, null, 2));
}

function rules(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.rule))].sort();
}

describe('the offline plugin validator on a broken copy of dist/', () => {
  it('finds nothing on the unbroken copy (the baseline of every case below)', () => {
    expect(validatePluginDir(copy)).toEqual([]);
  });

  it.each<[string, string, (json: Json) => void, string[]]>([
    [
      'an include without path (the issue this suite was written for)',
      'plugin.json',
      (j) => delete j.includes[0].path,
      ['nested-plugins-not-declared'],
    ],
    [
      'an include without type',
      'plugin.json',
      (j) => delete j.includes[1].type,
      ['invalid-metadata', 'nested-plugin-missing-type'],
    ],
    [
      'an include of the wrong type',
      'plugin.json',
      (j) => (j.includes[1].type = 'datasource'),
      ['nested-plugin-type-missmatch'],
    ],
    [
      'nested plugins under a panel',
      'plugin.json',
      (j) => (j.type = 'panel'),
      ['nested-plugin-id-in-non-app', 'plugin-type-suffix'],
    ],
    ['a key the schema does not have', 'panel/plugin.json', (j) => (j.colour = 'red'), ['invalid-metadata']],
    ['no keywords (schema: required)', 'datasource/plugin.json', (j) => delete j.info.keywords, ['invalid-metadata']],
    [
      'an invalid link URL (schema: uri format)',
      'plugin.json',
      (j) => (j.info.links[0].url = 'not a url'),
      ['invalid-metadata'],
    ],
    ['an empty small logo', 'panel/plugin.json', (j) => (j.info.logos.small = ''), ['logos']],
    [
      'a logo that is missing',
      'datasource/plugin.json',
      (j) => (j.info.logos.large = 'img/nope.svg'),
      ['path-not-exists'],
    ],
    [
      'a logo given as a URL',
      'plugin.json',
      (j) => (j.info.logos.small = 'https://example.com/logo.svg'),
      ['path-relative-to-metadata'],
    ],
    [
      'a logo path starting with ./',
      'plugin.json',
      (j) => (j.info.logos.large = './img/logo.svg'),
      ['invalid-relative-path'],
    ],
    [
      'a screenshot that is missing',
      'plugin.json',
      (j) => (j.info.screenshots[0].path = 'img/screenshots/nope.png'),
      ['path-not-exists'],
    ],
    [
      'a screenshot that is not an image',
      'plugin.json',
      (j) => (j.info.screenshots[0].path = 'plugin.json'),
      ['screenshots-image-type'],
    ],
    [
      'an included dashboard that is missing',
      'plugin.json',
      (j) => (j.includes[2].path = 'dashboards/nope.json'),
      ['path-not-exists'],
    ],
    [
      'a grafanaDependency that is no range',
      'panel/plugin.json',
      (j) => (j.dependencies.grafanaDependency = '>=twelve'),
      ['invalid-grafana-dependency', 'invalid-metadata'],
    ],
    [
      'an empty grafanaDependency',
      'plugin.json',
      (j) => (j.dependencies.grafanaDependency = ''),
      ['invalid-grafana-dependency', 'invalid-metadata'],
    ],
    [
      'an id without the type suffix',
      'datasource/plugin.json',
      (j) => (j.id = 'flamelens-pyroscope-ds'),
      ['invalid-metadata', 'plugin-type-suffix'],
    ],
    ['an id of two parts', 'panel/plugin.json', (j) => (j.id = 'flamelens-panel'), ['invalid-id-format']],
    ['a name that is the id', 'panel/plugin.json', (j) => (j.name = j.id), ['plugin-name-not-human-friendly']],
    [
      'a version that is not semver',
      'plugin.json',
      (j) => (j.info.version = '1.0'),
      ['invalid-metadata', 'wrong-plugin-version'],
    ],
  ])('%s', (_what, file, change, expected) => {
    edit(file, change);
    expect(rules(validatePluginDir(copy))).toEqual(expected);
  });

  it('a nested plugin without module.js', () => {
    fs.rmSync(path.join(copy, 'panel', 'module.js'));
    expect(validatePluginDir(copy)).toEqual([
      expect.objectContaining({ rule: 'missing-modulejs', file: 'panel/plugin.json' }),
    ]);
  });

  it('a module.js that names a host we do not know (a tracking script, say)', () => {
    fs.appendFileSync(
      path.join(copy, 'datasource', 'module.js'),
      '\n// "https://www.google-analytics.com/analytics.js"\n'
    );
    expect(validatePluginDir(copy)).toEqual([
      expect.objectContaining({
        rule: 'tracking-scripts',
        file: 'datasource/module.js',
        message: expect.stringContaining('www.google-analytics.com'),
      }),
    ]);
  });

  it('a plugin.json that is not JSON', () => {
    fs.writeFileSync(path.join(copy, 'panel', 'plugin.json'), '{ "id": ');
    expect(rules(validatePluginDir(copy))).toContain('invalid-metadata');
  });

  it.each([
    ['README.md', 'missing-readme'],
    ['CHANGELOG.md', 'missing-changelog'],
    ['LICENSE', 'license-not-provided'],
  ])('a missing %s', (file, rule) => {
    fs.rmSync(path.join(copy, file));
    expect(rules(validatePluginDir(copy))).toEqual([rule]);
  });

  it('an archive with the wrong folder name, with dist/ inside, or with two folders', () => {
    expect(validateArchive(tmp)).toEqual([]);
    fs.renameSync(copy, path.join(tmp, 'flamelens'));
    expect(rules(validateArchive(tmp))).toEqual(['no-ident-root-dir']);
    fs.mkdirSync(path.join(tmp, 'flamelens', 'dist'));
    expect(rules(validateArchive(tmp))).toEqual(['dist', 'no-ident-root-dir']);
    fs.mkdirSync(path.join(tmp, 'other'));
    expect(rules(validateArchive(tmp))).toEqual(['more-than-one-dir']);
  });
});

describe('unsigned-only settings', () => {
  it.each([
    ['grafana.ini', '[plugins]\nallow_loading_unsigned_plugins = a-b-app\n'],
    ['values.yaml', 'grafana.ini:\n  plugins:\n    allow_loading_unsigned_plugins: a-b-app\n'],
    ['compose.yaml', 'environment:\n  GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS: a-b-app\n'],
    ['custom.ini', '[server]\napp_mode = development\n'],
    ['.env', 'GF_DEFAULT_APP_MODE=development\n'],
  ])('are reported in %s, and accepted in a marked *unsigned* file', (name, text) => {
    fs.writeFileSync(path.join(copy, name), text);
    expect(unsignedSettingFindings(copy)).toEqual([expect.objectContaining({ rule: 'unsigned-setting', file: name })]);
    fs.rmSync(path.join(copy, name));
    // Named *unsigned* but not marked, then marked but not named so: still reported.
    fs.writeFileSync(path.join(copy, `unsigned-${name}`), text);
    expect(unsignedSettingFindings(copy)).toHaveLength(1);
    fs.writeFileSync(path.join(copy, `unsigned-${name}`), `# ${UNSIGNED_ONLY_MARKER}\n${text}`);
    expect(unsignedSettingFindings(copy)).toEqual([]);
    fs.renameSync(path.join(copy, `unsigned-${name}`), path.join(copy, `x-${name}`));
    expect(unsignedSettingFindings(copy)).toHaveLength(1);
  });
});

describe('validRange (grafanaDependency as Masterminds/semver parses it)', () => {
  it.each(['>=12.4.0', '^12.4.0', '~12.4', '>=12.4.0 <14', '>=12.4.0, <14.0.0', '>=11.6.1 <12 || >=12.1.0', '12.x'])(
    'accepts %s',
    (range) => expect(validRange(range)).toBe(true)
  );

  it.each(['', '   ', '>=twelve', '>=12.4.0 ||', 'latest', 12, '!=12.0.0', '=>12.4.0', '12.4.0.1'])(
    'refuses %p',
    (range) => {
      expect(validRange(range)).toBe(false);
    }
  );
});

describe('schemaErrors and sniffImage', () => {
  it('names the field and the extra key', () => {
    expect(schemaErrors({ id: 'a-b-app', type: 'app', name: 'A', info: {}, dependencies: {}, x: 1 })).toEqual(
      expect.arrayContaining([
        '(root): must NOT have additional properties (x)',
        "/info: must have required property 'logos'",
      ])
    );
  });

  it('tells PNG, JPEG, GIF and SVG apart from other files', () => {
    expect(sniffImage(fs.readFileSync(path.join(DIST, 'img', 'logo.svg')))).toBe('image/svg+xml');
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('GIF89a...'))).toBe('image/gif');
    expect(sniffImage(Buffer.from('{"id": 1}'))).toBeUndefined();
  });
});
