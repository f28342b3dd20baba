/** @jest-environment node */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { ProvisioningError, readProvisioning } from './provisioning';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'provisioning-'));
  mkdirSync(join(dir, 'datasources'));
  mkdirSync(join(dir, 'dashboards'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const file = join(dir, path);
  writeFileSync(file, text);
  return file;
}

const env = { PYRO: 'http://pyro:4040', TENANT: 'team-a', PASS: 'p@ss' };

describe('readProvisioning: datasources', () => {
  it('expands the environment in strings, jsonData and secureJsonData, and keeps JSON types', () => {
    write(
      'datasources/a.yaml',
      `apiVersion: 1
datasources:
  - name: Profiles
    uid: profiles
    type: flamelens-pyroscope-datasource
    url: \${PYRO}
    basicAuth: true
    basicAuthUser: $TENANT
    isDefault: true
    editable: true
    version: 3
    jsonData:
      tenantId: \${TENANT}
      timeoutSec: 30
      list: ["$TENANT", 2]
      price: "5$$"
    secureJsonData:
      basicAuthPassword: \${PASS}
      apiKey: 12345
`
    );
    const [ds] = readProvisioning(dir, env).datasources;
    expect(ds.record).toEqual({
      uid: 'profiles',
      orgId: 1,
      name: 'Profiles',
      type: 'flamelens-pyroscope-datasource',
      access: 'proxy',
      url: 'http://pyro:4040',
      user: '',
      database: '',
      basicAuth: true,
      basicAuthUser: 'team-a',
      withCredentials: false,
      isDefault: true,
      jsonData: { tenantId: 'team-a', timeoutSec: 30, list: ['team-a', 2], price: '5$' },
      version: 3,
      readOnly: false,
    });
    expect(ds.secureJsonData).toEqual({ basicAuthPassword: 'p@ss', apiKey: '12345' });
  });

  it('applies Grafana defaults: proxy access, read-only unless editable, version 1, a stable generated uid', () => {
    write('datasources/a.yml', 'apiVersion: 1\ndatasources:\n  - name: P\n    type: prometheus\n    access: weird\n');
    const first = readProvisioning(dir, env).datasources[0].record;
    expect(first).toMatchObject({ access: 'proxy', readOnly: true, version: 1, url: '', jsonData: {} });
    expect(first.uid).toMatch(/^[0-9a-f]{14}$/);
    expect(readProvisioning(dir, env).datasources[0].record.uid).toBe(first.uid);
  });

  it('reads files in name order, upserts by name and honours deleteDatasources', () => {
    write(
      'datasources/b.yaml',
      'apiVersion: 1\ndatasources:\n  - {name: B, type: t, url: b1}\n  - {name: C, type: t}\n'
    );
    write(
      'datasources/a.yaml',
      'apiVersion: 1\ndatasources:\n  - {name: A, type: t}\n  - {name: B, type: t, url: b0}\n'
    );
    write('datasources/c.yaml', 'apiVersion: 1\ndeleteDatasources:\n  - {name: A, orgId: 1}\n');
    write('datasources/ignored.json', '{}');
    const names = readProvisioning(dir, env).datasources.map((ds) => [ds.record.name, ds.record.url]);
    expect(names).toEqual([
      ['B', 'b1'],
      ['C', ''],
    ]);
  });

  it('refuses two default datasources', () => {
    write('datasources/a.yaml', 'apiVersion: 1\ndatasources:\n  - {name: A, type: t, isDefault: true}\n');
    write('datasources/b.yaml', 'apiVersion: 1\ndatasources:\n  - {name: B, type: t, isDefault: true}\n');
    expect(() => readProvisioning(dir, env)).toThrow(/Only one datasource per organization can be marked as default/);
  });

  it('names the file for broken YAML, bad booleans and unsupported versions', () => {
    const broken = write('datasources/broken.yaml', 'apiVersion: 1\ndatasources:\n  - name: [A\n');
    expect(() => readProvisioning(dir, env)).toThrow(ProvisioningError);
    expect(() => readProvisioning(dir, env)).toThrow(broken);
    rmSync(broken);
    write('datasources/bool.yaml', 'apiVersion: 1\ndatasources:\n  - {name: A, type: t, isDefault: yes}\n');
    expect(() => readProvisioning(dir, env)).toThrow(/bool\.yaml.*"A".*isDefault.*ParseBool/);
    write('datasources/bool.yaml', 'datasources:\n  - {name: A, type: t}\n');
    expect(() => readProvisioning(dir, env)).toThrow(/bool\.yaml: apiVersion null is not supported/);
  });

  it('refuses a missing provisioning folder', () => {
    expect(() => readProvisioning(join(dir, 'nope'), env)).toThrow(/provisioning folder .*nope does not exist/);
  });
});

describe('readProvisioning: dashboards', () => {
  it('reads *.json dashboards in file name order and ignores provider YAML', () => {
    write('dashboards/provider.yaml', 'apiVersion: 1\nproviders: [{name: x, options: {path: /x}}]\n');
    write('dashboards/b.json', JSON.stringify({ uid: 'b', title: 'Second', tags: ['x', 3] }));
    write('dashboards/a.json', JSON.stringify({ uid: 'a', title: 'First', panels: [] }));
    const dashboards = readProvisioning(dir, env).dashboards;
    expect(dashboards.map((d) => [d.fileName, d.uid, d.title, d.tags])).toEqual([
      ['a.json', 'a', 'First', []],
      ['b.json', 'b', 'Second', ['x']],
    ]);
    expect(dashboards[0].dashboard).toEqual({ uid: 'a', title: 'First', panels: [] });
  });

  it('names the file for broken JSON and for a dashboard without uid or title', () => {
    const broken = write('dashboards/broken.json', '{"uid": "x",');
    expect(() => readProvisioning(dir, env)).toThrow(new RegExp(`cannot parse dashboard file ${broken}`));
    write('dashboards/broken.json', JSON.stringify({ title: 'T' }));
    expect(() => readProvisioning(dir, env)).toThrow(/broken\.json: needs a "uid"/);
    write('dashboards/broken.json', JSON.stringify({ uid: 'u' }));
    expect(() => readProvisioning(dir, env)).toThrow(/broken\.json: dashboard title cannot be empty/);
  });
});

describe('the repository provisioning folder', () => {
  it('provisions the demo datasources from PYROSCOPE_URL and PROMETHEUS_URL and the demo dashboard', () => {
    const repo = readProvisioning(resolve(__dirname, '..', '..', '..', 'provisioning'), {
      PYROSCOPE_URL: 'http://127.0.0.1:4040',
      PROMETHEUS_URL: 'http://127.0.0.1:9090',
    });
    expect(repo.datasources.map((ds) => [ds.record.uid, ds.record.url, ds.record.isDefault])).toEqual([
      ['flamelens-pyroscope', 'http://127.0.0.1:4040', true],
      ['flamelens-prometheus', 'http://127.0.0.1:9090', false],
    ]);
    expect(repo.dashboards[0].uid).toBe('flamelens-demo');
  });
});
