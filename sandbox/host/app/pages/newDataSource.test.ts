import { dataSourceCategories, filterDataSourcePlugins, newDataSourceName } from './newDataSource';

const plugins = [
  { id: 'prometheus', name: 'Prometheus', category: 'tsdb' },
  { id: 'flamelens-pyroscope-datasource', name: 'Flamelens Pyroscope', category: 'profiling' },
  { id: 'zz', name: 'Zeta', category: 'something-new' },
  { id: 'aa', name: 'Alpha' },
  { id: 'loki', name: 'Loki', category: 'logging' },
];

describe('dataSourceCategories', () => {
  it("groups by Grafana's categories in its order, unknown or missing categories under Others, sorted by name", () => {
    expect(dataSourceCategories(plugins).map((c) => [c.title, c.plugins.map((p) => p.name)])).toEqual([
      ['Time series databases', ['Prometheus']],
      ['Logging & document databases', ['Loki']],
      ['Profiling', ['Flamelens Pyroscope']],
      ['Others', ['Alpha', 'Zeta']],
    ]);
  });
});

describe('filterDataSourcePlugins', () => {
  it('keeps the plugins whose name contains the query, ignoring case and surrounding spaces', () => {
    expect(filterDataSourcePlugins(plugins, ' pyro').map((p) => p.id)).toEqual(['flamelens-pyroscope-datasource']);
    expect(filterDataSourcePlugins(plugins, 'O').map((p) => p.id)).toEqual([
      'prometheus',
      'flamelens-pyroscope-datasource',
      'loki',
    ]);
    expect(filterDataSourcePlugins(plugins, '(')).toEqual([]);
  });
});

describe('newDataSourceName', () => {
  it("takes the plugin's name while it is free, then the first free numbered name", () => {
    expect(newDataSourceName('Flamelens Pyroscope', ['Profiles', 'Prometheus'])).toBe('Flamelens Pyroscope');
    expect(newDataSourceName('Flamelens Pyroscope', ['flamelens pyroscope'])).toBe('Flamelens Pyroscope-1');
    expect(
      newDataSourceName('Flamelens Pyroscope', [
        'Flamelens Pyroscope',
        'Flamelens Pyroscope-1',
        'Flamelens Pyroscope-2',
      ])
    ).toBe('Flamelens Pyroscope-3');
  });
});
