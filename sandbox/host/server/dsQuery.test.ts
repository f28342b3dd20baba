/** @jest-environment node */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startHostServer, type HostServer } from '../server';
import { parseRange } from './dsQuery';

/** What the fake Prometheus saw. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const MATRIX = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [{ metric: { job: 'demo', instance: 'a:1' }, values: [[1700000000, '0.5']] }],
  },
};

let prom: Server;
let promUrl: string;
let seen: Seen[];
let dir: string;
let host: HostServer;

beforeAll(async () => {
  seen = [];
  prom = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (body.includes('slow')) {
        const late = setTimeout(() => send(200, MATRIX), 2000);
        res.on('close', () => clearTimeout(late));
      } else if (body.includes('broken') || req.url?.includes('broken')) {
        send(400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 7' });
      } else if (req.url?.includes('/api/v1/labels')) {
        send(200, { status: 'success', data: ['job'] });
      } else if (req.url?.includes('/api/v1/query') && body.includes('1%2B1')) {
        send(200, { status: 'success', data: { resultType: 'scalar', result: [4, '2'] } });
      } else {
        send(200, MATRIX);
      }
    });
  });
  await new Promise<void>((resolve) => prom.listen(0, '127.0.0.1', resolve));
  promUrl = `http://127.0.0.1:${(prom.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'ds-query-'));
  mkdirSync(join(dir, 'provisioning', 'datasources'), { recursive: true });
  mkdirSync(join(dir, 'dist'));
  writeFileSync(
    join(dir, 'provisioning', 'datasources', 'ds.yaml'),
    `apiVersion: 1
datasources:
  - name: Prom
    uid: prom
    type: prometheus
    url: \${PROM}
    basicAuth: true
    basicAuthUser: reader
    jsonData:
      timeInterval: 5s
      httpHeaderName1: X-Scope-OrgID
      customQueryParameters: dedup=false
    secureJsonData:
      basicAuthPassword: s3cret
      httpHeaderValue1: tenant-1
  - name: Slow
    uid: slow
    type: prometheus
    url: \${PROM}
    jsonData:
      queryTimeout: 200ms
  - name: Down
    uid: down
    type: prometheus
    url: http://127.0.0.1:1
`
  );
  host = await startHostServer({
    provisioningDir: join(dir, 'provisioning'),
    pluginDistDir: join(dir, 'dist'),
    env: { PROM: promUrl },
  });
});

afterAll(async () => {
  await host?.close();
  await new Promise((r) => prom?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  seen = [];
});

/** The parts of an answer these tests read (the shape is checked by the assertions themselves). */
type Answer = { message?: string; results: Record<string, { status: number; error?: string; frames: Frame[] }> };
type Frame = { schema: { meta: { executedQueryString?: string }; fields: Array<{ config?: object }> } };

async function dsQuery(body: unknown): Promise<{ status: number; json: Answer }> {
  const res = await fetch(`${host.url}/api/ds/query?ds_type=prometheus`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Answer };
}

const HOUR = 3_600_000;
const FROM = 1_700_000_000_000;

function promQuery(over: Record<string, unknown> = {}) {
  return {
    refId: 'A',
    datasource: { type: 'prometheus', uid: 'prom' },
    expr: 'rate(x[$__rate_interval])',
    legendFormat: '{{job}} CPU',
    range: true,
    intervalMs: 2000,
    maxDataPoints: 1000,
    ...over,
  };
}

describe('POST /api/ds/query for Prometheus', () => {
  it('runs a range query as Grafana does: form POST, step, macros, credentials; frames named by the legend', async () => {
    const { status, json } = await dsQuery({ queries: [promQuery()], from: String(FROM), to: String(FROM + HOUR) });
    expect(status).toBe(200);
    expect(seen).toHaveLength(1);
    const call = seen[0];
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/api/v1/query_range?dedup=false');
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from('reader:s3cret').toString('base64')}`);
    expect(call.headers['x-scope-orgid']).toBe('tenant-1');
    expect(call.headers['user-agent']).toMatch(/^Grafana\//);
    const form = new URLSearchParams(call.body);
    // 1 h / 1000 points = 3.6 s → 5 s; rate interval max(2 s + 5 s, 4 × 5 s) = 20 s
    expect(form.get('step')).toBe('5');
    expect(form.get('query')).toBe('rate(x[20s])');
    expect(form.get('start')).toBe(String(FROM / 1000));
    const result = json.results.A;
    expect(result.status).toBe(200);
    expect(result.frames[0].schema.fields[1].config).toEqual({ displayNameFromDS: 'demo CPU' });
    expect(result.frames[0].schema.meta.executedQueryString).toBe('Expr: rate(x[20s])\nStep: 5s');
  });

  it('an instant query asks /api/v1/query at the end of the range', async () => {
    await dsQuery({
      queries: [promQuery({ range: false, instant: true })],
      from: String(FROM),
      to: String(FROM + HOUR),
    });
    expect(seen[0].url).toBe('/api/v1/query?dedup=false');
    expect(new URLSearchParams(seen[0].body).get('time')).toBe(String((FROM + HOUR) / 1000));
  });

  it("reports Prometheus' error per query and answers 400, keeping the other queries' data", async () => {
    const { status, json } = await dsQuery({
      queries: [promQuery({ expr: 'broken(' }), promQuery({ refId: 'B' })],
      from: String(FROM),
      to: String(FROM + HOUR),
    });
    expect(status).toBe(400);
    expect(json.results.A).toMatchObject({ status: 400, error: 'bad_data: parse error at char 7' });
    expect(json.results.B.status).toBe(200);
    expect(json.results.B.frames).toHaveLength(1);
  });

  it('an unreachable Prometheus is a 502 in words of Go', async () => {
    const { status, json } = await dsQuery({
      queries: [promQuery({ datasource: { type: 'prometheus', uid: 'down' } })],
      from: String(FROM),
      to: String(FROM + HOUR),
    });
    expect(status).toBe(400);
    expect(json.results.A.status).toBe(502);
    expect(json.results.A.error).toBe(
      'Post "http://127.0.0.1:1/api/v1/query_range": dial tcp 127.0.0.1:1: connect: connection refused'
    );
  });

  it('a Prometheus slower than queryTimeout is a 502 deadline error', async () => {
    const { json } = await dsQuery({
      queries: [promQuery({ datasource: { type: 'prometheus', uid: 'slow' }, expr: 'slow' })],
      from: String(FROM),
      to: String(FROM + HOUR),
    });
    expect(json.results.A.status).toBe(502);
    expect(json.results.A.error).toMatch(
      /^Post "http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query_range": context deadline exceeded/
    );
  });

  it('refuses bad requests as the API does', async () => {
    expect(await dsQuery({ queries: [], from: '0', to: '1' })).toEqual({
      status: 400,
      json: { message: 'No queries found' },
    });
    expect((await dsQuery({ queries: [promQuery({ datasource: { uid: 'nope' } })], from: '0', to: '1' })).status).toBe(
      404
    );
    expect((await dsQuery({ queries: [promQuery()], from: 'yesterday', to: '1' })).json).toEqual({
      message: 'bad request data',
    });
  });
});

describe('health and resources', () => {
  it('the health check runs 1+1 as an instant query', async () => {
    const ok = await fetch(`${host.url}/api/datasources/uid/prom/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'OK', message: 'Successfully queried the Prometheus API.' });
    const down = await fetch(`${host.url}/api/datasources/uid/down/health`);
    expect(down.status).toBe(400);
    expect(((await down.json()) as { message: string }).message).toMatch(
      /connection refused - There was an error returned querying the Prometheus API\.$/
    );
  });

  it('resource calls reach Prometheus with the datasource credentials', async () => {
    const res = await fetch(`${host.url}/api/datasources/uid/prom/resources/api/v1/labels?start=1&end=2`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'success', data: ['job'] });
    expect(seen[0].url).toBe('/api/v1/labels?start=1&end=2');
    expect(seen[0].headers['x-scope-orgid']).toBe('tenant-1');
  });
});

describe('parseRange', () => {
  it('reads epoch milliseconds and now-relative times', () => {
    expect(parseRange('1000', 2000, 10_000)).toEqual({ fromMs: 1000, toMs: 2000 });
    expect(parseRange('now-1h', 'now', 10 * HOUR)).toEqual({ fromMs: 9 * HOUR, toMs: 10 * HOUR });
    expect(() => parseRange('later', 'now')).toThrow('bad request data');
  });
});
