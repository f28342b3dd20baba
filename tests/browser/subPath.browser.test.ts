/**
 * @jest-environment node
 */
/**
 * The built plugin in Grafana served from a sub-path (`root_url = http://host/grafana/`, `serve_from_sub_path = true`),
 * in Chromium, on both server flavors: the sandbox host serves everything under /grafana/ and redirects the root. The
 * full demo dashboard renders with its queries through /grafana/api/datasources/proxy/...; a profile large enough
 * for the decode worker has the worker fetched from /grafana/public/plugins/<app>/datasource/ (also under Grafana's
 * default Content Security Policy) and its frame painted; the app page's links, the host's and a spike annotation's
 * stay under the sub-path. Every request the page makes is recorded: none may leave the sub-path.
 */
import type { Browser, Page } from 'playwright-core';

import { syntheticProfile } from '../../bench/syntheticProfile';
import { formatValue } from '../../src/model/units';
import { startPyroscopeServer, type PyroscopeServer } from '../../sandbox/pyroscope/server';
import { launchChromium } from '../support/browser';
import { startBigProfileDashboard, type BigProfileDashboard } from '../support/bigProfileDashboard';
import { cspViolations, serveWithGrafanaCsp } from '../support/grafanaCsp';
import { OG_DEMO_SERVICE, retargetDemoForOg } from '../support/ogDemo';
import { openSpikeTooltip, spikeMarker } from '../support/spikeTooltip';
import { waitForPaint, saveScreenshot } from '../support/panelPage';
import {
  openSandboxPage,
  startSandbox,
  startSeededPyroscope,
  type Sandbox,
  type SandboxPage,
  type SeededPyroscope,
} from '../support/sandbox';

jest.setTimeout(300_000);

const SUB = '/grafana';
const APP = `${SUB}/public/plugins/flamelens-profiles-app`;
const WORKER_PATH = `${APP}/datasource/decodeWorker.js`;
const PROXY = `${SUB}/api/datasources/proxy/uid/flamelens-pyroscope/`;
/** The decode worker's threshold (docs/decode-worker.md): answers of at least this many characters go to it. */
const WORKER_THRESHOLD_CHARS = 1_000_000;
const flavors = ['grafana', 'og'] as const;

/** Every request the page (and its workers) makes to the host, as path and query, with the answer's status. */
function recordRequests(page: Page, hostUrl: string) {
  const origin = new URL(hostUrl).origin;
  const seen: Array<{ path: string; status?: number }> = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin) {
      seen.push({ path: `${url.pathname}${url.search}` });
    }
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    const entry = seen.find((s) => s.status === undefined && s.path === `${url.pathname}${url.search}`);
    if (entry) {
      entry.status = response.status();
    }
  });
  return {
    seen,
    /** Requests outside the sub-path (a redirect from the root would be one). */
    outside: () => seen.filter((s) => s.path !== SUB && !s.path.startsWith(`${SUB}/`) && !s.path.startsWith(`${SUB}?`)),
    paths: () => seen.map((s) => s.path.split('?')[0]),
  };
}

/** Every root-relative link of the page (the plugin's and the host's chrome) is under the sub-path. */
async function expectLinksUnderSubPath(page: Page): Promise<void> {
  const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(2);
  expect(hrefs.filter((h) => !h?.startsWith(`${SUB}/`))).toEqual([]);
}

/** Browser errors, without the 404s pyroscope-io's flavor detection meets on Grafana Pyroscope's routes. */
function realErrors(ui: SandboxPage, flavor: (typeof flavors)[number]): string[] {
  return ui.errors.filter((e) => !(flavor === 'og' && e.includes('404 (Not Found)')));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe.each(flavors)('the demo dashboard under /grafana/ over the %s flavor', (flavor) => {
  let seeded: SeededPyroscope;
  let og: PyroscopeServer | undefined;
  let sandbox: Sandbox;
  let ui: SandboxPage;
  beforeAll(async () => {
    seeded = await startSeededPyroscope();
    og = flavor === 'og' ? await startPyroscopeServer({ flavor: 'og', store: seeded.pyroscope.store }) : undefined;
    // pyroscope-io has no Node wall profile type: there the dashboard queries a seeded Go service's CPU profile.
    sandbox = await startSandbox({
      seeded,
      subPath: SUB,
      ...(og ? { pyroscopeUrl: og.url, prepare: retargetDemoForOg } : {}),
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await og?.close();
    await seeded?.close();
  });
  beforeEach(async () => {
    ui = await openSandboxPage(browser, sandbox.url);
  });
  afterEach(() => ui.close());

  it('renders every panel, queries through the sub-path’s proxy, and asks nothing outside it', async () => {
    const requests = recordRequests(ui.page, sandbox.url);
    const toMs = Math.floor(sandbox.nowMs / 60_000) * 60_000 - 60_000;
    await ui.open(`/d/flamelens-demo?from=${toMs - 30 * 60_000}&to=${toMs}`);
    expect(new URL(ui.page.url()).pathname).toBe(`${SUB}/d/flamelens-demo`);
    await waitForPaint(ui.page);
    const header = (await ui.page.locator('[data-panel-id="2"] [data-testid="flamelens-header"]').textContent()) ?? '';
    expect(header).toContain(flavor === 'og' ? OG_DEMO_SERVICE : 'demo-workload');
    // The comparison and top-functions panels, and the CPU series drawn from the profiles (uPlot's canvas).
    for (const id of [3, 4]) {
      await ui.page.locator(`[data-panel-id="${id}"] [data-testid="flamelens-panel"]`).waitFor();
    }
    for (const id of [2, 3, 4]) {
      expect([id, await ui.page.locator(`[data-panel-id="${id}"]`).textContent()]).toEqual([
        id,
        expect.not.stringMatching(/failed|error/i),
      ]);
    }
    await ui.page.locator('[data-panel-id="1"] canvas').first().waitFor();
    await saveScreenshot(ui.page, `sub-path-dashboard-${flavor}`);
    const proxied = requests.paths().filter((p) => p.startsWith(PROXY));
    expect(proxied.length).toBeGreaterThan(0);
    expect(requests.paths()).toEqual(
      expect.arrayContaining([
        `${APP}/datasource/module.js`,
        `${APP}/panel/module.js`,
        `${SUB}/api/dashboards/uid/flamelens-demo`,
      ])
    );
    expect(requests.outside()).toEqual([]);
    expect(requests.seen.filter((s) => s.status === 301)).toEqual([]);
    expect(realErrors(ui, flavor)).toEqual([]);
  });

  it('serves the app page, whose links open the host’s pages under the sub-path', async () => {
    const requests = recordRequests(ui.page, sandbox.url);
    await ui.open('/a/flamelens-profiles-app');
    expect(requests.paths()).toContain(`${APP}/module.js`);
    const add = ui.page.locator('[data-testid="flamelens-add-datasource"]');
    expect(await add.getAttribute('href')).toBe(`${SUB}/connections/datasources/new`);
    expect(await ui.page.getByRole('link', { name: 'Your data sources' }).getAttribute('href')).toBe(
      `${SUB}/connections/datasources`
    );
    await expectLinksUnderSubPath(ui.page);
    // The plugin's link, then the host's: each an in-app navigation that stays under the sub-path.
    await add.click();
    await ui.page.waitForURL((url) => url.pathname === `${SUB}/connections/datasources/new`);
    await ui.page.getByText('Flamelens Pyroscope').first().waitFor();
    await expectLinksUnderSubPath(ui.page);
    await ui.page.getByRole('link', { name: 'Cancel' }).click();
    await ui.page.waitForURL((url) => url.pathname === `${SUB}/connections/datasources`);
    await ui.page.locator(`a[href="${SUB}/connections/datasources/edit/flamelens-pyroscope"]`).waitFor();
    await expectLinksUnderSubPath(ui.page);
    await ui.page.goBack();
    await ui.page.goBack();
    await ui.page.waitForURL((url) => url.pathname === `${SUB}/a/flamelens-profiles-app`);
    await add.waitFor();
    expect(requests.outside()).toEqual([]);
    expect(realErrors(ui, flavor)).toEqual([]);
  });

  it('redirects a page outside the sub-path into it, as Grafana does', async () => {
    const root = new URL(sandbox.url).origin;
    const res = await fetch(`${root}/d/flamelens-demo?orgId=1`, { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([301, `${sandbox.url}/d/flamelens-demo?orgId=1`]);
  });
});

// The seeded spikes are the Node workload's wall profile, which pyroscope-io has no equivalent of: Grafana Pyroscope only.
describe('spike annotations under /grafana/', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ subPath: SUB });
  });
  afterAll(() => sandbox?.close());

  it('gives spike annotations links to this dashboard under the sub-path', async () => {
    const spikes = sandbox.history.spikes.filter((s) => s.startMs - 40 * 60_000 > sandbox.history.fromMs);
    const spike = spikes[spikes.length - 2];
    const ui = await openSandboxPage(browser, sandbox.url);
    const requests = recordRequests(ui.page, sandbox.url);
    try {
      await ui.open(`/d/flamelens-demo?from=${spike.startMs - 20 * 60_000}&to=${spike.startMs + 10 * 60_000}`);
      const { tip, href, focus } = await openSpikeTooltip(ui.page, await spikeMarker(ui.page, spike));
      // An absolute path: Grafana reads a link without a leading slash from the app's root, not from this dashboard.
      expect(href.split('?')[0]).toBe(`${SUB}/d/flamelens-demo`);
      await tip.getByRole('link', { name: 'Open profile' }).click();
      await ui.page.waitForURL((url) => url.searchParams.get('var-focus') === focus);
      expect(new URL(ui.page.url()).pathname).toBe(`${SUB}/d/flamelens-demo`);
      expect(requests.outside()).toEqual([]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});

describe.each(flavors)('a 100,000-node profile under /grafana/ from the %s flavor', (flavor) => {
  const profile = syntheticProfile(100_000, 15);
  let dash: BigProfileDashboard;
  beforeAll(async () => {
    dash = await startBigProfileDashboard(profile, flavor, { subPath: SUB });
  });
  afterAll(() => dash?.close());

  async function expectDecodedInWorker(ui: SandboxPage, requests: ReturnType<typeof recordRequests>) {
    const answers: Array<Promise<number>> = [];
    ui.page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith(PROXY)) {
        answers.push(
          response.body().then(
            (b) => b.length,
            () => 0
          )
        );
      }
    });
    const workers: string[] = [];
    ui.page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
    await ui.open(dash.path);
    await waitForPaint(ui.page);
    const header = (await ui.page.locator('[data-panel-id="2"] [data-testid="flamelens-panel"]').textContent()) ?? '';
    expect(header).toContain(formatValue(profile.total[0], profile.unit));
    expect(Math.max(...(await Promise.all(answers)))).toBeGreaterThan(WORKER_THRESHOLD_CHARS);
    expect(workers).toEqual([WORKER_PATH]);
    expect(requests.seen.filter((s) => s.path === WORKER_PATH).map((s) => s.status)).toEqual([200]);
    expect(requests.outside()).toEqual([]);
    expect(realErrors(ui, flavor)).toEqual([]);
  }

  it('is decoded in the worker fetched from the sub-path’s plugin folder, and drawn', async () => {
    const ui = await openSandboxPage(browser, dash.url);
    try {
      await expectDecodedInWorker(ui, recordRequests(ui.page, dash.url));
      await saveScreenshot(ui.page, `sub-path-decode-worker-${flavor}`);
    } finally {
      await ui.close();
    }
  });

  it('is decoded in that worker under Grafana’s default Content Security Policy', async () => {
    const ui = await openSandboxPage(browser, dash.url);
    const violations = cspViolations(ui.page);
    await serveWithGrafanaCsp(ui.page, `**${SUB}/d/flamelens-demo*`, new URL(dash.url).host);
    try {
      await expectDecodedInWorker(ui, recordRequests(ui.page, dash.url));
      expect(violations).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});
