/**
 * @jest-environment node
 */
/**
 * The sandbox host's Prometheus backend (`/api/ds/query`, health, resources) against the real Prometheus binary
 * (Debian's `prometheus`, as the browser tests use), scraping a tiny metrics endpoint: the frames are Grafana's
 * dataplane frames with the series labels, the legend as display name and the real samples; Prometheus' own parse
 * error comes back as Grafana reports it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startPrometheus, type RunningPrometheus } from '../sandbox/demo/prometheus';
import { startHostServer, type HostServer } from '../sandbox/host/server';

jest.setTimeout(90_000);

type Field = { name: string; labels?: Record<string, string>; config?: { displayNameFromDS?: string } };
type Frame = {
  schema: { meta: { type?: string; typeVersion?: number[] }; fields: Field[] };
  data: { values: number[][] };
};
type Answer = { results: Record<string, { status: number; error?: string; frames: Frame[] }> };

describe('the Prometheus backend against real Prometheus', () => {
  let metrics: Server;
  let prom: RunningPrometheus;
  let host: HostServer;
  let dir: string;

  beforeAll(async () => {
    metrics = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end('# TYPE tiny_value gauge\ntiny_value{kind="a"} 42\ntiny_value{kind="b"} 7\n');
    });
    await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
    const port = (metrics.address() as AddressInfo).port;
    prom = await startPrometheus({ targets: [{ job: 'tiny', address: `127.0.0.1:${port}` }], scrapeIntervalSec: 1 });
    dir = mkdtempSync(join(tmpdir(), 'prom-backend-'));
    mkdirSync(join(dir, 'provisioning', 'datasources'), { recursive: true });
    mkdirSync(join(dir, 'dist'));
    writeFileSync(
      join(dir, 'provisioning', 'datasources', 'ds.yaml'),
      'apiVersion: 1\ndatasources:\n  - name: Prometheus\n    uid: prom\n    type: prometheus\n    url: ${PROM}\n' +
        '    jsonData:\n      timeInterval: 1s\n'
    );
    host = await startHostServer({
      provisioningDir: join(dir, 'provisioning'),
      pluginDistDir: join(dir, 'dist'),
      env: { PROM: prom.url },
    });
  });

  afterAll(async () => {
    await host?.close();
    await prom?.close();
    await new Promise((r) => metrics?.close(r));
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  async function query(expr: string, fromMs: number, toMs: number): Promise<{ status: number; body: Answer }> {
    const res = await fetch(`${host.url}/api/ds/query?ds_type=prometheus`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        queries: [
          {
            refId: 'A',
            datasource: { type: 'prometheus', uid: 'prom' },
            expr,
            legendFormat: '{{kind}} value',
            range: true,
            intervalMs: 1000,
            maxDataPoints: 600,
          },
        ],
        from: String(fromMs),
        to: String(toMs),
      }),
    });
    return { status: res.status, body: (await res.json()) as Answer };
  }

  it('answers a range query with one dataplane frame per series, named by the legend', async () => {
    let frames: Frame[] = [];
    for (let i = 0; i < 60 && frames.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const now = Date.now();
      const { status, body } = await query('tiny_value', now - 60_000, now);
      expect(status).toBe(200);
      frames = body.results.A.frames.filter((f) => f.schema.fields.length === 2);
    }
    expect(frames).toHaveLength(2);
    const byKind = new Map(frames.map((f) => [f.schema.fields[1].labels?.kind, f]));
    const a = byKind.get('a');
    expect(a?.schema.meta).toMatchObject({ type: 'timeseries-multi', typeVersion: [0, 1] });
    expect(a?.schema.fields.map((f) => f.name)).toEqual(['Time', 'tiny_value']);
    expect(a?.schema.fields[1].labels).toMatchObject({ __name__: 'tiny_value', job: 'tiny', kind: 'a' });
    expect(a?.schema.fields[1].config?.displayNameFromDS).toBe('a value');
    expect(a?.data.values[1].every((v) => v === 42)).toBe(true);
    expect(byKind.get('b')?.data.values[1].every((v) => v === 7)).toBe(true);
  });

  it("reports Prometheus' parse error as Grafana does: 400, `bad_data: ...` on the query", async () => {
    const now = Date.now();
    const { status, body } = await query('sum(', now - 60_000, now);
    expect(status).toBe(400);
    expect(body.results.A.status).toBe(400);
    expect(body.results.A.error).toMatch(/^bad_data: .*parse error/);
  });

  it('passes the health check and the editor lookups', async () => {
    const health = await fetch(`${host.url}/api/datasources/uid/prom/health`);
    expect(await health.json()).toEqual({ status: 'OK', message: 'Successfully queried the Prometheus API.' });
    const labels = await fetch(`${host.url}/api/datasources/uid/prom/resources/api/v1/label/kind/values`);
    expect(((await labels.json()) as { data: string[] }).data).toEqual(['a', 'b']);
  });
});
