/**
 * The built package as Grafana loads it: three AMD modules beside their plugin.json and logos. Each module.js is
 * evaluated through an AMD `define` shim that hands it Grafana's shared packages, as Grafana's SystemJS loader does,
 * and must export a plugin object of the right kind.
 */
import fs from 'fs';
import path from 'path';
import { AppPlugin, DataSourcePlugin, PanelPlugin } from '@grafana/data';

import { loadAmd } from './support/amd';

const dist = path.join(__dirname, '..', 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

const plugins = [
  { dir: '', id: 'flamelens-profiles-app', type: 'app', kind: AppPlugin },
  { dir: 'datasource', id: 'flamelens-pyroscope-datasource', type: 'datasource', kind: DataSourcePlugin },
  { dir: 'panel', id: 'flamelens-flamegraph-panel', type: 'panel', kind: PanelPlugin },
] as const;

describe('the built plugin package', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(dist, 'module.js'))) {
      throw new Error('dist/ is missing: run `npm run build` first (npm test does it through pretest)');
    }
  });

  it.each(plugins)('$id: plugin.json has the version and metadata filled in', ({ dir, id, type }) => {
    const json = JSON.parse(fs.readFileSync(path.join(dist, dir, 'plugin.json'), 'utf8'));
    expect(json.id).toBe(id);
    expect(json.type).toBe(type);
    expect(json.info.version).toBe(pkg.version);
    expect(json.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(json.info.description.length).toBeGreaterThan(40);
    expect(json.info.keywords.length).toBeGreaterThan(2);
    expect(json.info.author.name).toBe('Flamelens');
    expect(json.dependencies.grafanaDependency).toMatch(/^>=\d+\.\d+\.\d+$/);
    for (const logo of [json.info.logos.small, json.info.logos.large]) {
      expect(fs.existsSync(path.join(dist, dir, logo))).toBe(true);
    }
  });

  it('the app includes the datasource and the panel by their names', () => {
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
    const nested = plugins.filter((p) => p.dir !== '');
    for (const p of nested) {
      const json = JSON.parse(fs.readFileSync(path.join(dist, p.dir, 'plugin.json'), 'utf8'));
      expect(app.includes).toContainEqual(expect.objectContaining({ type: p.type, name: json.name }));
    }
  });

  it('the app includes the story dashboard, shipped beside it as the provisioned file', () => {
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
    const included = app.includes.find((i: { type: string }) => i.type === 'dashboard');
    expect(included).toBeDefined();
    const shipped = fs.readFileSync(path.join(dist, included.path), 'utf8');
    const provisioned = fs.readFileSync(
      path.join(__dirname, '..', 'provisioning', 'dashboards', 'flamelens-demo.json'),
      'utf8'
    );
    expect(JSON.parse(shipped)).toEqual(JSON.parse(provisioned));
  });

  it('the app lists screenshots for the plugin catalog, each a PNG shipped in the package', () => {
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
    const screenshots: Array<{ name: string; path: string }> = app.info.screenshots;
    expect(screenshots.length).toBeGreaterThan(0);
    for (const shot of screenshots) {
      expect(shot.name.length).toBeGreaterThan(10);
      expect(shot.path).toMatch(/^img\/screenshots\/[a-z0-9-]+\.png$/);
      const png = fs.readFileSync(path.join(dist, shot.path));
      // PNG signature, then the IHDR chunk's width and height (big-endian) at bytes 16 and 20.
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(800);
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(400);
    }
  });

  it('the README Grafana shows has no links that would break inside Grafana, and its images are shipped', () => {
    const readme = fs.readFileSync(path.join(dist, 'README.md'), 'utf8');
    const prefix = 'public/plugins/flamelens-profiles-app/';
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(5);
    for (const url of images.filter((u) => !/^https?:/.test(u))) {
      expect(url.startsWith(prefix)).toBe(true);
      expect(fs.existsSync(path.join(dist, url.slice(prefix.length)))).toBe(true);
    }
    const links = [...readme.matchAll(/(?<!!)\[[^\]]+\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(links.filter((u) => !/^(https?|mailto):/.test(u))).toEqual([]);
  });

  it.each(plugins)('$id: module.js is AMD and exports a $type plugin', ({ dir, kind }) => {
    const file = path.join(dist, dir, 'module.js');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/define\(\[/);
    const exported = loadAmd(file);
    expect(exported.plugin).toBeInstanceOf(kind);
  });
});
