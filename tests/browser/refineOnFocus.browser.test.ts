/**
 * @jest-environment node
 */
/**
 * Refine on focus (issue 15 §2, docs/refine-on-focus.md) in Chromium on the built plugin, in the sandbox host's
 * dashboard: a real 65,297-node profile (go-heap-large's allocations) queried with Max nodes 1,024. Clicking a frame
 * with `other` below it shows "Loading exact subtree…" in the header while the subtree request is held; moving the
 * focus on aborts that HTTP request; focusing the frame again splices the exact subtree in, and the tooltip of a frame
 * the server had merged into `other` shows the total the untruncated profile has. On pyroscope-io the header says it
 * cannot fetch exact subtrees.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page, Request, Route } from 'playwright-core';

import { decodeConnectFlameGraph } from '../../src/model/connect';
import { decodePprof } from '../../src/model/pprof';
import { indexOf, nodeCount, type Profile } from '../../src/model/profile';
import { callSiteOf, findCallSite, spliceSubtree, subtreeIsTruncated } from '../../src/model/transforms/refine';
import { buildFlameIndex } from '../../src/panel/render/flameIndex';
import { DEFAULT_ROW_HEIGHT_PX } from '../../src/panel/render/viewport';
import { formatValue } from '../../src/model/units';
import { truncateProfile } from '../../sandbox/pyroscope/truncate';
import { launchChromium } from '../support/browser';
import {
  BIG_PROFILE_TYPE,
  BIG_SERVICE,
  startBigProfileDashboard,
  type BigProfileDashboard,
} from '../support/bigProfileDashboard';
import { saveScreenshot, waitForPaint } from '../support/panelPage';
import { openSandboxPage } from '../support/sandbox';

jest.setTimeout(300_000);

const PANEL = '[data-panel-id="2"]';
const CUT = 1024;
const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'pprof', 'go-heap-large.pb.gz');

/** The fixture's allocations, stored as the dashboard's CPU profile (the unit the profile type says). */
function heapProfile(): Profile {
  const p = decodePprof(new Uint8Array(fs.readFileSync(FIXTURE)), { sampleType: 'alloc_objects' }).profile;
  return { ...p, unit: 'nanoseconds' };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** The test server's flame graph for the dashboard's query, with `maxNodes` and an optional call site. */
async function serverFlameGraph(dash: BigProfileDashboard, maxNodes: number, callSite?: string[]): Promise<Profile> {
  const res = await fetch(`${dash.pyroscope.url}/querier.v1.QuerierService/SelectMergeStacktraces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      profileTypeID: BIG_PROFILE_TYPE,
      labelSelector: `{service_name="${BIG_SERVICE}"}`,
      start: dash.timeMs - 3_600_000,
      end: dash.timeMs + 3_600_000,
      maxNodes,
      ...(callSite ? { stackTraceSelector: { callSite: callSite.map((name) => ({ name })) } } : {}),
    }),
  });
  expect(res.status).toBe(200);
  return decodeConnectFlameGraph(await res.json(), 'nanoseconds');
}

/** The widest level-1 frame with `other` below it whose whole subtree fits the budget (its refinement is exact). */
function target(cut: Profile, whole: Profile): number {
  const wholeEnd = indexOf(whole).subtreeEnd;
  let best = -1;
  for (let i = 1; i < nodeCount(cut); i++) {
    if (cut.level[i] !== 1 || !subtreeIsTruncated(cut, i)) {
      continue;
    }
    const at = findCallSite(whole, callSiteOf(cut, i));
    if (wholeEnd[at] - at + 1 <= CUT && (best < 0 || cut.total[i] > cut.total[best])) {
      best = i;
    }
  }
  if (best < 0) {
    throw new Error('no level-1 frame to refine');
  }
  return best;
}

/** Page position of `node`'s bar when `focus` is focused (icicle: rows from the top; the focus fills the width). */
async function barAt(page: Page, p: Profile, node: number, focus = 0): Promise<{ x: number; y: number }> {
  const box = await page.locator(`${PANEL} [data-testid="flamelens-canvas"]`).boundingBox();
  if (!box) {
    throw new Error('no canvas');
  }
  const index = buildFlameIndex(p);
  const start = index.startValue[focus];
  const width = index.widthValue[focus];
  const x = ((index.startValue[node] - start + index.widthValue[node] / 2) / width) * box.width;
  return { x: box.x + x, y: box.y + (p.level[node] + 0.5) * DEFAULT_ROW_HEIGHT_PX };
}

/** Holds the subtree requests (those with a stack selector) until released; records aborted ones. */
function holdSubtreeRequests(page: Page) {
  const held: Array<{ request: Request; release: () => Promise<void> }> = [];
  const failed: Array<{ request: Request; error: string }> = [];
  page.on('requestfailed', (request) => {
    if (request.postData()?.includes('stackTraceSelector')) {
      failed.push({ request, error: request.failure()?.errorText ?? '' });
    }
  });
  return {
    held,
    failed,
    install: () =>
      page.route('**/querier.v1.QuerierService/SelectMergeStacktraces', async (route: Route) => {
        if (!route.request().postData()?.includes('stackTraceSelector')) {
          await route.continue();
          return;
        }
        await new Promise<void>((resolve) =>
          held.push({
            request: route.request(),
            release: async () => {
              resolve();
              await route.continue().catch(() => undefined);
            },
          })
        );
      }),
  };
}

async function waitFor(what: string, ms: number, test: () => boolean) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('refine on focus, Grafana Pyroscope', () => {
  let dash: BigProfileDashboard;
  beforeAll(async () => {
    dash = await startBigProfileDashboard(heapProfile(), 'grafana', { maxNodes: CUT });
  });
  afterAll(() => dash?.close());

  it('loads the exact subtree of a truncated frame, cancels it when the focus moves on, and shows exact totals', async () => {
    const cut = await serverFlameGraph(dash, CUT);
    const whole = await serverFlameGraph(dash, 1 << 20);
    const node = target(cut, whole);
    const callSite = callSiteOf(cut, node);
    const frame = callSite[0];
    const ui = await openSandboxPage(browser, dash.url);
    const hold = holdSubtreeRequests(ui.page);
    await hold.install();
    try {
      await ui.open(dash.path);
      await waitForPaint(ui.page);
      const panel = ui.page.locator(PANEL);
      const refine = panel.locator('[data-testid="flamelens-refine"]');

      // Focus the frame: its subtree is asked for, and the header says so while the answer is on its way.
      let bar = await barAt(ui.page, cut, node);
      await ui.page.mouse.click(bar.x, bar.y);
      await waitFor('the subtree request', 15_000, () => hold.held.length === 1);
      const body = JSON.parse(hold.held[0].request.postData() ?? '{}') as Record<string, unknown>;
      expect(body).toMatchObject({ maxNodes: CUT, stackTraceSelector: { callSite: [{ name: frame }] } });
      await expect(refine.textContent()).resolves.toBe(`Loading exact subtree below ${frame}…`);
      await saveScreenshot(ui.page, 'refine-on-focus-loading');

      // Back to the root before the answer: the request is aborted.
      const root = await barAt(ui.page, cut, 0);
      await ui.page.mouse.click(root.x, root.y);
      await waitFor('the aborted request', 15_000, () => hold.failed.length === 1);
      expect(hold.failed[0].error).toMatch(/abort/i);
      await refine.waitFor({ state: 'detached' });
      await hold.held[0].release();

      // Focus it again and let the answer through: the exact subtree is spliced in.
      bar = await barAt(ui.page, cut, node);
      await ui.page.mouse.click(bar.x, bar.y);
      await waitFor('the second subtree request', 15_000, () => hold.held.length === 2);
      await hold.held[1].release();
      await ui.page.waitForFunction(
        (text) => document.querySelector('[data-testid="flamelens-refine"]')?.textContent === text,
        `exact below ${frame}`,
        { timeout: 15_000 }
      );

      // A frame the server had merged into `other`: the widest node of the subtree missing from the cut profile.
      const answer = await serverFlameGraph(dash, CUT, callSite);
      const shown = spliceSubtree(cut, callSite, answer).profile;
      const focus = findCallSite(shown, callSite);
      const end = indexOf(shown).subtreeEnd[focus];
      let hidden = -1;
      for (let i = focus + 1; i < end; i++) {
        if (findCallSite(cut, callSiteOf(shown, i)) < 0 && (hidden < 0 || shown.total[i] > shown.total[hidden])) {
          hidden = i;
        }
      }
      expect(hidden).toBeGreaterThan(0);
      // The header counts the nodes shown, the spliced subtree's included.
      expect(nodeCount(shown)).toBeGreaterThan(nodeCount(cut));
      await expect(panel.locator('[data-testid="flamelens-header"]').textContent()).resolves.toContain(
        `${nodeCount(shown).toLocaleString('en-US')} nodes`
      );
      const path = callSiteOf(shown, hidden);
      const expected = whole.total[findCallSite(whole, path)];
      const at = await barAt(ui.page, shown, hidden, focus);
      await ui.page.mouse.move(at.x, at.y);
      const tooltip = ui.page.locator('[data-testid="flamelens-tooltip"]').first();
      await tooltip.waitFor();
      const text = (await tooltip.textContent()) ?? '';
      expect(text).toContain(path[path.length - 1]);
      expect(text).toContain(formatValue(expected, 'nanoseconds'));
      await saveScreenshot(ui.page, 'refine-on-focus-exact');
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});

describe('refine on focus, pyroscope-io', () => {
  let dash: BigProfileDashboard;
  beforeAll(async () => {
    dash = await startBigProfileDashboard(heapProfile(), 'og', { maxNodes: CUT });
  });
  afterAll(() => dash?.close());

  it('says in the header that pyroscope-io cannot fetch exact subtrees', async () => {
    const ui = await openSandboxPage(browser, dash.url);
    try {
      await ui.open(dash.path);
      await waitForPaint(ui.page);
      // Where the frames are: the server's 1,024-node cut (the same cut as Grafana Pyroscope's, in other units).
      const cut = truncateProfile(heapProfile(), CUT);
      const panel = ui.page.locator(PANEL);
      await expect(panel.locator('[data-part="truncated"]').count()).resolves.toBe(1);
      let node = -1;
      for (let i = 1; i < nodeCount(cut); i++) {
        if (cut.level[i] === 1 && subtreeIsTruncated(cut, i) && (node < 0 || cut.total[i] > cut.total[node])) {
          node = i;
        }
      }
      expect(node).toBeGreaterThan(0);
      const bar = await barAt(ui.page, cut, node);
      await ui.page.mouse.click(bar.x, bar.y);
      const refine = panel.locator('[data-testid="flamelens-refine"]');
      await refine.waitFor({ timeout: 15_000 });
      await expect(refine.textContent()).resolves.toBe(
        'pyroscope-io cannot fetch exact subtrees (raise Max nodes instead)'
      );
      await saveScreenshot(ui.page, 'refine-on-focus-og');
      expect(ui.errors.filter((e) => !e.includes('404 (Not Found)'))).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});
