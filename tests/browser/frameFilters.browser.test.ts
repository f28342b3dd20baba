/**
 * @jest-environment node
 */
/**
 * Frame filters in the built plugin, on both server flavors (the sandbox host over the test server with the seeded
 * history, speaking Grafana Pyroscope's Connect API or pyroscope-io 0.37's). The dashboard is the demo's flame graph
 * and top functions panels with its `filters` variable, over the seeded Go service (pyroscope-io serves no wall
 * profiles, the demo workload's type): a filter added from the flame graph's context menu becomes a chip, goes into
 * the URL's `var-filters` (each panel's query field names `$filters`), and changes the flame graph and the other
 * panel's top table; removing the chip restores them; a URL with `var-filters` opens filtered; a preset is one chip.
 * The demo dashboard itself opens filtered by the Node preset. A panel alone, whose query names no variable, keeps a
 * context-menu filter as its own option (handed to Grafana through onOptionsChange). Screenshots in
 * test-results/screenshots.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Locator, Page } from 'playwright-core';

import { seedWorkloadHistory } from '../../sandbox/demo/history';
import { prepareProvisioning } from '../../sandbox/demo/provisioning';
import { startHostServer } from '../../sandbox/host/server';
import { seedDemoData } from '../../sandbox/pyroscope/seed';
import { startPyroscopeServer } from '../../sandbox/pyroscope/server';
import { formatFilterEntries } from '../../src/model/transforms/filterEntries';
import { DEFAULT_ROW_HEIGHT_PX } from '../../src/panel/render/viewport';
import { decodePprof } from '../../src/model/pprof';
import { profileToDataFrame } from '../../src/model/frame';
import { applyFrameFilters } from '../../src/model/transforms/frameFilters';
import { launchChromium, openHost } from '../support/browser';
import { lineScreenshot, testedGrafanaLines } from '../support/grafanaLines';
import { renderPanelInPage, saveScreenshot, waitForPaint } from '../support/panelPage';
import {
  openSandboxPage,
  poll,
  searchParams,
  startSandbox,
  type Sandbox,
  type SandboxPage,
  type SeededPyroscope,
} from '../support/sandbox';

jest.setTimeout(300_000);

const FLAME = '[data-panel-id="2"]';
const TOP = '[data-panel-id="3"]';
const VIEWPORT = { width: 1400, height: 1400 };
const PROVISIONING = path.join(__dirname, '..', '..', 'provisioning');
const GO_CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';

/**
 * The demo dashboard's flame graph (2) and top functions (3) panels, with its `filters` variable and queries as
 * provisioned, reading the seeded Go service's CPU profile.
 */
function filtersDashboard(): unknown {
  const demo = JSON.parse(fs.readFileSync(path.join(PROVISIONING, 'dashboards', 'flamelens-demo.json'), 'utf8'));
  const panels = (demo.panels as Array<{ id: number; targets: Array<Record<string, unknown>> }>)
    .filter((p) => p.id === 2 || p.id === 3)
    .map((p) => ({
      ...p,
      title: (p as { title?: string }).title?.replace('${service}', 'ad-server'),
      targets: p.targets.map((t) => ({ ...t, profileTypeId: GO_CPU, labelSelector: '{service_name="ad-server"}' })),
    }));
  const variables = (demo.templating.list as Array<{ name: string }>).filter((v) => v.name !== 'service');
  return {
    ...demo,
    uid: 'flamelens-filters',
    title: 'Frame filters',
    annotations: { list: [] },
    templating: { list: variables },
    panels,
  };
}

/** The test server of `flavor` with the demo's six hours of history. */
async function seeded(flavor: 'grafana' | 'og'): Promise<SeededPyroscope> {
  const nowMs = Date.now();
  const pyroscope = await startPyroscopeServer({ flavor });
  seedDemoData(pyroscope.store, { nowMs, hours: 6 });
  const history = seedWorkloadHistory(pyroscope.store, { nowMs, hours: 6 });
  return { pyroscope, history, nowMs, close: () => pyroscope.close() };
}

/** The flame graph canvas of panel 2, once it has painted, and its pixels. */
async function canvasPixels(page: Page): Promise<string> {
  const canvas = page.locator(`${FLAME} [data-testid="flamelens-canvas"]`);
  try {
    return await poll('the flame graph to paint', 30_000, async () => {
      if ((await canvas.count()) === 0) {
        return undefined;
      }
      const url = await canvas.evaluate((c: HTMLCanvasElement) => (c.width > 0 ? c.toDataURL() : ''));
      return url.length > 2000 ? url : undefined;
    });
  } catch (e) {
    await saveScreenshot(page, 'panel-filters-failed-paint');
    throw new Error(`${String(e)}; panel: ${await page.locator(FLAME).textContent()}`);
  }
}

/** Waits until the flame graph's pixels differ from `before` (a re-run query answers after a URL change). */
async function pixelsChangedFrom(page: Page, before: string): Promise<string> {
  return poll('the flame graph to change', 30_000, async () => {
    const now = await canvasPixels(page);
    return now !== before ? now : undefined;
  });
}

/** Whether the top table of panel 3 lists a function whose name contains `name` (typed into its filter box). */
async function topTableHas(page: Page, name: string): Promise<boolean> {
  const box = page.locator(`${TOP} input[aria-label="Filter functions"]`);
  await box.fill(name);
  await page.waitForTimeout(300);
  const none = await page.locator(`${TOP}`).getByText('No functions match').count();
  await box.fill('');
  return none === 0;
}

async function waitTopTable(page: Page, name: string, present: boolean): Promise<void> {
  await poll(`the top table to ${present ? 'list' : 'drop'} ${name}`, 30_000, async () =>
    (await topTableHas(page, name)) === present ? true : undefined
  );
}

/** Right-clicks the middle of the flame graph's first row below the root; the function there, as the menu names it. */
async function openMenuOnFirstRow(page: Page): Promise<string> {
  const canvas = page.locator(`${FLAME} [data-testid="flamelens-canvas"]`);
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + 1.5 * DEFAULT_ROW_HEIGHT_PX, { button: 'right' });
  const header = page.locator('[data-testid="flamelens-menu-name"]');
  await header.waitFor();
  return (await header.getAttribute('data-name')) ?? '';
}

function chips(page: Page): Locator {
  return page.locator(`${FLAME} [data-testid="flamelens-filter-chip"]`);
}

async function summary(page: Page): Promise<{ shown: number; total: number }> {
  const el = page.locator(`${FLAME} [data-testid="flamelens-filter-summary"]`);
  await el.waitFor();
  return { shown: Number(await el.getAttribute('data-shown')), total: Number(await el.getAttribute('data-total')) };
}

describe.each(['grafana', 'og'] as const)(
  'frame filters on the demo panels over the Go service, %s flavor',
  (flavor) => {
    let browser: Browser;
    let server: SeededPyroscope;
    let host: { url: string; close(): Promise<void> };
    let cleanup: () => void;
    let ui: SandboxPage;
    let range: string;
    let notFound: string[];

    /**
     * No page errors; the only failed request is the datasource's flavor detection asking pyroscope-io for Grafana
     * Pyroscope's route (a 404 there is how it tells the flavors apart).
     */
    function expectNoErrors() {
      expect(ui.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
      expect(notFound.filter((p) => !p.endsWith('/pyroscope/label-values'))).toEqual([]);
    }

    beforeAll(async () => {
      browser = await launchChromium();
      server = await seeded(flavor);
      const provisioning = prepareProvisioning(PROVISIONING, false);
      cleanup = provisioning.cleanup;
      fs.writeFileSync(path.join(provisioning.dir, 'dashboards', 'filters.json'), JSON.stringify(filtersDashboard()));
      host = await startHostServer({
        port: 0,
        provisioningDir: provisioning.dir,
        env: { PYROSCOPE_URL: server.pyroscope.url },
      });
      range = `from=${server.nowMs - 30 * 60_000}&to=${server.nowMs}`;
    });
    afterAll(async () => {
      await host?.close();
      cleanup?.();
      await server?.close();
      await browser?.close();
    });
    beforeEach(async () => {
      ui = await openSandboxPage(browser, host.url, VIEWPORT);
      notFound = [];
      ui.page.on('response', (r) => {
        if (r.status() === 404) {
          notFound.push(new URL(r.url()).pathname);
        }
      });
    });
    afterEach(async () => {
      await ui?.close();
    });

    it('adds filters from the context menu as chips in the URL, changes graph and table, and removing restores', async () => {
      const page = ui.page;
      await ui.open(`/d/flamelens-filters?${range}`);
      const unfiltered = await canvasPixels(page);
      expect(await chips(page).count()).toBe(0);

      // Hide the function under the pointer: it leaves the flame graph and the other panel's top table.
      const hidden = await openMenuOnFirstRow(page);
      expect(hidden).not.toBe('');
      await page.keyboard.press('Escape');
      await waitTopTable(page, hidden, true);
      await openMenuOnFirstRow(page);
      await page.getByRole('menuitem', { name: 'Hide function' }).click();
      await chips(page).first().waitFor();
      expect(await chips(page).first().textContent()).toContain(hidden);
      expect(searchParams(page).get('var-filters')).toBe(
        formatFilterEntries([{ kind: 'hide', mode: 'exact', pattern: hidden }])
      );
      const afterHide = await pixelsChangedFrom(page, unfiltered);
      await waitTopTable(page, hidden, false);

      // Ignore the stacks through the function now under the pointer: the header says how much is left of the total.
      const ignored = await openMenuOnFirstRow(page);
      await page.getByRole('menuitem', { name: 'Ignore stacks through function' }).click();
      await poll('two chips', 10_000, async () => ((await chips(page).count()) === 2 ? true : undefined));
      await pixelsChangedFrom(page, afterHide);
      const left = await summary(page);
      expect(left.shown).toBeGreaterThan(0);
      expect(left.shown).toBeLessThan(left.total);
      expect(await page.locator(`${FLAME} [data-testid="flamelens-filter-summary"]`).textContent()).toMatch(
        /^showing .+ of .+ \(\d+\.\d\d%\)$/
      );
      await waitTopTable(page, ignored, false);
      await saveScreenshot(page, `panel-filters-${flavor}`);

      // Removing both chips gives the unfiltered view back.
      for (const name of [ignored, hidden]) {
        await page.locator(`${FLAME} [data-testid="flamelens-filter-chip"] button`).first().click();
        await poll(`the chip of ${name} to go`, 10_000, async () =>
          (await page.locator(`${FLAME} [data-testid="flamelens-filter-chip"]`).count()) < (name === ignored ? 2 : 1)
            ? true
            : undefined
        );
      }
      expect(searchParams(page).get('var-filters') ?? '').toBe('');
      await waitTopTable(page, hidden, true);
      await waitTopTable(page, ignored, true);
      await pixelsChangedFrom(page, afterHide);
      expectNoErrors();
    });

    it('opens filtered from a URL with var-filters, and shows a preset as one chip with its patterns', async () => {
      const page = ui.page;
      await ui.open(`/d/flamelens-filters?${range}&var-filters=${encodeURIComponent('preset:go')}`);
      await canvasPixels(page);
      const chip = chips(page).first();
      await chip.waitFor();
      expect(await chips(page).count()).toBe(1);
      expect(await chip.textContent()).toContain('preset Go runtime and scheduler');
      expect(await chip.getAttribute('data-status')).toBe('matched');
      expect(await chip.getAttribute('title')).toContain('^runtime\\.');
      await waitTopTable(page, 'runtime.mcall', false);
      await waitTopTable(page, 'main.work', true);
      const left = await summary(page);
      expect(left.shown).toBeGreaterThan(0);
      expect(left.shown).toBeLessThan(left.total);
      // The variable box shows what the URL said.
      expect(await page.getByLabel('Frame filters', { exact: true }).inputValue()).toBe('preset:go');
      await saveScreenshot(page, `panel-filters-preset-${flavor}`);
      expectNoErrors();
    });
  }
);

describe('the demo dashboard', () => {
  let browser: Browser;
  let sandbox: Sandbox;
  let ui: SandboxPage;

  beforeAll(async () => {
    browser = await launchChromium();
    sandbox = await startSandbox();
    ui = await openSandboxPage(browser, sandbox.url, VIEWPORT);
  });
  afterAll(async () => {
    await ui?.close();
    await sandbox?.close();
    await browser?.close();
  });

  it("opens filtered by the Node preset from var-filters: Node's own frames leave, the workload stays", async () => {
    const page = ui.page;
    const spike = sandbox.history.spikes[sandbox.history.spikes.length - 1];
    const range = `from=${spike.startMs - 10 * 60_000}&to=${Math.min(sandbox.nowMs, spike.endMs + 5 * 60_000)}`;
    await ui.open(`/d/flamelens-demo?${range}&var-filters=${encodeURIComponent('preset:node')}`);
    await canvasPixels(page);
    const chip = chips(page).first();
    await chip.waitFor();
    expect(await chip.textContent()).toContain('preset Node.js and V8 internals');
    expect(await chip.getAttribute('data-status')).toBe('matched');
    await waitTopTable(page, 'node:internal/timers:processTimers:504', false);
    await waitTopTable(page, 'flowAdv', true);
    const left = await summary(page);
    expect(left.shown).toBeLessThan(left.total);
    await saveScreenshot(page, 'panel-filters-demo-node-preset');
    expect(ui.errors).toEqual([]);
  });
});

describe.each(testedGrafanaLines())('a panel whose query names no filter variable, Grafana %s', (line) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('keeps context-menu filters as its own options: applied at once and handed to Grafana', async () => {
    const fixture = fs.readFileSync(path.join(__dirname, '../../fixtures/pprof/go-cpu.pb.gz'));
    const { profile } = decodePprof(new Uint8Array(fixture));
    const frame = profileToDataFrame(profile, { refId: 'A', custom: { profileTypeId: GO_CPU } });
    const host = await openHost(browser, line);
    try {
      const page = host.page;
      await renderPanelInPage(page, [frame], { view: 'both' });
      await waitForPaint(page);
      const canvas = page.locator('[data-testid="flamelens-canvas"]');
      const box = (await canvas.boundingBox())!;
      // runtime.mcall is the widest frame below the root on go-cpu: the middle of the first row.
      await page.mouse.click(box.x + box.width / 2, box.y + 1.5 * DEFAULT_ROW_HEIGHT_PX, { button: 'right' });
      const name = (await page.locator('[data-testid="flamelens-menu-name"]').getAttribute('data-name')) ?? '';
      expect(name).toBe('runtime.mcall');
      await page.getByRole('menuitem', { name: 'Focus on function' }).click();
      const chip = page.locator('[data-testid="flamelens-filter-chip"]');
      await chip.waitFor();
      expect(await chip.textContent()).toContain('focusexactruntime.mcall');
      const events = await page.evaluate(
        () =>
          (window as unknown as { flamelensHost: { hostEvents: Array<{ type: string; payload: unknown }> } })
            .flamelensHost.hostEvents
      );
      expect(events.filter((e) => e.type === 'options').at(-1)?.payload).toMatchObject({
        frameFilters: [{ kind: 'focus', mode: 'exact', pattern: 'runtime.mcall' }],
      });
      // pprof -focus=^runtime\.mcall$ keeps the scheduler's stacks: the summary's numbers are the model's.
      const expected = applyFrameFilters(profile, [{ kind: 'focus', mode: 'exact', pattern: 'runtime.mcall' }]).profile;
      const summary = page.locator('[data-testid="flamelens-filter-summary"]');
      expect(Number(await summary.getAttribute('data-shown'))).toBe(expected.total[0]);
      expect(Number(await summary.getAttribute('data-total'))).toBe(profile.total[0]);
      await saveScreenshot(page, lineScreenshot('panel-filters-options', line));
      await page.getByRole('button', { name: 'Remove filter focus = runtime.mcall' }).click();
      expect(await chip.count()).toBe(0);

      // "Add filter" in the header: the preset picker shows each preset's patterns; one click adds it as one chip.
      await page.getByRole('button', { name: 'Add filter' }).click();
      const goPreset = page.locator('[data-testid="flamelens-preset-go"]');
      await goPreset.waitFor();
      expect(await goPreset.locator('code').allTextContents()).toEqual([
        '^runtime\\.',
        '^(?:runtime|internal/runtime)/',
      ]);
      await saveScreenshot(page, lineScreenshot('panel-filters-add', line));
      await goPreset.getByRole('button', { name: 'Go runtime and scheduler' }).click();
      await chip.waitFor();
      expect(await chip.textContent()).toContain('preset Go runtime and scheduler');
      const withPreset = applyFrameFilters(profile, [{ kind: 'hide', mode: 'regex', pattern: '^runtime\\.' }]).profile;
      expect(Number(await summary.getAttribute('data-shown'))).toBe(withPreset.total[0]);
    } finally {
      await host.close();
    }
  });
});
