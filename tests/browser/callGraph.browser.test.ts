/**
 * @jest-environment node
 */
/**
 * The call graph view in the built plugin, on both server flavors: go-cpu.pb.gz ingested into the test server, the
 * BUILT datasource queries it, and the frame it answers is rendered by the built panel in the sandbox host (as
 * Grafana loads it). The view switch goes to Graph; the SVG must show exactly the nodes and edges the graph transform
 * gives for that frame (names, flat and cum, edge ends); hover, search, click → sandwich, zoom and .svg export work.
 * Screenshots in test-results/screenshots; the Grafana flavor's is also docs/screenshots/panel-graph.png.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { firstValueFrom } from 'rxjs';
import type { DataFrame } from '@grafana/data';

import type { ProfileQuery } from '../../src/datasource/types';
import { dataFrameToProfile } from '../../src/model/frame';
import { callGraph } from '../../src/model/transforms/callGraph';
import { valueLines } from '../../src/panel/graph/graphStyle';
import { NO_TIME_LIMITS } from '../../sandbox/pyroscope/options';
import { ingestPprofFixture } from '../../sandbox/pyroscope/seed';
import { startPyroscopeServer } from '../../sandbox/pyroscope/server';
import { launchChromium, openHost } from '../support/browser';
import { renderPanelInPage, saveScreenshot, waitForPaint } from '../support/panelPage';

jest.setTimeout(240_000);

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const SERVICE = 'graph-svc';
const AT_MS = Date.UTC(2026, 0, 1, 2, 0, 0);
const SCREENSHOT = path.join(__dirname, '..', '..', 'docs', 'screenshots', 'panel-graph.png');

/** The frame the built datasource answers for go-cpu.pb.gz stored in a `flavor` test server. */
async function serverFrame(flavor: 'grafana' | 'og'): Promise<DataFrame> {
  // The datasource helpers load @grafana/data's runtime, which wants a window and a document at import; this suite
  // runs in Node (for Playwright), so they come from a jsdom of their own.
  const g = globalThis as unknown as Record<string, unknown>;
  if (g.window === undefined) {
    const { JSDOM } = await import('jsdom');
    const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url: 'http://localhost/' });
    const win = dom.window as unknown as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(win)) {
      if (!(key in g) || key === 'Event' || key === 'CustomEvent') {
        g[key] = win[key];
      }
    }
    g.window = win;
    // What jsdom lacks and Grafana's packages touch at import (the same stubs as jest-setup.js gives DOM suites).
    g.matchMedia = (media: string) => ({
      matches: false,
      media,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    });
    win.matchMedia = g.matchMedia;
  }
  const { builtDatasourceFor } = await import('../support/builtDatasource');
  const { queryRequest } = await import('../support/datasource');
  const server = await startPyroscopeServer({ flavor, limits: NO_TIME_LIMITS });
  try {
    ingestPprofFixture(server.store, { fixture: 'go-cpu.pb.gz', serviceName: SERVICE, timeMs: AT_MS });
    const ds = builtDatasourceFor(server.url, { flavor });
    const target: ProfileQuery = {
      refId: 'A',
      queryType: 'profile',
      profileTypeId: CPU,
      labelSelector: `{service_name="${SERVICE}"}`,
    };
    const res = await firstValueFrom(ds.query(queryRequest([target], AT_MS - 60_000, AT_MS + 60_000)));
    const frame = res.data.find((f: DataFrame) => f.meta?.preferredVisualisationType === 'flamegraph');
    if (!frame) {
      throw new Error(`no flame graph frame from the ${flavor} server: ${JSON.stringify(res.errors ?? res.error)}`);
    }
    return frame;
  } finally {
    await server.close();
  }
}

/** The drawn nodes: name, accessible label, opacity and outline, in DOM order. */
function drawnNodes(page: Page) {
  return page.locator('[data-testid="flamelens-graph"] [data-node]').evaluateAll((els) =>
    els.map((el) => ({
      name: el.getAttribute('data-name'),
      label: el.getAttribute('aria-label'),
      opacity: el.getAttribute('opacity'),
    }))
  );
}

describe.each(['grafana', 'og'] as const)('the call graph view (%s flavor)', (flavor) => {
  let browser: Browser;
  let frame: DataFrame;
  beforeAll(async () => {
    [browser, frame] = await Promise.all([launchChromium(), serverFrame(flavor)]);
  });
  afterAll(() => browser?.close());

  it('draws the graph transform of the frame and answers hover, search, zoom, export and click', async () => {
    const profile = dataFrameToProfile(frame);
    const graph = callGraph(profile);
    expect(graph.nodes.length).toBeGreaterThan(5);
    const host = await openHost(browser);
    const page = host.page;
    try {
      await renderPanelInPage(page, [frame], {});
      await waitForPaint(page);
      await page.getByRole('radio', { name: 'Graph', exact: true }).click();
      const svg = page.locator('[data-testid="flamelens-graph"]');
      await page.waitForSelector('[data-testid="flamelens-graph"] [data-node]', { timeout: 30_000 });

      // Nodes and edges: those of the transform, with its values.
      const nodes = await drawnNodes(page);
      expect(nodes.map((n) => n.name)).toEqual(graph.nodes.map((n) => n.name));
      expect(nodes.map((n) => n.label)).toEqual(
        graph.nodes.map((n) => `${n.name}: ${valueLines(n, graph, profile.unit).join(', ')}`)
      );
      const edges = await svg
        .locator('[data-edge]')
        .evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-from')), Number(e.getAttribute('data-to'))]));
      expect(edges).toEqual(graph.edges.map((e) => [e.from, e.to]));
      // Laid out by dot, not the fallback: the chunk and its WebAssembly loaded from where Grafana serves plugins.
      expect(await svg.getAttribute('data-layout-engine')).toBe('dot');
      // The pointer off the panel: no toolbar tooltip in the pictures.
      await page.mouse.move(1190, 790);
      await saveScreenshot(page, `panel-graph-${flavor}`);
      if (flavor === 'grafana') {
        fs.copyFileSync(await saveScreenshot(page, 'panel-graph'), SCREENSHOT);
      }

      // Hover: the tooltip names the function and its flat and cum.
      const hottest = graph.nodes.reduce((a, b) => (b.flat > a.flat ? b : a));
      const hotNode = svg.locator(`[data-node="${hottest.id}"] rect`);
      await hotNode.hover();
      const tip = page.locator('[data-testid="flamelens-graph-tooltip"]');
      await tip.waitFor();
      const tipText = (await tip.textContent()) ?? '';
      expect(tipText).toContain(hottest.name);
      expect(tipText).toContain(valueLines(hottest, graph, profile.unit)[0]);

      // Search: the box shared with the other views dims what does not match.
      const term = hottest.name.split('.').pop() ?? hottest.name;
      await page.locator('input[placeholder^="Search"]').fill(term);
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('[data-testid="flamelens-graph"] [data-node]')).some(
          (n) => n.getAttribute('opacity') !== null
        )
      );
      const searched = await drawnNodes(page);
      for (const n of searched) {
        expect(n.opacity === null).toBe((n.name ?? '').toLowerCase().includes(term.toLowerCase()));
      }
      await saveScreenshot(page, `panel-graph-search-${flavor}`);
      await page.locator('input[placeholder^="Search"]').fill('');

      // Zoom: the buttons and the wheel change the drawing's transform.
      const viewport = svg.locator('[data-viewport]');
      const fitted = await viewport.getAttribute('transform');
      await page.getByRole('button', { name: /^Zoom in/ }).click();
      const zoomed = await viewport.getAttribute('transform');
      expect(zoomed).not.toBe(fitted);
      const box = (await svg.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 300);
      await page.waitForFunction(
        (z) => document.querySelector('[data-viewport]')?.getAttribute('transform') !== z,
        zoomed
      );

      // Export: a parseable SVG file with every node.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export SVG' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.graph\.svg$/);
      const file = await download.path();
      const text = fs.readFileSync(file, 'utf8');
      const parsed = await page.evaluate((t) => {
        const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
        return {
          errors: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.nodeName,
          nodes: Array.from(doc.querySelectorAll('[data-node]')).map((n) => n.getAttribute('data-name')),
          transform: doc.querySelector('[data-viewport]')?.getAttribute('transform') ?? null,
        };
      }, text);
      expect(parsed).toEqual({ errors: 0, root: 'svg', nodes: graph.nodes.map((n) => n.name), transform: null });

      // Click: that function's sandwich, in the flame graph.
      await page.getByRole('button', { name: 'Fit' }).click();
      await svg.locator(`[data-node="${hottest.id}"] rect`).click();
      await page.locator('[data-testid="flamelens-sandwich"]').waitFor();
      expect(await page.locator('[data-testid="flamelens-graph"]').count()).toBe(0);
      await saveScreenshot(page, `panel-graph-sandwich-${flavor}`);
    } finally {
      await host.close();
    }
  });
});
