/** @jest-environment node */
import { ApiError, DataSourceStore, parseUpdateCommand, type UpdateDataSourceCommand } from './store';
import type { ProvisionedDataSource } from './types';

function provisioned(name: string, overrides: Partial<ProvisionedDataSource['record']> = {}, secrets = {}) {
  return {
    record: {
      uid: name.toLowerCase(),
      orgId: 1,
      name,
      type: 'flamelens-pyroscope-datasource',
      access: 'proxy' as const,
      url: `http://${name.toLowerCase()}:4040`,
      user: '',
      database: '',
      basicAuth: false,
      basicAuthUser: '',
      withCredentials: false,
      isDefault: false,
      jsonData: { flavor: 'auto' },
      version: 1,
      readOnly: false,
      ...overrides,
    },
    secureJsonData: secrets,
  };
}

function command(overrides: Partial<UpdateDataSourceCommand> = {}): UpdateDataSourceCommand {
  return {
    name: 'A',
    type: 'flamelens-pyroscope-datasource',
    access: 'proxy',
    url: 'http://new:4040',
    user: '',
    database: '',
    basicAuth: true,
    basicAuthUser: 'u',
    withCredentials: false,
    isDefault: false,
    jsonData: { flavor: 'grafana' },
    secureJsonData: {},
    version: 1,
    ...overrides,
  };
}

describe('DataSourceStore', () => {
  it('assigns ids 1..n and hands out copies', () => {
    const store = new DataSourceStore([provisioned('A'), provisioned('B')]);
    expect(store.list().map((ds) => [ds.id, ds.name])).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
    const copy = store.byUid('a');
    if (!copy) {
      throw new Error('datasource a not found');
    }
    copy.url = 'http://changed';
    copy.jsonData.flavor = 'changed';
    expect(store.byId(1)).toMatchObject({ url: 'http://a:4040', jsonData: { flavor: 'auto' } });
    expect(store.byName('B')?.uid).toBe('b');
    expect(store.byUid('zzz')).toBeUndefined();
  });

  it('reports only non-empty secrets as secureJsonFields', () => {
    const store = new DataSourceStore([provisioned('A', {}, { basicAuthPassword: 'pw', apiKey: '' })]);
    expect(store.secureJsonFields(1)).toEqual({ basicAuthPassword: true });
    expect(store.decryptedValues(1)).toEqual({ basicAuthPassword: 'pw', apiKey: '' });
  });

  it('updates secrets key by key: a new value replaces, "" clears, absent keys are kept', () => {
    const store = new DataSourceStore([provisioned('A', {}, { basicAuthPassword: 'old', httpHeaderValue1: 'h1' })]);
    store.update('a', command({ secureJsonData: { basicAuthPassword: 'new', apiKey: 'k' } }));
    expect(store.decryptedValues(1)).toEqual({ basicAuthPassword: 'new', httpHeaderValue1: 'h1', apiKey: 'k' });
    store.update('a', command({ version: 2, secureJsonData: { httpHeaderValue1: '' } }));
    expect(store.secureJsonFields(1)).toEqual({ basicAuthPassword: true, apiKey: true });
  });

  it('replaces the record, bumps the version and keeps one default', () => {
    const store = new DataSourceStore([provisioned('A'), provisioned('B', { isDefault: true })]);
    const updated = store.update('a', command({ isDefault: true, user: '' }));
    expect(updated).toMatchObject({ id: 1, uid: 'a', url: 'http://new:4040', basicAuth: true, version: 2 });
    expect(updated.jsonData).toEqual({ flavor: 'grafana' });
    expect(store.byUid('b')?.isDefault).toBe(false);
  });

  it('refuses unknown, read-only, stale and name-clashing updates with Grafana statuses', () => {
    const store = new DataSourceStore([provisioned('A', { version: 5 }), provisioned('B', { readOnly: true })]);
    const attempt = (uid: string, cmd: UpdateDataSourceCommand) => {
      try {
        store.update(uid, cmd);
        return undefined;
      } catch (error) {
        return error instanceof ApiError ? [error.status, error.message] : error;
      }
    };
    expect(attempt('nope', command())).toEqual([404, 'Data source not found']);
    expect(attempt('b', command({ name: 'B' }))).toEqual([403, 'Cannot update read-only data source']);
    expect(attempt('a', command({ version: 4 }))).toEqual([
      409,
      'Datasource has already been updated by someone else. Please reload and try again',
    ]);
    expect(attempt('a', command({ name: 'B', version: 5 }))).toEqual([
      409,
      'Failed to update datasource: data source with the same name already exists',
    ]);
    expect(store.byUid('a')?.version).toBe(5);
  });
});

describe('parseUpdateCommand', () => {
  it('fills zero values and requires name, type and access', () => {
    expect(parseUpdateCommand({ name: 'A', type: 't', access: 'proxy' })).toEqual({
      name: 'A',
      type: 't',
      access: 'proxy',
      url: '',
      user: '',
      database: '',
      basicAuth: false,
      basicAuthUser: '',
      withCredentials: false,
      isDefault: false,
      jsonData: {},
      secureJsonData: {},
      version: 0,
    });
    expect(() => parseUpdateCommand({ type: 't', access: 'proxy' })).toThrow('bad request data');
    expect(() => parseUpdateCommand({ name: 'A', type: 't', access: 'proxy', basicAuth: 'yes' })).toThrow(ApiError);
    expect(() => parseUpdateCommand({ name: 'A', type: 't', access: 'proxy', secureJsonData: { k: 1 } })).toThrow(
      'bad request data'
    );
    expect(() => parseUpdateCommand([])).toThrow('bad request data');
  });
});
