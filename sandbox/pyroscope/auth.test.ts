/**
 * @jest-environment node
 */
import { startPyroscopeServer, type PyroscopeServer } from './server';
import { connect, ingest, request } from './testClient';

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const basic = (userPass: string) => ({ Authorization: `Basic ${Buffer.from(userPass).toString('base64')}` });

async function withServer(
  options: Parameters<typeof startPyroscopeServer>[0],
  body: (s: PyroscopeServer) => Promise<void>
) {
  const server = await startPyroscopeServer(options);
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

function cpuTotal(server: PyroscopeServer, headers: Record<string, string>) {
  const now = Date.now();
  return connect(
    server.url,
    'SelectMergeStacktraces',
    { profileTypeID: CPU, labelSelector: '{}', start: now - 60_000, end: now + 60_000 },
    headers
  ).then((r) => ({ status: r.status, json: r.json }));
}

describe('multi-tenancy (grafana flavor)', () => {
  it('requires X-Scope-OrgID, keeps tenants apart and reads several with a|b', () =>
    withServer({ multitenancy: true }, async (server) => {
      const missing = await connect(server.url, 'ProfileTypes', {});
      expect([missing.status, missing.json]).toEqual([401, { code: 'unauthenticated', message: 'no org id' }]);
      expect((await ingest(server.url, { name: 'app.cpu' }, 'a 1\n')).status).toBe(401);
      expect((await request(`${server.url}/pyroscope/label-values?label=__name__`)).status).toBe(401);

      expect(
        (await ingest(server.url, { name: 'app.cpu' }, 'a 1\n', 'text/plain', { 'X-Scope-OrgID': 'team-a' })).status
      ).toBe(200);
      expect(
        (await ingest(server.url, { name: 'app.cpu' }, 'a 2\n', 'text/plain', { 'X-Scope-OrgID': 'team-b' })).status
      ).toBe(200);
      const total = async (tenant: string) => {
        const res = await cpuTotal(server, { 'X-Scope-OrgID': tenant });
        return (res.json as { flamegraph: { total?: string } }).flamegraph.total;
      };
      expect(await total('team-a')).toBe('10000000');
      expect(await total('team-b')).toBe('20000000');
      expect(await total('team-b|team-a')).toBe('30000000');
      expect(await total('team-c')).toBeUndefined();
    }));

  it('ignores the header and uses one tenant when multi-tenancy is off', () =>
    withServer({}, async (server) => {
      expect(
        (await ingest(server.url, { name: 'app.cpu' }, 'a 1\n', 'text/plain', { 'X-Scope-OrgID': 'x' })).status
      ).toBe(200);
      expect((await cpuTotal(server, { 'X-Scope-OrgID': 'y' })).status).toBe(200);
      expect(((await cpuTotal(server, {})).json as { flamegraph: { total: string } }).flamegraph.total).toBe(
        '10000000'
      );
    }));
});

describe('credentials', () => {
  it('grafana flavor: 401 {code: unauthenticated} without valid Basic or Bearer credentials; health routes stay open', () =>
    withServer({ basicAuth: 'admin:secret', bearerToken: 'tok' }, async (server) => {
      for (const headers of [{}, basic('admin:wrong'), { Authorization: 'Bearer nope' }]) {
        const res = await connect(server.url, 'ProfileTypes', {}, headers);
        expect(res.status).toBe(401);
        expect((res.json as { code: string }).code).toBe('unauthenticated');
      }
      expect((await connect(server.url, 'ProfileTypes', {}, basic('admin:secret'))).status).toBe(200);
      expect((await connect(server.url, 'ProfileTypes', {}, { Authorization: 'Bearer tok' })).status).toBe(200);
      expect((await ingest(server.url, { name: 'app.cpu' }, 'a 1\n')).status).toBe(401);
      expect((await request(`${server.url}/pyroscope/render?query=x`)).status).toBe(401);
      expect((await request(`${server.url}/ready`)).status).toBe(200);
      expect((await request(`${server.url}/api/v1/status/buildinfo`)).status).toBe(200);
    }));

  it('og flavor: 401 {"errors":["invalid credentials"]}; /healthz stays open', () =>
    withServer({ flavor: 'og', bearerToken: 'psx-key', basicAuth: 'u:p' }, async (server) => {
      const res = await request(`${server.url}/render?query=app.cpu&format=json`);
      expect([res.status, res.json]).toEqual([401, { errors: ['invalid credentials'] }]);
      expect((await request(`${server.url}/api/apps`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(
        401
      );
      expect((await request(`${server.url}/api/apps`, { headers: { Authorization: 'Bearer psx-key' } })).status).toBe(
        200
      );
      expect((await request(`${server.url}/labels`, { headers: basic('u:p') })).status).toBe(200);
      expect((await ingest(server.url, { name: 'app.cpu' }, 'a 1\n')).status).toBe(401);
      expect((await request(`${server.url}/healthz`)).status).toBe(200);
    }));
});
