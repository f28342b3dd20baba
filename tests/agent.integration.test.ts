/**
 * A real agent end to end: a Node workload profiled by @pyroscope/nodejs uploads to the test server; the datasource
 * then finds the service and a flame graph in which the workload's hot function appears.
 */
import { execFile } from 'child_process';
import path from 'path';
import { firstValueFrom } from 'rxjs';
import { dateTime, type DataQueryRequest, type DataSourceInstanceSettings } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import { ProfileDataSource } from '../src/datasource/datasource';
import type { ProfileDataSourceOptions, ProfileQuery } from '../src/datasource/types';
import { dataFrameToProfile } from '../src/model/frame';
import { searchProfile } from '../src/model/transforms/search';
import { startPyroscopeServer, type PyroscopeServer } from '../sandbox/pyroscope/server';
import { nodeBackendSrv } from './support/nodeBackendSrv';

jest.setTimeout(60_000);

function runWorkload(serverUrl: string, appName: string, runMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(__dirname, 'support', 'agentWorkload.js'), serverUrl, appName, String(runMs)],
      { timeout: 45_000 },
      (err, _stdout, stderr) => (err ? reject(new Error(`workload failed: ${err.message}\n${stderr}`)) : resolve())
    );
  });
}

describe('the @pyroscope/nodejs agent against the test server', () => {
  let server: PyroscopeServer;
  beforeAll(async () => {
    server = await startPyroscopeServer({});
  });
  afterAll(() => server.close());

  it('shows up as a service whose flame graph holds the hot function', async () => {
    const started = Date.now();
    await runWorkload(server.url, 'agent-demo', 5000);
    const settings = {
      uid: 'a',
      name: 'a',
      url: server.url,
      jsonData: {},
      meta: {},
    } as unknown as DataSourceInstanceSettings<ProfileDataSourceOptions>;
    const ds = new ProfileDataSource(
      settings,
      { replace: (s: string) => s } as unknown as TemplateSrv,
      nodeBackendSrv()
    );
    const range = { fromMs: started - 60_000, toMs: Date.now() + 60_000 };

    const types = await ds.getProfileTypes(range);
    const type = types.find((t) => t.sampleType === 'cpu') ?? types.find((t) => t.sampleType === 'wall');
    expect(type).toBeDefined();
    const services = await ds.getLabelValues('service_name', { profileTypeId: type!.id, range });
    expect(services).toContain('agent-demo');

    const q: ProfileQuery = {
      refId: 'A',
      queryType: 'profile',
      profileTypeId: type!.id,
      labelSelector: '{service_name="agent-demo"}',
    };
    const req = {
      targets: [q],
      range: { from: dateTime(range.fromMs), to: dateTime(range.toMs), raw: { from: 'now-5m', to: 'now' } },
      intervalMs: 15_000,
      scopedVars: {},
      requestId: 'agent',
    } as unknown as DataQueryRequest<ProfileQuery>;
    const res = await firstValueFrom(ds.query(req));
    expect(res.errors).toBeUndefined();
    const profile = dataFrameToProfile(res.data[0]);
    const hot = searchProfile(profile, { text: 'flowAdvJsonRoundTrip', caseSensitive: true });
    expect(hot.nodeCount).toBeGreaterThan(0);
    // The workload spends most of its time there.
    expect(hot.matchedTotal / profile.total[0]).toBeGreaterThan(0.3);
  });
});
