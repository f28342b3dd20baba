/**
 * @jest-environment node
 */
/**
 * The bundled dashboard on a user's own datasources: its `prometheus` and `pyroscope` datasource variables (scenes'
 * DataSourceVariable) pick the datasources its panels query. The host runs the built plugin over the seeded test
 * server and a real Prometheus (Debian's `prometheus`) holding the same hours of the workload's CPU (backfilled from
 * the seeded history, as the demo does). Two hosts:
 *
 * - "Grafana with ours and the user's": the provisioned Prometheus (uid flamelens-prometheus) points at a closed port,
 *   the user's ("Team Prometheus", uid team-prom) at the real one, and a second Flamelens datasource (team-profiles)
 *   sits beside the provisioned one. Chosen through the URL (`var-prometheus=team-prom&var-pyroscope=team-profiles`),
 *   the CPU panel's backend query names team-prom and draws the CPU, and the profile requests go through
 *   `/api/datasources/proxy/uid/team-profiles/`, never the provisioned ones.
 * - "a Grafana without our uids" (a Helm install with its own Prometheus, a user's Grafana): only team-prom and
 *   team-profiles exist; without `var-*` in the URL the variables fall back to them and the panels draw.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Request } from 'playwright-core';

import { cpuHistoryOpenMetrics } from '../../sandbox/demo/prometheusHistory';
import { startPrometheus, type RunningPrometheus } from '../../sandbox/demo/prometheus';
import { startHostServer, type HostServer } from '../../sandbox/host/server';
import { launchChromium } from '../support/browser';
import { saveScreenshot, waitForPaint } from '../support/panelPage';
import {
  openSandboxPage,
  poll,
  searchParams,
  startSeededPyroscope,
  type SandboxPage,
  type SeededPyroscope,
} from '../support/sandbox';

jest.setTimeout(240_000);

const ROOT = join(__dirname, '..', '..');

let browser: Browser;
let seeded: SeededPyroscope;
let prometheus: RunningPrometheus;
const hosts: HostServer[] = [];
const dirs: string[] = [];

/** A provisioning folder with the repository's dashboards and apps, and these datasources. */
function provisioning(datasources: Array<{ name: string; uid: string; type: string; url: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flamelens-ds-vars-'));
  dirs.push(dir);
  cpSync(join(ROOT, 'provisioning', 'dashboards'), join(dir, 'dashboards'), { recursive: true });
  cpSync(join(ROOT, 'provisioning', 'plugins'), join(dir, 'plugins'), { recursive: true });
  mkdirSync(join(dir, 'datasources'));
  const yaml = datasources.map((d) =>
    [
      `  - name: ${d.name}`,
      `    uid: ${d.uid}`,
      `    type: ${d.type}`,
      '    access: proxy',
      `    url: ${d.url}`,
      ...(d.type === 'prometheus' ? ['    jsonData:', '      timeInterval: 5s'] : []),
    ].join('\n')
  );
  writeFileSync(join(dir, 'datasources', 'ds.yaml'), `apiVersion: 1\ndatasources:\n${yaml.join('\n')}\n`);
  return dir;
}

beforeAll(async () => {
  browser = await launchChromium();
  seeded = await startSeededPyroscope();
  prometheus = await startPrometheus({
    // Nothing live to scrape (the history is all the panel needs); Prometheus asks for one target.
    targets: [{ job: 'nothing', address: '127.0.0.1:9' }],
    backfill: cpuHistoryOpenMetrics(seeded.history, { job: 'demo-workload', instance: 'workload:9100' }),
    retention: '30d',
  });
});
afterAll(async () => {
  await browser?.close();
  for (const host of hosts) {
    await host.close();
  }
  await prometheus?.close();
  await seeded?.close();
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

const TEAM = [
  { name: 'Team Prometheus', uid: 'team-prom', type: 'prometheus' },
  { name: 'Team profiles', uid: 'team-profiles', type: 'flamelens-pyroscope-datasource' },
];

/** What the page asked: the CPU panel's backend queries (datasource uids) and the profile requests' proxy uids. */
function recordRequests(ui: SandboxPage): { cpuQueryUids: string[]; proxyUids: string[] } {
  const seen = { cpuQueryUids: [] as string[], proxyUids: [] as string[] };
  ui.page.on('request', (request: Request) => {
    const url = request.url();
    const proxied = /\/api\/datasources\/proxy\/uid\/([^/]+)\//.exec(url);
    if (proxied) {
      seen.proxyUids.push(decodeURIComponent(proxied[1]));
    }
    const body = request.postData() ?? '';
    if (url.includes('/api/ds/query') && body.includes('{{job}} CPU')) {
      const queries = (JSON.parse(body) as { queries: Array<{ datasource?: { uid?: string } }> }).queries;
      seen.cpuQueryUids.push(...queries.map((q) => String(q.datasource?.uid)));
    }
  });
  return seen;
}

/** The CPU panel's tooltip value at the middle of the plot, once it has drawn. */
async function cpuAtMiddle(ui: SandboxPage): Promise<number> {
  const plot = ui.page.locator('[data-panel-id="1"] .u-over');
  await plot.waitFor();
  const box = (await plot.boundingBox())!;
  return poll('the CPU tooltip', 30_000, async () => {
    await ui.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const text =
      (await ui.page
        .locator('[data-testid="timeseries-tooltip"]')
        .first()
        .textContent({ timeout: 2_000 })
        .catch(() => '')) ?? '';
    const m = /demo-workload CPU\s*([\d.]+)/.exec(text);
    return m ? Number(m[1]) : undefined;
  });
}

function range(): string {
  const to = seeded.history.toMs - 60_000;
  return `from=${to - 30 * 60_000}&to=${to}`;
}

it("a Grafana with ours and the user's: the variables in the URL pick the user's datasources", async () => {
  const host = await startHostServer({
    port: 0,
    provisioningDir: provisioning([
      {
        name: 'Profiles',
        uid: 'flamelens-pyroscope',
        type: 'flamelens-pyroscope-datasource',
        url: seeded.pyroscope.url,
      },
      // Ours answers nothing: a panel that ignored the variable would show an error instead of the CPU.
      { name: 'Prometheus', uid: 'flamelens-prometheus', type: 'prometheus', url: 'http://127.0.0.1:9' },
      { ...TEAM[0], url: prometheus.url },
      { ...TEAM[1], url: seeded.pyroscope.url },
    ]),
  });
  hosts.push(host);
  const ui = await openSandboxPage(browser, host.url);
  try {
    const seen = recordRequests(ui);
    await ui.open(`/d/flamelens-demo?${range()}&var-prometheus=team-prom&var-pyroscope=team-profiles`);
    expect(await cpuAtMiddle(ui)).toBeGreaterThan(0);
    await waitForPaint(ui.page, 'flamelens-canvas');
    await saveScreenshot(ui.page, 'datasource-variables-users-own');

    expect(seen.cpuQueryUids.length).toBeGreaterThan(0);
    expect(new Set(seen.cpuQueryUids)).toEqual(new Set(['team-prom']));
    expect(seen.proxyUids.length).toBeGreaterThan(0);
    expect(new Set(seen.proxyUids)).toEqual(new Set(['team-profiles']));
    // The variable pickers show the user's datasources by name.
    for (const name of ['Team Prometheus', 'Team profiles']) {
      expect(await ui.page.getByText(name, { exact: true }).count()).toBeGreaterThan(0);
    }
    expect(ui.errors).toEqual([]);
  } finally {
    await ui.close();
  }
});

it('a Grafana without our uids: the variables fall back to the datasources it has, and the panels draw', async () => {
  const host = await startHostServer({
    port: 0,
    provisioningDir: provisioning([
      { ...TEAM[0], url: prometheus.url },
      { ...TEAM[1], url: seeded.pyroscope.url },
    ]),
  });
  hosts.push(host);
  const ui = await openSandboxPage(browser, host.url);
  try {
    const seen = recordRequests(ui);
    await ui.open(`/d/flamelens-demo?${range()}`);
    expect(await cpuAtMiddle(ui)).toBeGreaterThan(0);
    await waitForPaint(ui.page, 'flamelens-canvas');
    expect(new Set(seen.cpuQueryUids)).toEqual(new Set(['team-prom']));
    expect(new Set(seen.proxyUids)).toEqual(new Set(['team-profiles']));
    // Scenes writes the chosen values into the URL.
    await poll('the variables in the URL', 10_000, async () =>
      searchParams(ui.page).get('var-prometheus') === 'team-prom' ? true : undefined
    );
    expect(searchParams(ui.page).get('var-pyroscope')).toBe('team-profiles');
    expect(ui.errors).toEqual([]);
  } finally {
    await ui.close();
  }
});
