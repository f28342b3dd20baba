/**
 * A real agent end to end: a Node workload profiled by @pyroscope/nodejs uploads to the test server; the datasource
 * then finds the service and a flame graph in which the workload's hot function appears.
 */
import { execFile } from 'child_process';
import path from 'path';
import { firstValueFrom } from 'rxjs';

import type { ProfileQuery } from '../src/datasource/types';
import { dataFrameToProfile } from '../src/model/frame';
import { searchProfile } from '../src/model/transforms/search';
import { startPyroscopeServer, type PyroscopeServer } from '../sandbox/pyroscope/server';
import { datasourceFor, queryRequest } from './support/datasource';

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
    const ds = datasourceFor(server.url);
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
    const req = queryRequest([q], range.fromMs, range.toMs);
    const res = await firstValueFrom(ds.query(req));
    expect(res.errors).toBeUndefined();
    const profile = dataFrameToProfile(res.data[0]);
    const hot = searchProfile(profile, { text: 'flowAdvJsonRoundTrip', caseSensitive: true });
    expect(hot.nodeCount).toBeGreaterThan(0);
    // The workload spends most of its time there.
    expect(hot.matchedTotal / profile.total[0]).toBeGreaterThan(0.3);
  });
});
