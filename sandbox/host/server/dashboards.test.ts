/** @jest-environment node */
import { DashboardStore, slugify } from './dashboards';

const store = new DashboardStore([
  {
    fileName: 'a.json',
    uid: 'demo',
    title: 'Flamelens demo: from CPU to code',
    tags: ['flamelens', 'profiling'],
    dashboard: { uid: 'demo', title: 'x', version: 4 },
  },
  {
    fileName: 'b.json',
    uid: 'alpha',
    title: 'Alpha board',
    tags: ['profiling'],
    dashboard: { uid: 'alpha', title: 'y' },
  },
]);

describe('slugify', () => {
  it('makes Grafana-style URL slugs', () => {
    expect(slugify('Flamelens demo: from CPU to code')).toBe('flamelens-demo3a-from-cpu-to-code');
    expect(slugify('Node (v2), prod.')).toBe('node-v2-prod');
    expect(slugify('  Café — über Größe & Co!  ')).toBe('cafe-e28094-ueber-grosse-and-co21');
  });

  it('falls back to a name-based UUID for long or empty slugs, as Grafana does', () => {
    // uuid.NewSHA1(uuid.NameSpaceOID, []byte("...")): version 5, RFC 4122 variant, stable per name.
    const long = slugify('A dashboard title that is much longer than fifty bytes in total');
    expect(long).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(slugify('A dashboard title that is much longer than fifty bytes in total')).toBe(long);
    expect(slugify('...')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('DashboardStore', () => {
  it('uses the first file as home and gives dashboards ids in file order', () => {
    expect(store.homeUid()).toBe('demo');
    expect(store.byUid('alpha')).toMatchObject({
      id: 2,
      url: '/d/alpha/alpha-board',
      dashboard: { id: 2, version: 1 },
    });
    expect(store.byUid('demo')?.dashboard.version).toBe(4);
    expect(new DashboardStore([]).homeUid()).toBeNull();
  });

  it('searches by title, tags, uids and type, sorted by title', () => {
    const uids = (hits: Array<Record<string, unknown>>) => hits.map((hit) => hit.uid);
    expect(uids(store.search({}))).toEqual(['alpha', 'demo']);
    expect(uids(store.search({ query: 'CPU' }))).toEqual(['demo']);
    expect(uids(store.search({ tags: ['profiling', 'flamelens'] }))).toEqual(['demo']);
    expect(uids(store.search({ dashboardUIDs: ['alpha'] }))).toEqual(['alpha']);
    expect(store.search({ type: 'dash-folder' })).toEqual([]);
    expect(store.search({ limit: 1 })).toEqual([
      {
        id: 2,
        uid: 'alpha',
        orgId: 1,
        title: 'Alpha board',
        uri: 'db/alpha-board',
        url: '/d/alpha/alpha-board',
        slug: '',
        type: 'dash-db',
        tags: ['profiling'],
        isStarred: false,
        sortMeta: 0,
        isDeleted: false,
      },
    ]);
  });
});
