/**
 * @jest-environment node
 */
/**
 * The Lines view in the built plugin, in Chromium, against the test server over HTTP on both flavors. go-cpu.pb.gz
 * is ingested once; a dashboard shows its flame graph. On the Grafana Pyroscope flavor, a hot function's "Source
 * lines" (from the flame graph's context menu) shows exactly the rows `go tool pprof -list` prints for the pprof
 * the panel downloads ("Download pprof", saved by the browser). On the pyroscope-io flavor, whose pprof has
 * functions only, the view says the profile has no line numbers. Screenshots in test-results/screenshots (the
 * README's docs/screenshots/panel-lines.png is a copy of panel-lines.png).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, Page } from 'playwright-core';

import { decodePprof } from '../../src/model/pprof';
import { nodeName, type Profile } from '../../src/model/profile';
import { prepareProvisioning } from '../../sandbox/demo/provisioning';
import { startHostServer } from '../../sandbox/host/server';
import { NO_TIME_LIMITS } from '../../sandbox/pyroscope/options';
import { ingestPprofFixture } from '../../sandbox/pyroscope/seed';
import { startPyroscopeServer, type PyroscopeServer } from '../../sandbox/pyroscope/server';
import { launchChromium } from '../support/browser';
import { agreesWithPrinted, pprofTop, runGo } from '../support/goPprof';
import { pprofList, type PprofList } from '../support/goPprofList';
import { barCentre, saveScreenshot, waitForPaint, widestChildOfRoot } from '../support/panelPage';
import { openSandboxPage, serverProfile, type SandboxPage } from '../support/sandbox';

jest.setTimeout(240_000);

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const SELECTOR = '{service_name="ad-server"}';
const T = 1_700_000_000_000;
const FROM = T - 60_000;
const TO = T + 60_000;
const PANEL = '[data-panel-id="1"]';

/** A dashboard with one flame graph panel of ad-server's CPU, written into a copy of the provisioning folder. */
const DASHBOARD = {
  uid: 'source-lines',
  title: 'Source lines',
  schemaVersion: 39,
  time: { from: 'now-1h', to: 'now' },
  panels: [
    {
      id: 1,
      type: 'flamelens-flamegraph-panel',
      title: 'ad-server CPU',
      gridPos: { x: 0, y: 0, w: 24, h: 20 },
      datasource: { type: 'flamelens-pyroscope-datasource', uid: 'flamelens-pyroscope' },
      options: { view: 'flamegraph' },
      targets: [
        {
          refId: 'A',
          datasource: { type: 'flamelens-pyroscope-datasource', uid: 'flamelens-pyroscope' },
          queryType: 'profile',
          profileTypeId: CPU,
          labelSelector: SELECTOR,
          maxNodes: 16384,
        },
      ],
    },
  ],
};

let browser: Browser;
let grafana: PyroscopeServer;
let og: PyroscopeServer;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-source-lines-'));

beforeAll(async () => {
  browser = await launchChromium();
  grafana = await startPyroscopeServer({ flavor: 'grafana', limits: NO_TIME_LIMITS });
  og = await startPyroscopeServer({ flavor: 'og', limits: NO_TIME_LIMITS, store: grafana.store });
  ingestPprofFixture(grafana.store, { fixture: 'go-cpu.pb.gz', serviceName: 'ad-server', timeMs: T });
});
afterAll(async () => {
  await browser?.close();
  await og?.close();
  await grafana?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The sandbox host over `server`, with the dashboard above; `body` gets a page on it. */
async function withHost(
  server: PyroscopeServer,
  flavor: 'grafana' | 'og',
  body: (ui: SandboxPage) => Promise<void>
): Promise<void> {
  const provisioning = prepareProvisioning(path.join(__dirname, '..', '..', 'provisioning'), false);
  fs.writeFileSync(path.join(provisioning.dir, 'dashboards', 'source-lines.json'), JSON.stringify(DASHBOARD));
  // The flavor is set, not detected: detection probes the other flavor's routes, and their 404s are not this test's.
  const datasources = path.join(provisioning.dir, 'datasources', 'flamelens.yaml');
  fs.writeFileSync(datasources, fs.readFileSync(datasources, 'utf8').replace('flavor: auto', `flavor: ${flavor}`));
  const host = await startHostServer({
    port: 0,
    provisioningDir: provisioning.dir,
    env: { PYROSCOPE_URL: server.url },
  });
  const ui = await openSandboxPage(browser, host.url);
  try {
    await ui.open(`/d/source-lines?from=${FROM}&to=${TO}`);
    await waitForPaint(ui.page);
    await body(ui);
    expect(ui.errors).toEqual([]);
  } finally {
    await ui.close();
    await host.close();
    provisioning.cleanup();
  }
}

/** Counts the page's requests for a pprof from now on (either way the datasource asks for one). */
function countPprofRequests(page: Page): { count: number } {
  const counter = { count: 0 };
  page.on('request', (r) => {
    const body = r.postData() ?? '';
    if (r.url().includes('SelectMergeProfile') || body.includes('PROFILE_FORMAT_PPROF')) {
      counter.count++;
    }
  });
  return counter;
}

/** Saves the panel's "Download pprof" file and returns its path. */
async function downloadPprof(page: Page): Promise<string> {
  await page
    .locator(PANEL)
    .getByRole('button', { name: /Export/ })
    .click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Download pprof').click()]);
  const file = path.join(work, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return file;
}

/** The widest bar of function `name`. */
function widestOf(profile: Profile, name: string): number {
  let node = -1;
  for (let i = 1; i < profile.level.length; i++) {
    if (nodeName(profile, i) === name && (node < 0 || profile.total[i] > profile.total[node])) {
      node = i;
    }
  }
  expect(node).toBeGreaterThan(0);
  return node;
}

/** Right-clicks `node`'s bar and opens its source lines. */
async function openLines(page: Page, profile: Profile, node: number): Promise<void> {
  const at = await barCentre(page.locator(`${PANEL} [data-testid="flamelens-canvas"]`), profile, node);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  await page.getByRole('menuitem', { name: 'Source lines' }).click();
  await page.locator('[data-testid="flamelens-lines"]').waitFor();
}

/** A hot function with several lines: of pprof's top 5 by cum, the one whose `-list` has the most rows (2+). */
function hotFunctionWithLines(file: string): { name: string; list: PprofList } {
  const top = pprofTop(file, { sampleUnit: 'nanoseconds', nodeCount: 5, cum: true });
  const rowsOf = (list: PprofList) => list.routines.reduce((n, r) => n + r.rows.length, 0);
  let best: { name: string; list: PprofList } | undefined;
  for (const row of top.rows) {
    const list = pprofList(file, row.name, { sampleUnit: 'nanoseconds' });
    if (rowsOf(list) >= 2 && (!best || rowsOf(list) > rowsOf(best.list))) {
      best = { name: row.name, list };
    }
  }
  if (!best) {
    throw new Error(`no function of ${top.command} has two lines or more`);
  }
  return best;
}

describe('source lines in the built panel', () => {
  it('Grafana Pyroscope: a hot function from the context menu shows the rows go tool pprof -list prints', async () => {
    await withHost(grafana, 'grafana', async ({ page }) => {
      const file = await downloadPprof(page);
      const { name, list } = hotFunctionWithLines(file);
      const profile = await serverProfile(grafana.url, FROM, TO, SELECTOR, CPU);
      const firstDownloads = countPprofRequests(page);
      await openLines(page, profile, widestOf(profile, name));
      const table = page.locator('[data-testid="flamelens-lines-table"]');
      await table.waitFor();
      // The first lines of the frame download its pprof (the counter sees it).
      expect(firstDownloads.count).toBe(1);
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          file: tr.getAttribute('data-file') ?? '',
          line: Number(tr.children[1].textContent),
          flat: Number(tr.getAttribute('data-flat')),
          cum: Number(tr.getAttribute('data-cum')),
        }))
      );
      const expected = list.routines.flatMap((r) => r.rows.map((row) => ({ file: r.file, ...row })));
      expect(rows.map((r) => [r.file, r.line])).toEqual(expected.map((r) => [r.file, r.line]));
      rows.forEach((r, i) => {
        expect(agreesWithPrinted(r.flat, expected[i].flat)).toBe(true);
        expect(agreesWithPrinted(r.cum, expected[i].cum)).toBe(true);
      });
      const total = await page.locator('[data-testid="flamelens-lines-totals"]').getAttribute('data-total');
      expect(agreesWithPrinted(Number(total), list.total)).toBe(true);
      expect(await page.locator('[data-testid="flamelens-lines"] tr[data-hot="true"]').count()).toBeGreaterThan(0);
      await saveScreenshot(page, 'panel-lines');

      // Closing brings the flame graph back.
      await page.getByRole('button', { name: 'Close source lines' }).click();
      await page.locator('[data-testid="flamelens-lines"]').waitFor({ state: 'detached' });
      await waitForPaint(page);

      // From the table: select another function, "Source lines"; the frame's pprof is not downloaded again.
      const downloads = countPprofRequests(page);
      await page.locator(PANEL).getByRole('radio', { name: 'Table' }).click();
      await page.locator(PANEL).locator('tbody tr', { hasText: 'runtime.mcall' }).first().click();
      await page.locator(PANEL).getByRole('button', { name: 'Source lines' }).click();
      await page.getByRole('region', { name: 'Source lines of runtime.mcall' }).waitFor();
      await table.waitFor();
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(downloads.count).toBe(0);
    });
  });

  it('pyroscope-io: the view says the profile has no line numbers', async () => {
    await withHost(og, 'og', async ({ page }) => {
      const file = await downloadPprof(page);
      // The file is pprof: pprof reads it (pyroscope-io writes its CPU samples as counts of `samples`).
      expect(decodePprof(new Uint8Array(fs.readFileSync(file))).profile.total[0]).toBeGreaterThan(0);
      expect(runGo(['tool', 'pprof', '-symbolize=none', '-top', file])).toMatch(/Showing nodes accounting for/);
      const profile = await serverProfile(grafana.url, FROM, TO, SELECTOR, CPU);
      // The widest frame below the root: its bar is where it is whatever the flavor's sibling order.
      await openLines(page, profile, widestChildOfRoot(profile));
      const empty = page.locator('[data-testid="flamelens-lines-empty"]');
      await empty.waitFor();
      expect(await empty.textContent()).toMatch(/This profile has no line numbers/);
      expect(await page.locator('[data-testid="flamelens-lines-table"]').count()).toBe(0);
      await saveScreenshot(page, 'panel-lines-og');
    });
  });
});
