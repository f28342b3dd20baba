/**
 * @jest-environment node
 */
/**
 * The datasource's decode worker (issue 15 §1), in Chromium on the built plugin: a dashboard whose flame graph answer
 * is above the worker threshold has it decoded in `decodeWorker.js`, fetched from the datasource's own folder of the
 * plugin, and the panel draws the frame with the profile's total; a range change while the worker decodes terminates
 * it; a worker script that does not load (404) leaves the panel drawn from a main-thread decode, with a warning.
 */
import type { Browser, Page, Worker } from 'playwright-core';

import { syntheticProfile } from '../../bench/syntheticProfile';
import { formatValue } from '../../src/model/units';
import { launchChromium } from '../support/browser';
import { cspViolations, serveWithGrafanaCsp } from '../support/grafanaCsp';
import {
  BIG_PROFILE_TYPE,
  BIG_SERVICE,
  startBigProfileDashboard,
  type BigProfileDashboard,
} from '../support/bigProfileDashboard';
import { saveScreenshot, waitForPaint } from '../support/panelPage';
import { openSandboxPage } from '../support/sandbox';

jest.setTimeout(300_000);

const WORKER_PATH = '/public/plugins/flamelens-profiles-app/datasource/decodeWorker.js';
const PANEL = '[data-panel-id="2"]';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** Workers the page starts, with when they started and closed (Date.now() in the test process). */
function watchWorkers(page: Page) {
  const seen: Array<{ url: string; startedMs: number; closedMs?: number; worker: Worker }> = [];
  page.on('worker', (worker) => {
    const entry: (typeof seen)[number] = { url: worker.url(), startedMs: Date.now(), worker };
    seen.push(entry);
    worker.on('close', () => {
      entry.closedMs = Date.now();
    });
  });
  return seen;
}

async function waitFor(what: string, ms: number, test: () => boolean) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(['grafana', 'og'] as const)('a 100,000-node answer from the %s flavor', (flavor) => {
  const profile = syntheticProfile(100_000, 15);
  let dash: BigProfileDashboard;
  beforeAll(async () => {
    dash = await startBigProfileDashboard(profile, flavor);
  });
  afterAll(() => dash?.close());

  it('is decoded in the worker served from the plugin folder, and drawn', async () => {
    const ui = await openSandboxPage(browser, dash.url);
    const requests: string[] = [];
    const workerStatuses: number[] = [];
    ui.page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    ui.page.on('response', (r) => {
      if (new URL(r.url()).pathname === WORKER_PATH) {
        workerStatuses.push(r.status());
      }
    });
    const workers = watchWorkers(ui.page);
    try {
      await ui.open(dash.path);
      const panel = ui.page.locator(PANEL);
      await waitForPaint(ui.page);
      await saveScreenshot(ui.page, `decode-worker-100k-${flavor}`);
      expect(requests).toContain(WORKER_PATH);
      expect(workers.map((w) => new URL(w.url).pathname)).toEqual([WORKER_PATH]);
      // One worker per answer, ended once the frame came back.
      await waitFor('the worker to end', 10_000, () => workers[0].closedMs !== undefined);
      const header = (await panel.locator('[data-testid="flamelens-panel"]').textContent()) ?? '';
      expect(header).toContain(formatValue(profile.total[0], profile.unit));
      expect(workerStatuses).toEqual([200]);
      // pyroscope-io's flavor detection meets 404s on Grafana Pyroscope's routes: the browser logs them.
      expect(ui.errors.filter((e) => !(flavor === 'og' && e.includes('404 (Not Found)')))).toEqual([]);
    } finally {
      await ui.close();
    }
  });

  it('is decoded in the worker under Grafana’s default Content Security Policy', async () => {
    const ui = await openSandboxPage(browser, dash.url);
    const violations = cspViolations(ui.page);
    // The dashboard page served as Grafana serves it with `content_security_policy = true` and the default template.
    await serveWithGrafanaCsp(ui.page, '**/d/flamelens-demo*', new URL(dash.url).host);
    const workers = watchWorkers(ui.page);
    try {
      await ui.open(dash.path);
      await waitForPaint(ui.page);
      const header = (await ui.page.locator(PANEL).locator('[data-testid="flamelens-panel"]').textContent()) ?? '';
      expect(header).toContain(formatValue(profile.total[0], profile.unit));
      expect(workers.map((w) => new URL(w.url).pathname)).toEqual([WORKER_PATH]);
      expect(violations).toEqual([]);
    } finally {
      await ui.close();
    }
  });

  it('takes its worker from the folder the module was loaded from, under a sub-path', async () => {
    // The module alone, loaded with SystemJS from /grafana/public/plugins/... on a host at the root (the page's
    // requests under /grafana/ answered without the prefix) and queried directly. The whole dashboard under a
    // sub-path, with the host's own sub-path option, is subPath.browser.test.ts.
    const ui = await openSandboxPage(browser, dash.url);
    await ui.page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await ui.page.route('**/grafana/public/**', async (route) => {
      const url = new URL(route.request().url());
      url.pathname = url.pathname.replace(/^\/grafana\//, '/');
      await route.fulfill({ response: await route.fetch({ url: url.toString() }) });
    });
    const workers = watchWorkers(ui.page);
    try {
      await ui.open('/sandbox/panel');
      const nodes = await ui.page.evaluate(
        async ({ service, profileType, fromMs, toMs, serverFlavor }) => {
          type Sys = { import(name: string): Promise<Record<string, unknown>> };
          const system = (window as unknown as { System: Sys }).System;
          const mod = (await system.import('/grafana/public/plugins/flamelens-profiles-app/datasource/module.js')) as {
            plugin: { DataSourceClass: new (s: unknown) => { query(r: unknown): { subscribe(o: unknown): unknown } } };
          };
          const data = (await system.import('@grafana/data')) as { dateTime(ms: number): unknown };
          const ds = new mod.plugin.DataSourceClass({
            uid: 'flamelens-pyroscope',
            name: 'Profiles',
            type: 'flamelens-pyroscope-datasource',
            url: '/api/datasources/proxy/uid/flamelens-pyroscope',
            jsonData: { flavor: serverFlavor },
            meta: {},
          });
          const from = data.dateTime(fromMs);
          const to = data.dateTime(toMs);
          const request = {
            requestId: 'sub-path',
            app: 'dashboard',
            interval: '15s',
            intervalMs: 15_000,
            range: { from, to, raw: { from, to } },
            scopedVars: {},
            timezone: 'utc',
            startTime: Date.now(),
            targets: [
              {
                refId: 'A',
                queryType: 'profile',
                profileTypeId: profileType,
                labelSelector: `{service_name="${service}"}`,
                maxNodes: 1_048_576,
                groupBy: [],
              },
            ],
          };
          return new Promise<number>((resolve, reject) => {
            ds.query(request).subscribe({
              next: (r: { data?: Array<{ length: number }>; errors?: Array<{ message?: string }> }) =>
                r.errors?.length ? reject(new Error(r.errors[0].message)) : resolve(r.data?.[0]?.length ?? 0),
              error: reject,
            });
          });
        },
        {
          service: BIG_SERVICE,
          profileType: BIG_PROFILE_TYPE,
          fromMs: dash.timeMs - 3_600_000,
          toMs: dash.timeMs + 3_600_000,
          serverFlavor: flavor,
        }
      );
      expect(nodes).toBe(profile.level.length);
      expect(workers.map((w) => new URL(w.url).pathname)).toEqual([`/grafana${WORKER_PATH}`]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.close();
    }
  });

  it('is decoded on the main thread, with a warning, when the worker script is missing', async () => {
    const ui = await openSandboxPage(browser, dash.url);
    const warnings: string[] = [];
    ui.page.on('console', (m) => {
      if (m.type() === 'warning') {
        warnings.push(m.text());
      }
    });
    await ui.page.route(`**${WORKER_PATH}`, (route) => route.fulfill({ status: 404, body: 'not found' }));
    try {
      await ui.open(dash.path);
      await waitForPaint(ui.page);
      const header = (await ui.page.locator(PANEL).locator('[data-testid="flamelens-panel"]').textContent()) ?? '';
      expect(header).toContain(formatValue(profile.total[0], profile.unit));
      expect(warnings.some((w) => w.includes('decode worker could not start'))).toBe(true);
      expect(ui.errors.filter((e) => !e.includes('404'))).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});

/**
 * Records every Worker the page constructs (its URL, how many messages it posted back) and, once armed, changes the
 * dashboard range in the task right after the first decode worker is constructed: the query that started it is
 * cancelled while its worker is loading or decoding, deterministically, whatever the machine's speed.
 */
function recordWorkers() {
  const w = window as unknown as {
    Worker: typeof Worker;
    decodeWorkers: Array<{ url: string; messages: number; terminated: boolean }>;
    cancelOnDecode?: { from: string; to: string };
    flamelensHost: { location: { partial(q: Record<string, unknown>): void } };
  };
  const Native = w.Worker;
  w.decodeWorkers = [];
  w.Worker = class extends Native {
    private record: { url: string; messages: number; terminated: boolean };
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const record = { url: String(url), messages: 0, terminated: false };
      this.record = record;
      w.decodeWorkers.push(record);
      this.addEventListener('message', () => record.messages++);
      const range = w.cancelOnDecode;
      if (range && record.url.includes('decodeWorker')) {
        w.cancelOnDecode = undefined;
        setTimeout(() => w.flamelensHost.location.partial({ ...range }), 0);
      }
    }
    terminate() {
      this.record.terminated = true;
      super.terminate();
    }
  };
}

describe('a 1,000,000-node answer', () => {
  let dash: BigProfileDashboard;
  beforeAll(async () => {
    dash = await startBigProfileDashboard(syntheticProfile(1_000_000, 16));
  });
  afterAll(() => dash?.close());

  it('has its worker terminated, without an answer, when the range changes while it decodes', async () => {
    const ui = await openSandboxPage(browser, dash.url);
    await ui.page.addInitScript(recordWorkers);
    const workers = watchWorkers(ui.page);
    try {
      await ui.open(dash.path);
      await waitForPaint(ui.page);
      // Drawn once; now arm the cancel and change the range: the new query's worker is cancelled by a newer range.
      const armed = { from: String(dash.timeMs - 7_200_000), to: String(dash.timeMs + 7_200_000) };
      await ui.page.evaluate((range) => {
        (window as unknown as { cancelOnDecode?: unknown }).cancelOnDecode = range;
      }, armed);
      await ui.page.evaluate(
        (range) =>
          (
            window as unknown as { flamelensHost: { location: { partial(q: Record<string, unknown>): void } } }
          ).flamelensHost.location.partial({ from: range.from, to: String(Number(range.to) - 60_000) }),
        armed
      );
      // Counted in the page, where the datasource constructs and terminates them: a worker terminated before its
      // script started may never be reported to Playwright (under load it is not), so its own events cannot count.
      type WorkerRecord = { url: string; messages: number; terminated: boolean };
      const records = () =>
        ui.page.evaluate(() => (window as unknown as { decodeWorkers: WorkerRecord[] }).decodeWorkers);
      let seen: WorkerRecord[] = [];
      const end = Date.now() + 120_000;
      while ((seen = await records()).length < 3 || !seen.every((r) => r.terminated)) {
        if (Date.now() > end) {
          throw new Error(`timed out waiting for three decode workers to end: ${JSON.stringify(seen)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      await waitForPaint(ui.page);
      const described = JSON.stringify(seen);
      expect([described, new Set(seen.map((r) => new URL(r.url).pathname))]).toEqual([
        described,
        new Set([WORKER_PATH]),
      ]);
      // The first and the last answered; the cancelled one never did, and it was terminated. (A busy machine may let
      // the dashboard run one more query in between: then more than three workers, each answered or terminated.)
      expect([described, seen[0].messages, seen[1].messages, seen[seen.length - 1].messages]).toEqual([
        described,
        1,
        0,
        1,
      ]);
      expect(workers.length).toBeGreaterThanOrEqual(2);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});
