/**
 * @jest-environment node
 */
/**
 * The whole story (issue 6) in the sandbox with real Prometheus and the real profiled demo workload:
 * a CPU spike is marked by a spike annotation on the Prometheus panel; its "Open profile" link sets the focus moment
 * and the flame graph's widest frame (below Node's event-loop frames) is flowAdv; "Compare with before" shows flowAdv
 * grown; clearing the focus returns to the dashboard range. One demo and spike, walked on every Grafana line the sandbox
 * emulates (a host per line over the same servers). Screenshots of each step in test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';

import { nodeName } from '../../src/model/profile';
import type { RunningDemo } from '../../sandbox/demo/demo';
import { launchChromium } from '../support/browser';
import { expectGrafanaLine, lineScreenshot, testedGrafanaLines } from '../support/grafanaLines';
import { barCentre, saveScreenshot, waitForPaint, widestBelowRuntime } from '../support/panelPage';
import {
  openSandboxPage,
  poll,
  searchParams,
  serverProfile,
  startDemoWithSpike,
  startHostOverDemo,
  type SandboxPage,
} from '../support/sandbox';

jest.setTimeout(300_000);

const FLAME = '[data-panel-id="2"]';

async function header(page: Page): Promise<string> {
  return (await page.locator(`${FLAME} [data-testid="flamelens-header"]`).textContent()) ?? '';
}

describe('from a CPU spike to the code, in the sandbox with real Prometheus', () => {
  let browser: Browser;
  let demo: RunningDemo;
  let spikeFrom: number;
  let spikeTo: number;

  // The demo and its spike take a minute and a half: started once, for every line.
  beforeAll(async () => {
    browser = await launchChromium();
    ({ demo, spikeFrom, spikeTo } = await startDemoWithSpike());
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  describe.each(testedGrafanaLines())('Grafana %s', (line) => {
    let host: Awaited<ReturnType<typeof startHostOverDemo>>;
    let ui: SandboxPage;
    beforeAll(async () => {
      host = await startHostOverDemo(demo, line);
      ui = await openSandboxPage(browser, host.url);
    });
    afterAll(async () => {
      await ui?.close();
      await host?.close();
    });

    it('walks from the spike annotation to flowAdv, to the comparison, and back', async () => {
      const page = ui.page;
      const from = spikeFrom - 20 * 60_000;
      const to = spikeTo + 2 * 60_000;
      await ui.open(`/d/flamelens-demo?from=${from}&to=${to}`);
      await expectGrafanaLine(page, line);

      // 1. The spike annotation is on the Prometheus panel.
      const marker = page.locator(
        '[data-panel-id="1"] [data-testid="annotation-marker"][data-annotation-title="Spike: demo-workload"]'
      );
      await poll('the spike annotation', 30_000, async () => ((await marker.count()) > 0 ? true : undefined));
      // The provisioned alert rule (> 0.5 cores for 20 s) fired during the spike: its firing period is there too.
      const alert = page.locator(
        '[data-panel-id="1"] [data-testid="annotation-marker"][data-annotation-title="Demo workload CPU high"]'
      );
      // Prometheus also holds the seeded history, whose spikes fired the rule too: one firing is the live spike's.
      const alertAt = await poll('the alert annotation of the live spike', 30_000, async () => {
        const times = await alert.evaluateAll((els) =>
          els.map((el) => Number(el.getAttribute('data-annotation-time')))
        );
        return times.find((t) => t >= spikeFrom && t <= spikeTo + 30_000);
      });
      expect(alertAt).toBeGreaterThanOrEqual(spikeFrom);
      await saveScreenshot(page, lineScreenshot('story-1-spike-annotation', line));

      // 2. Its tooltip names the service and links to the profile; follow "Open profile".
      // A click pins the tooltip so its links can be clicked.
      await marker.last().click();
      const tip = page.locator('[data-testid="annotation-tooltip"]');
      await tip.waitFor();
      expect(await tip.textContent()).toMatch(
        /demo-workload: peak [\d.]+ cores \(mean over 30 s\), [\d.]+× its baseline of [\d.]+ cores; above [\d.]+ cores for /
      );
      await saveScreenshot(page, lineScreenshot('story-2-annotation-tooltip', line));
      await tip.getByRole('link', { name: 'Open profile' }).click();
      await page.waitForFunction(() => (new URL(location.href).searchParams.get('var-focus') ?? '') !== '');
      // The link writes the moment as ISO-8601 in UTC, the form the variable box shows.
      const focus = searchParams(page).get('var-focus') ?? '';
      expect(focus).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const focusMs = Date.parse(focus);
      // The middle of the spike's highest 30 s: within the spike, give or take a bucket.
      expect(focusMs).toBeGreaterThanOrEqual(spikeFrom - 60_000);
      expect(focusMs).toBeLessThanOrEqual(spikeTo + 60_000);
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.textContent?.includes('Profile around'),
        `${FLAME} [data-testid="flamelens-header"]`
      );
      expect(await header(page)).toMatch(/Profile around \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(±2m30s\)/);

      // 3. The flame graph of the focus window: below Node's event-loop frames, the widest frame is flowAdv.
      const profile = await serverProfile(demo.urls.pyroscope, focusMs - 150_000, focusMs + 150_000);
      const node = widestBelowRuntime(profile);
      expect(nodeName(profile, node)).toContain('flowAdv');
      const canvas = page.locator(`${FLAME} [data-testid="flamelens-canvas"]`);
      await waitForPaint(page, 'flamelens-canvas');
      await page.mouse.move(...(Object.values(await barCentre(canvas, profile, node)) as [number, number]));
      const tooltip = page.locator('[data-testid="flamelens-tooltip"]').first();
      await tooltip.waitFor();
      expect(await tooltip.textContent()).toContain('flowAdv');
      await saveScreenshot(page, lineScreenshot('story-3-profile-at-the-moment', line));

      // 4. "Compare with before": the flame graph becomes a diff and the top table puts flowAdv's growth first.
      await page.goBack();
      await page.waitForFunction(() => !new URL(location.href).searchParams.get('var-focus'));
      await ui.ready();
      await marker.last().click();
      await tip.waitFor();
      await tip.getByRole('link', { name: 'Compare with before' }).click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get('var-compare') === 'before');
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.textContent?.includes('comparing'),
        `${FLAME} [data-testid="flamelens-header"]`
      );
      expect(await header(page)).toMatch(/comparing .* with the window before/);
      const firstRow = page.locator('[data-panel-id="3"] table tbody tr').first();
      await poll('the diff table', 30_000, async () =>
        ((await firstRow.textContent()) ?? '').includes('flowAdv') ? true : undefined
      );
      expect(await firstRow.textContent()).toMatch(/\+/);
      await saveScreenshot(page, lineScreenshot('story-4-compare-with-before', line));

      // 5. Clearing the focus returns the flame graph to the dashboard range.
      await page
        .locator(`${FLAME}`)
        .getByRole('button', { name: /Dashboard range/ })
        .click();
      await page.waitForFunction(() => (new URL(location.href).searchParams.get('var-focus') ?? 'x') === '');
      await page.waitForFunction(
        (sel) => !document.querySelector(sel)?.textContent?.includes('Profile around'),
        `${FLAME} [data-testid="flamelens-header"]`
      );
      expect(await header(page)).toMatch(/\(22 min/);
      await saveScreenshot(page, lineScreenshot('story-5-back-to-dashboard-range', line));
      expect(ui.errors).toEqual([]);
    });
  });
});
