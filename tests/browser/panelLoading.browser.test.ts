/**
 * @jest-environment node
 */
/**
 * The panel while its query runs (issue 13), in Chromium with the built panel: Grafana hands a panel its data once per
 * state (Loading with no frames on a first load, Loading with nothing again while a query reruns, then Done or
 * Error). "No data" is an answer: only a finished, empty query shows it. While a query runs the panel keeps its last
 * picture, or shows a neutral placeholder on the first load; a failed query says why it failed.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';

import { decodeConnectFlameGraph } from '../../src/model/connect';
import { profileToDataFrame } from '../../src/model/frame';
import { launchChromium, openHost } from '../support/browser';
import { renderPanelInPage, saveScreenshot, waitForPaint, type PanelRenderExtra } from '../support/panelPage';

jest.setTimeout(120_000);

const body = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api/flamegraph.json'), 'utf8'));
const frame = profileToDataFrame(decodeConnectFlameGraph(body, 'nanoseconds'), {
  refId: 'A',
  custom: { profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds', labelSelector: '{service_name="ad-server"}' },
});
const SIZE = { width: 900, height: 500 };

/** What the panel says: its text, whether it shows a flame graph, a problem or the placeholder. */
async function panelState(page: Page) {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-testid="flamelens-panel"]');
    return {
      text: panel?.textContent ?? '',
      graph: panel?.querySelector('[data-testid="flamelens-canvas"]') !== null,
      problem: panel?.querySelector('[data-testid="flamelens-problem"]')?.textContent ?? null,
      loading: panel?.querySelector('[data-testid="flamelens-loading"]') !== null,
      busy: panel?.getAttribute('aria-busy'),
    };
  });
}

describe('the panel while its query runs, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('shows no "No data" while a query is pending: a placeholder first, then the last picture', async () => {
    const host = await openHost(browser);
    const page = host.page;
    const show = (series: unknown[], extra: PanelRenderExtra) =>
      renderPanelInPage(page, series as never, { view: 'flamegraph' }, SIZE, { update: true, ...extra });
    try {
      // First load: Grafana renders the panel with Loading and no frames before the answer.
      await show([], { state: 'Loading' });
      const first = await panelState(page);
      await saveScreenshot(page, 'panel-loading-first-load');
      expect(first.text).not.toContain('No data');
      expect(first).toEqual(expect.objectContaining({ loading: true, problem: null, busy: 'true' }));

      await show([frame], { state: 'Done' });
      await waitForPaint(page);
      expect(await panelState(page)).toEqual(expect.objectContaining({ graph: true, busy: 'false' }));

      // A rerun (a new focus moment, a new range): Loading with nothing yet keeps the last picture.
      await show([], { state: 'Loading' });
      const rerun = await panelState(page);
      await saveScreenshot(page, 'panel-loading-rerun');
      expect(rerun.text).not.toContain('No data');
      expect(rerun).toEqual(expect.objectContaining({ graph: true, problem: null, busy: 'true' }));
      // A stream that has sent nothing drawable yet is still running too.
      await show([], { state: 'Streaming' });
      expect(await panelState(page)).toEqual(expect.objectContaining({ graph: true, problem: null }));

      // A failed query with nothing to draw says why, not "No data".
      await show([], { state: 'Error', error: { message: 'upstream timed out after 30s' } });
      const failed = await panelState(page);
      await saveScreenshot(page, 'panel-loading-error');
      expect(failed.problem).toContain('upstream timed out after 30s');
      expect(failed.text).not.toContain('No data');

      // Only a finished, empty answer is "No data"; and the next load does not bring back an older picture.
      await show([], { state: 'Done' });
      expect((await panelState(page)).problem).toContain('No data');
      await show([], { state: 'Loading' });
      expect(await panelState(page)).toEqual(expect.objectContaining({ graph: false, loading: true, problem: null }));
    } finally {
      await host.close();
    }
  });
});
