/**
 * @jest-environment node
 */
/**
 * "Download pprof" in the built panel, in Chromium, on both server flavors: the panel's Export menu offers it for a
 * frame of the Flamelens datasource, the file it saves (Playwright's download event) is read by `go tool pprof -top`
 * with the total the panel's header shows; a frame that did not come from such a datasource has no such item.
 * Screenshots of the menu in test-results/screenshots.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, Page } from 'playwright-core';

import { profileToDataFrame } from '../../src/model/frame';
import { parseTree, tree } from '../../src/model/testing/asciiTree';
import { formatValue } from '../../src/model/units';
import { prepareProvisioning } from '../../sandbox/demo/provisioning';
import { DEFAULT_GRAFANA_LINE, startHostServer, type GrafanaLine } from '../../sandbox/host/server';
import { startPyroscopeServer, type PyroscopeServer } from '../../sandbox/pyroscope/server';
import { launchChromium, openHost } from '../support/browser';
import { pprofTop } from '../support/goPprof';
import { retargetDemoForOg } from '../support/ogDemo';
import { renderPanelInPage, saveScreenshot, waitForPaint } from '../support/panelPage';
import { openSandboxPage, startSeededPyroscope, type SeededPyroscope } from '../support/sandbox';

jest.setTimeout(240_000);

const PROVISIONING = path.join(__dirname, '..', '..', 'provisioning');
const FLAME = '[data-panel-id="2"]';

let browser: Browser;
let seeded: SeededPyroscope;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-pprof-browser-'));

beforeAll(async () => {
  browser = await launchChromium();
  seeded = await startSeededPyroscope();
});
afterAll(async () => {
  await browser?.close();
  await seeded?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/**
 * The demo dashboard on the sandbox host over `pyroscope`. pyroscope-io has no equivalent of the demo's Node wall
 * profile type, so for it the flame graph panel queries the seeded Go service's CPU (`ad-server.cpu`) instead.
 */
async function startHost(pyroscope: PyroscopeServer, flavor: 'grafana' | 'og', grafana?: GrafanaLine) {
  const provisioning = prepareProvisioning(PROVISIONING, false);
  if (flavor === 'og') {
    retargetDemoForOg(provisioning.dir);
  }
  const host = await startHostServer({
    port: 0,
    provisioningDir: provisioning.dir,
    env: { PYROSCOPE_URL: pyroscope.url },
    ...(grafana ? { grafana } : {}),
  });
  return {
    url: host.url,
    close: async () => {
      await host.close();
      provisioning.cleanup();
    },
  };
}

/** Opens the panel's Export menu and returns its "Download pprof" item (which may not exist). */
async function openExportMenu(page: Page, scope: string) {
  await page.locator(scope).getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: /^Folded stacks/ }).waitFor();
  return page.getByRole('menuitem', { name: /^Download pprof/ });
}

// The newest Grafana line for both flavors; the oldest one too, whose runtime and scenes differ.
describe.each([
  ['grafana', DEFAULT_GRAFANA_LINE],
  ['og', DEFAULT_GRAFANA_LINE],
  ['grafana', '12.4'],
] as const)('Download pprof on the %s flavor (Grafana %s)', (flavor, grafana) => {
  let pyroscope: PyroscopeServer;
  let host: Awaited<ReturnType<typeof startHost>>;

  beforeAll(async () => {
    pyroscope =
      flavor === 'og' ? await startPyroscopeServer({ flavor: 'og', store: seeded.pyroscope.store }) : seeded.pyroscope;
    host = await startHost(pyroscope, flavor, grafana);
  });
  afterAll(async () => {
    await host?.close();
    if (flavor === 'og') {
      await pyroscope?.close();
    }
  });

  it('saves the panel profile as a .pb.gz that go tool pprof reads with the total of the header', async () => {
    const ui = await openSandboxPage(browser, host.url);
    try {
      const toMs = seeded.nowMs - 60_000;
      const fromMs = toMs - 30 * 60_000;
      await ui.open(`/d/flamelens-demo?from=${fromMs}&to=${toMs}`);
      const panel = ui.page.locator(FLAME);
      await panel.locator('[data-testid="flamelens-canvas"]').waitFor({ timeout: 60_000 });
      const header = (await panel.locator('[data-testid="flamelens-panel"]').textContent()) ?? '';
      const item = await openExportMenu(ui.page, FLAME);
      await item.waitFor();
      await saveScreenshot(ui.page, `pprof-download-menu-${flavor}-${grafana}`);
      const [download] = await Promise.all([ui.page.waitForEvent('download'), item.click()]);
      const name = download.suggestedFilename();
      expect(name).toMatch(/^[A-Za-z0-9._-]+_[A-Za-z0-9._-]+_\d{8}-\d{6}_\d{8}-\d{6}\.pb\.gz$/);
      expect(name.startsWith(flavor === 'og' ? 'ad-server_process_cpu-cpu_' : 'demo-workload_wall-cpu_')).toBe(true);
      const file = path.join(work, `${flavor}-${grafana}-${name}`);
      await download.saveAs(file);
      const bytes = fs.readFileSync(file);
      expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
      // pyroscope-io writes CPU as samples at its 100 Hz sample rate; Grafana Pyroscope in nanoseconds.
      const top = pprofTop(
        file,
        flavor === 'og' ? { sampleUnit: 'samples' } : { sampleUnit: 'nanoseconds', unit: 'ns' }
      );
      const totalNs = flavor === 'og' ? top.total.value * 1e7 : top.total.value;
      expect(totalNs).toBeGreaterThan(0);
      expect(header).toContain(`total ${formatValue(totalNs, 'nanoseconds')}`);
      // The flavor detection probes Grafana Pyroscope's routes first: pyroscope-io answers them 404, which the
      // browser logs.
      const expected = flavor === 'og' ? /status of 404/ : /^$/;
      expect(ui.errors.filter((e) => !expected.test(e))).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});

describe('Download pprof for a frame from another datasource', () => {
  it('is absent from the Export menu', async () => {
    const host = await openHost(browser);
    try {
      const profile = parseTree(tree`
        total 10
          main 10
            work 6
      `);
      await renderPanelInPage(host.page, [profileToDataFrame(profile, { refId: 'A' })]);
      await waitForPaint(host.page);
      const item = await openExportMenu(host.page, '[data-testid="flamelens-panel"]');
      await saveScreenshot(host.page, 'pprof-download-menu-plain-frame');
      expect(await item.count()).toBe(0);
    } finally {
      await host.close();
    }
  });
});
