/**
 * What Grafana's "Add data source" page (`/connections/datasources/new`) does with the datasource plugins, as pure
 * functions: their categories, the search filter, and the name a new datasource gets.
 */

/** A datasource plugin as `GET /api/plugins?enabled=1&type=datasource` lists it (the fields the page reads). */
export interface DataSourcePluginItem {
  id: string;
  name: string;
  category?: string;
  info?: { description?: string; logos?: { small?: string } };
}

export interface DataSourcePluginCategory {
  id: string;
  title: string;
  plugins: DataSourcePluginItem[];
}

/** Grafana's categories of the page, in its order; a plugin with another or no `category` is under "Others". */
const CATEGORIES: ReadonlyArray<{ id: string; title: string }> = [
  { id: 'tsdb', title: 'Time series databases' },
  { id: 'logging', title: 'Logging & document databases' },
  { id: 'tracing', title: 'Distributed tracing' },
  { id: 'profiling', title: 'Profiling' },
  { id: 'sql', title: 'SQL' },
  { id: 'cloud', title: 'Cloud' },
  { id: 'enterprise', title: 'Enterprise plugins' },
  { id: 'iot', title: 'Industrial & IoT' },
  { id: 'other', title: 'Others' },
];

/** The plugins by category, categories without a plugin left out, plugins sorted by name inside each. */
export function dataSourceCategories(plugins: readonly DataSourcePluginItem[]): DataSourcePluginCategory[] {
  const known = new Set(CATEGORIES.map((c) => c.id));
  return CATEGORIES.map(({ id, title }) => ({
    id,
    title,
    plugins: plugins
      .filter((p) => (known.has(p.category ?? '') ? p.category === id : id === 'other'))
      .sort((a, b) => a.name.localeCompare(b.name)),
  })).filter((c) => c.plugins.length > 0);
}

/** The search box: plugins whose name contains the query, ignoring case. */
export function filterDataSourcePlugins(
  plugins: readonly DataSourcePluginItem[],
  query: string
): DataSourcePluginItem[] {
  const q = query.trim().toLowerCase();
  return plugins.filter((p) => p.name.toLowerCase().includes(q));
}

/**
 * The name Grafana gives a new datasource of a plugin: the plugin's name, or when taken, the first free of `name-1`,
 * `name-2`... (a taken name that already ends in `-<n>` counts on from n).
 */
export function newDataSourceName(pluginName: string, taken: readonly string[]): string {
  const names = new Set(taken.map((n) => n.toLowerCase()));
  let name = pluginName;
  while (names.has(name.toLowerCase())) {
    const m = /^(.*)-(\d+)$/.exec(name);
    name = m ? `${m[1]}-${Number(m[2]) + 1}` : `${name}-1`;
  }
  return name;
}
