import { readmeForPlugin, shippedImagePath } from './pluginReadme';

describe('readmeForPlugin', () => {
  const id = 'flamelens-profiles-app';

  it('points screenshots at the files the plugin ships, under Grafana base URL', () => {
    const out = readmeForPlugin(
      '![Dashboard](docs/screenshots/sandbox-dashboard.png) and ![Diff](src/img/screenshots/compare-with-before.png)',
      id
    );
    expect(out).toBe(
      `![Dashboard](public/plugins/${id}/img/screenshots/sandbox-dashboard.png) and ` +
        `![Diff](public/plugins/${id}/img/screenshots/compare-with-before.png)`
    );
  });

  it('keeps absolute links and images, and turns repository links and anchors into their text', () => {
    const out = readmeForPlugin(
      'See [the guide](docs/install.md), [below](#install-into-grafana), [Pyroscope](https://grafana.com/oss/pyroscope/) ' +
        'and ![badge](https://img.shields.io/badge/x-y-green).',
      id
    );
    expect(out).toBe(
      'See the guide, below, [Pyroscope](https://grafana.com/oss/pyroscope/) and ![badge](https://img.shields.io/badge/x-y-green).'
    );
  });

  it('fails on a relative image the plugin does not ship, naming it', () => {
    expect(() => readmeForPlugin('![x](sandbox/shot.png)', id)).toThrow(/"sandbox\/shot.png" is not shipped/);
    expect(() => readmeForPlugin('![x](src/img/../../secret.png)', id)).toThrow(/is not shipped/);
  });

  it('maps only image files inside the shipped folders', () => {
    expect(shippedImagePath('./docs/screenshots/a.png')).toBe('img/screenshots/a.png');
    expect(shippedImagePath('src/img/logo.svg')).toBe('img/logo.svg');
    expect(shippedImagePath('docs/screenshots/sub/a.png')).toBeUndefined();
    expect(shippedImagePath('docs/install.md')).toBeUndefined();
  });
});
