/**
 * @jest-environment node
 */
/**
 * The flame graph panel as users get it: the built dist panel module loaded by SystemJS in Chromium with
 * Grafana's packages, drawing real profiles. Screenshots of each view are kept in test-results/screenshots.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { DataFrame } from '@grafana/data';

import { decodeConnectFlameGraph } from '../../src/model/connect';
import { profileToDataFrame } from '../../src/model/frame';
import { nodeName } from '../../src/model/profile';
import { mergeDiff } from '../../src/model/transforms/diff';
import { toFolded } from '../../src/model/transforms/folded';
import { parseFolded } from '../../sandbox/pyroscope/folded';
import { formatShare, formatValue } from '../../src/model/units';
import { DEFAULT_ROW_HEIGHT_PX as ROW_HEIGHT_PX } from '../../src/panel/render/viewport';
import { launchChromium, openHost } from '../support/browser';
import { barCentre, renderPanelInPage, saveScreenshot, waitForPaint, widestChildOfRoot } from '../support/panelPage';

jest.setTimeout(120_000);

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const body = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api/flamegraph.json'), 'utf8'));
const profile = decodeConnectFlameGraph(body, 'nanoseconds');
const meta = {
  profileTypeId: CPU,
  labelSelector: '{service_name="ad-server"}',
  fromMs: 1779729300000,
  toMs: 1779732900000,
  maxNodes: 16384,
  truncated: false,
  flavor: 'grafana',
  nodeCount: profile.level.length,
};
const frame = profileToDataFrame(profile, { refId: 'A', custom: meta });

describe('the flame graph panel in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  /** Opens the host, renders `series` with `options`, waits for the canvas to paint, runs `body`, closes. */
  async function withPanel(series: DataFrame[], options: Record<string, unknown>, body: (page: Page) => Promise<void>) {
    const host = await openHost(browser);
    try {
      await renderPanelInPage(host.page, series, options);
      await waitForPaint(host.page);
      await body(host.page);
    } finally {
      await host.close();
    }
  }

  /** The widest frame below the root and the centre of its bar on the page. */
  async function widestBar(page: Page) {
    const node = widestChildOfRoot(profile);
    return { node, at: await barCentre(page.locator('[data-testid="flamelens-canvas"]'), profile, node) };
  }

  it('draws the recorded profile, says what it shows, and the tooltip gives the numbers of a known frame', async () => {
    await withPanel([frame], {}, async (page) => {
      const header = await page.textContent('[data-testid="flamelens-panel"]');
      expect(header).toContain('11.1 s');
      expect(header).toContain('ad-server');
      await saveScreenshot(page, 'panel-single');

      const { node, at } = await widestBar(page);
      await page.mouse.move(at.x, at.y);
      const tooltip = page.locator('[data-testid="flamelens-tooltip"]').first();
      await tooltip.waitFor();
      const text = (await tooltip.textContent()) ?? '';
      expect(text).toContain(nodeName(profile, node));
      expect(text).toContain(formatValue(profile.total[node], 'nanoseconds'));
      expect(text).toContain(formatShare(profile.total[node], profile.total[0]));
      await saveScreenshot(page, 'panel-tooltip');
    });
  });

  it('a click focuses the frame, the breadcrumb shows the path, a double click resets', async () => {
    await withPanel([frame], { view: 'flamegraph' }, async (page) => {
      const { node, at } = await widestBar(page);
      await page.mouse.click(at.x, at.y);
      const crumbs = page.locator('nav[aria-label="Focused path"]');
      await crumbs.waitFor();
      expect(await crumbs.textContent()).toContain(nodeName(profile, node));
      await saveScreenshot(page, 'panel-focused');
      await page.mouse.dblclick(at.x, at.y + ROW_HEIGHT_PX * 3);
      await crumbs.waitFor({ state: 'detached' });
    });
  });

  it('sandwich view from the context menu shows callers and callees', async () => {
    await withPanel([frame], { view: 'flamegraph' }, async (page) => {
      const { at } = await widestBar(page);
      await page.mouse.click(at.x, at.y, { button: 'right' });
      await page.getByText('Sandwich view').click();
      await page.locator('[data-testid="flamelens-sandwich"]').waitFor();
      await waitForPaint(page, 'flamelens-sandwich-callees');
      await saveScreenshot(page, 'panel-sandwich');
    });
  });

  it('diff frames are coloured by change with a legend', async () => {
    // The comparison triples one subtree: a real profile with a known growth.
    const grown = toFolded(profile)
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const cut = line.lastIndexOf(' ');
        const value = Number(line.slice(cut + 1));
        return line.includes('runtime.mcall') ? `${line.slice(0, cut)} ${value * 3}` : line;
      })
      .join('\n');
    const diff = mergeDiff(profile, parseFolded(grown, 'nanoseconds'));
    const host = await openHost(browser);
    try {
      await renderPanelInPage(host.page, [profileToDataFrame(diff, { custom: meta })], { view: 'both' });
      await waitForPaint(host.page);
      await host.page.locator('[aria-label="Diff legend"]').waitFor();
      await saveScreenshot(host.page, 'panel-diff');
    } finally {
      await host.close();
    }
  });

  it('the table view sorts by a column and a row click selects the function', async () => {
    const host = await openHost(browser);
    try {
      await renderPanelInPage(host.page, [frame], { view: 'table' });
      const totalHeader = host.page.locator('th', { hasText: 'Total' });
      expect(await totalHeader.getAttribute('aria-sort')).toBe('none');
      await totalHeader.getByRole('button').click();
      expect(await totalHeader.getAttribute('aria-sort')).toBe('descending');
      // Sorted by total, the first row is the function with the largest total below the root.
      const firstRow = host.page.locator('tbody tr[aria-rowindex="2"]');
      await firstRow.click();
      expect(await firstRow.getAttribute('aria-selected')).toBe('true');
      await saveScreenshot(host.page, 'panel-table');
    } finally {
      await host.close();
    }
  });

  it.each([
    [
      'a frame without the flame graph fields',
      [{ fields: [{ name: 'x', type: 'number', values: [1], config: {} }], length: 1 }],
      /No flame graph in the query result/,
    ],
    ['no data at all', [], /No data/],
    [
      'NaN values',
      [
        {
          ...frame,
          fields: frame.fields.map((f) => (f.name === 'value' ? { ...f, values: [NaN, ...f.values.slice(1)] } : f)),
        },
      ],
      /Cannot read the flame graph/,
    ],
  ])('shows a clear message for %s', async (_what, series, message) => {
    const host = await openHost(browser);
    try {
      await renderPanelInPage(host.page, series as never);
      const text = await host.page.textContent('[data-testid="flamelens-panel"]');
      expect(text).toMatch(message);
    } finally {
      await host.close();
    }
  });
});
