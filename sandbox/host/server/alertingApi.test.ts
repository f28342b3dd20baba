/** @jest-environment node */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ProvisionedAlertRule } from './alerting';
import { handleAlertingApi, isAlertingApiPath } from './alertingApi';

function rule(uid: string, annotations: Record<string, string>, group = 'g'): ProvisionedAlertRule {
  return {
    id: 1,
    orgId: 1,
    uid,
    title: `Rule ${uid}`,
    condition: 'C',
    data: [
      {
        refId: 'A',
        queryType: '',
        relativeTimeRange: { from: 300, to: 0 },
        datasourceUid: 'prom',
        model: { expr: 'up', refId: 'A' },
      },
    ],
    noDataState: 'OK',
    execErrState: 'Error',
    for: '30s',
    forSec: 30,
    annotations,
    labels: { team: 't' },
    isPaused: false,
    folderTitle: 'Folder',
    folderUid: 'folder-uid',
    group,
    intervalSec: 30,
    fileName: 'a.yaml',
  };
}

const rules = [
  rule('a', { __dashboardUid__: 'dash', __panelId__: '1' }),
  rule('b', { __dashboardUid__: 'dash', __panelId__: '2' }, 'other'),
  rule('c', {}),
];

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => handleAlertingApi(req, res, rules));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("Grafana's ruler API (read-only)", () => {
  it('answers every rule grouped by folder title and group, in the ruler shape', async () => {
    const { status, body } = await get('/api/ruler/grafana/api/v1/rules');
    expect(status).toBe(200);
    const groups = body.Folder as Array<{ name: string; interval: string; rules: Array<Record<string, unknown>> }>;
    expect(groups.map((g) => [g.name, g.interval, g.rules.length])).toEqual([
      ['g', '30s', 2],
      ['other', '30s', 1],
    ]);
    expect(groups[0].rules[0]).toMatchObject({
      expr: '',
      for: '30s',
      labels: { team: 't' },
      grafana_alert: {
        uid: 'a',
        title: 'Rule a',
        condition: 'C',
        intervalSeconds: 30,
        namespace_uid: 'folder-uid',
        rule_group: 'g',
        no_data_state: 'OK',
        exec_err_state: 'Error',
        provenance: 'file',
        data: [{ refId: 'A', relativeTimeRange: { from: 300, to: 0 }, datasourceUid: 'prom' }],
      },
    });
  });

  it('filters by dashboard_uid and panel_id', async () => {
    const uids = (body: Record<string, unknown>) =>
      Object.values(body)
        .flat()
        .flatMap((g) =>
          (g as { rules: Array<{ grafana_alert: { uid: string } }> }).rules.map((r) => r.grafana_alert.uid)
        );
    expect(uids((await get('/api/ruler/grafana/api/v1/rules?dashboard_uid=dash')).body)).toEqual(['a', 'b']);
    expect(uids((await get('/api/ruler/grafana/api/v1/rules?dashboard_uid=dash&panel_id=2')).body)).toEqual(['b']);
    expect((await get('/api/ruler/grafana/api/v1/rules?dashboard_uid=none')).body).toEqual({});
  });

  it('refuses a panel_id without dashboard_uid, and writes', async () => {
    const { status, body } = await get('/api/ruler/grafana/api/v1/rules?panel_id=1');
    expect([status, body.message]).toEqual([400, 'panel_id must be set with dashboard_uid']);
    const res = await fetch(`${base}/api/ruler/grafana/api/v1/rules/Folder`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
  });

  it('claims only the ruler paths', () => {
    expect(isAlertingApiPath('/api/ruler/grafana/api/v1/rules')).toBe(true);
    expect(isAlertingApiPath('/api/ruler/grafana/api/v1/rules/Folder')).toBe(true);
    expect(isAlertingApiPath('/api/ruler/grafana/api/v1/rulesx')).toBe(false);
    expect(isAlertingApiPath('/api/dashboards/uid/x')).toBe(false);
  });
});
