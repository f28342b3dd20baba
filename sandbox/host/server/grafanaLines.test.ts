import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_GRAFANA_LINE, GRAFANA_LINES, grafanaLine } from './grafanaLines';

const CORE = ['data', 'ui', 'runtime', 'schema', 'i18n', 'e2e-selectors'].map((name) => `@grafana/${name}`);

function dependencies(dir: string): Record<string, string> {
  const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return { ...json.dependencies, ...json.devDependencies };
}

describe('the Grafana lines', () => {
  it('are 12.4, 13.0 and 13.2, the newest by default', () => {
    expect(GRAFANA_LINES).toEqual(['12.4', '13.0', '13.2']);
    expect(DEFAULT_GRAFANA_LINE).toBe('13.2');
  });

  it.each(GRAFANA_LINES)('%s pins one version of that line for all its @grafana packages, with a lockfile', (line) => {
    const { packagesDir } = grafanaLine(line);
    const deps = dependencies(packagesDir);
    const versions = new Set(CORE.map((name) => deps[name]));
    expect([...versions]).toHaveLength(1);
    expect([...versions][0]).toMatch(new RegExp(`^${line.replace('.', '\\.')}\\.\\d+$`));
    expect(existsSync(join(packagesDir, 'package-lock.json'))).toBe(true);
    // What the host bundle and a scenes-based dashboard import must be installed in every line (the root has
    // lodash and moment through @grafana/data).
    for (const name of ['react', 'react-dom', 'rxjs', 'lodash', 'moment', '@emotion/css', '@grafana/scenes']) {
      const installed = existsSync(join(packagesDir, 'node_modules', name, 'package.json'));
      expect([line, name, installed]).toEqual([line, name, true]);
    }
  });

  it('reports the installed version of the line, and says how to install a line that is missing', () => {
    expect(grafanaLine('13.2')).toMatchObject({ line: '13.2', bundle: 'host-13.2.js' });
    expect(grafanaLine('13.2').version).toMatch(/^13\.2\.\d+$/);
    expect(grafanaLine('12.4').version).toBe('12.4.10');
    expect(() => grafanaLine('10.4')).toThrow('unknown Grafana line "10.4"; the sandbox emulates 12.4, 13.0, 13.2');
  });
});
