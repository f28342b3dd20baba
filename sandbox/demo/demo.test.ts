/**
 * @jest-environment node
 */
/**
 * The whole demo in-process, as browser tests start it: every port 0, a fast spike schedule. Needs the built plugin
 * (dist/, `npm run build`) for the host's plugin catalogue, and the real Prometheus binary.
 */
import { existsSync } from 'node:fs';

import { DEFAULT_TENANT } from '../pyroscope/store';
import { startDemo, type RunningDemo } from './demo';
import { NO_PROMETHEUS_TITLE } from './provisioning';
import { isRunning } from './testing/processes';

jest.setTimeout(90_000);

const FAST = {
  ports: { host: 0, pyroscope: 0, metrics: 0, prometheus: 0 },
  historyHours: 1,
  spike: { firstMs: 500, everyMs: 60_000, durationMs: 2000 },
  flushIntervalMs: 1000,
  scrapeIntervalSec: 1,
};

async function json(url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  expect(res.status).toBe(200);
  return res.json();
}

describe('startDemo with Prometheus', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemo({ ...FAST, prometheus: true });
  });
  afterAll(() => demo?.close());

  it('serves the dashboard page and the provisioned datasources', async () => {
    expect(demo.urls.dashboard).toBe(`${demo.urls.host}/d/flamelens-demo`);
    expect((await fetch(demo.urls.dashboard)).status).toBe(200);
    const datasources = (await json(`${demo.urls.host}/api/datasources`)) as Array<{ type: string; url: string }>;
    expect(datasources.map((d) => [d.type, d.url]).sort()).toEqual([
      ['flamelens-pyroscope-datasource', demo.urls.pyroscope],
      ['prometheus', demo.urls.prometheus],
    ]);
  });

  it('has history and live profiles of demo-workload, reachable through the datasource proxy', async () => {
    await demo.workload.waitFor('spike-end', { sinceMs: 0, timeoutMs: 15_000 });
    await new Promise((r) => setTimeout(r, 1500)); // one more upload
    const body = {
      start: demo.history.fromMs,
      end: Date.now(),
      profileTypeID: 'wall:cpu:nanoseconds:wall:nanoseconds',
    };
    const [cpu] = demo.pyroscope.store.select(
      [DEFAULT_TENANT],
      (l) => l.service_name === 'demo-workload' && l.__profile_type__ === body.profileTypeID
    );
    const startedAt = demo.workload.ready.startedAt;
    expect(cpu.times[0]).toBeLessThanOrEqual(startedAt - 3600_000 + 15_000);
    // An hour of 15 s steps, the last one ending before the workload started.
    expect(Math.round(cpu.times.filter((t) => t < startedAt).length / 10)).toBe(24);
    expect(cpu.times.filter((t) => t >= startedAt - 1000).length).toBeGreaterThanOrEqual(2);
    // The same query through the host's datasource proxy, as the plugin sends it.
    const proxied = await fetch(
      `${demo.urls.host}/api/datasources/proxy/uid/flamelens-pyroscope/querier.v1.QuerierService/ProfileTypes`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Connect-Protocol-Version': '1' },
        body: JSON.stringify({ start: body.start, end: body.end }),
      }
    );
    expect(proxied.status).toBe(200);
    expect(await proxied.text()).toContain('wall:cpu:nanoseconds:wall:nanoseconds');
  });

  it('lets Prometheus scrape the workload', async () => {
    let value = '';
    for (let i = 0; i < 50 && value === ''; i++) {
      const res = (await json(`${demo.urls.prometheus}/api/v1/query?query=up%7Bjob%3D%22demo-workload%22%7D`)) as {
        data: { result: Array<{ value: [number, string] }> };
      };
      value = res.data.result[0]?.value[1] ?? '';
      if (value === '') {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(value).toBe('1');
  });

  it('stops every child process on close', async () => {
    expect(demo.childPids).toHaveLength(2);
    expect(demo.childPids.every(isRunning)).toBe(true);
    await demo.close();
    expect(demo.childPids.filter(isRunning)).toEqual([]);
    await expect(fetch(demo.urls.pyroscope + '/ready')).rejects.toThrow();
    await expect(fetch(demo.urls.host)).rejects.toThrow();
  });
});

describe('startDemo without Prometheus', () => {
  it('provisions a copy whose CPU panel reads the profiles, and removes it on close', async () => {
    const demo = await startDemo({ ...FAST, prometheus: false });
    try {
      expect(demo.prometheus).toBe(false);
      expect(demo.urls.prometheus).toBeUndefined();
      const datasources = (await json(`${demo.urls.host}/api/datasources`)) as Array<{ type: string }>;
      expect(datasources.map((d) => d.type)).toEqual(['flamelens-pyroscope-datasource']);
      const dashboard = (await json(`${demo.urls.host}/api/dashboards/uid/flamelens-demo`)) as {
        dashboard: { panels: Array<{ id: number; title: string }> };
      };
      expect(dashboard.dashboard.panels.find((p) => p.id === 1)?.title).toContain(NO_PROMETHEUS_TITLE);
    } finally {
      await demo.close();
    }
    expect(existsSync(demo.provisioningDir)).toBe(false);
    expect(demo.childPids.filter(isRunning)).toEqual([]);
  });

  it('names the port and its variable when a port is taken', async () => {
    const first = await startDemo({ ...FAST, prometheus: false });
    try {
      const port = Number(new URL(first.urls.pyroscope).port);
      await expect(
        startDemo({ ...FAST, prometheus: false, ports: { ...FAST.ports, pyroscope: port } })
      ).rejects.toThrow(
        `port ${port} (the Pyroscope test server) is already in use: stop whatever listens there, or pick another ` +
          `port with PYROSCOPE_PORT, e.g. \`PYROSCOPE_PORT=${port + 1} npm run demo\``
      );
    } finally {
      await first.close();
    }
  });
});
