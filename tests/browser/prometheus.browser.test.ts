/**
 * @jest-environment node
 */
/**
 * The demo with a real Prometheus (Debian's `prometheus`, installed by .ci/run) and the real demo workload profiled by
 * @pyroscope/nodejs: the workload's CPU spike shows in the Prometheus panel of the sandbox dashboard, and the flame
 * graph of the spike's window has `flowAdv` as its widest frame below the root (below Node's own event-loop frames,
 * which head every JavaScript stack; see `widestBelowRuntime`). The panel runs Grafana's own Prometheus datasource
 * (`@grafana/prometheus`): its data comes from the host's `/api/ds/query` as Grafana's backend frames, and the panel
 * editor shows Prometheus' own query editor.
 */
import type { Browser } from 'playwright-core';

import type { Profile } from '../../src/model/profile';
import type { RunningDemo } from '../../sandbox/demo/demo';
import { launchChromium } from '../support/browser';
import { barCentre, saveScreenshot, waitForPaint, widestBelowRuntime } from '../support/panelPage';
import { openSandboxPage, poll, startDemoWithSpike, type SandboxPage } from '../support/sandbox';

jest.setTimeout(240_000);

/** What `/api/ds/query` answered, as far as these assertions read it. */
interface DsQueryAnswer {
  status: number;
  body: {
    results?: Record<
      string,
      {
        frames?: Array<{
          schema?: {
            meta?: { type?: string };
            fields?: Array<{ config?: { displayNameFromDS?: string }; labels?: Record<string, string> }>;
          };
        }>;
      }
    >;
  };
}

describe('the demo with real Prometheus and the profiled workload', () => {
  let browser: Browser;
  let demo: RunningDemo;
  let ui: SandboxPage;
  let spikeFrom: number;
  let spikeTo: number;

  let profile: Profile;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ demo, spikeFrom, spikeTo, spikeProfile: profile } = await startDemoWithSpike());
  });
  afterAll(async () => {
    await ui?.close();
    await browser?.close();
    await demo?.close();
  });

  it('uses the real Prometheus binary', () => {
    expect(demo.prometheus).toBe(true);
    expect(demo.urls.prometheus).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('the CPU spike shows in the Prometheus panel, and flowAdv is the widest frame of its window', async () => {
    // Prometheus has scraped the spike: the CPU rate went above half a core.
    await poll('Prometheus to see the spike', 60_000, async () => {
      const q = new URLSearchParams({
        query: 'max_over_time(rate(process_cpu_seconds_total{job="demo-workload"}[10s])[2m:1s])',
      });
      const res = await fetch(`${demo.urls.prometheus}/api/v1/query?${q}`);
      const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
      const v = Number(body.data.result[0]?.value[1] ?? 0);
      return v > 0.5 ? v : undefined;
    });
    ui = await openSandboxPage(browser, demo.urls.host);
    // Grafana's Prometheus datasource queries its backend: record what `/api/ds/query` answers for the CPU panel.
    const backendAnswers: DsQueryAnswer[] = [];
    ui.page.on('response', (response) => {
      const body = response.request().postData() ?? '';
      // The CPU panel's query (its legend format names it): the alert rule's evaluation asks the same datasource.
      if (
        response.url().includes('/api/ds/query') &&
        body.includes('flamelens-prometheus') &&
        body.includes('{{job}} CPU')
      ) {
        void response
          .json()
          .then((json: DsQueryAnswer['body']) => backendAnswers.push({ status: response.status(), body: json }))
          .catch(() => backendAnswers.push({ status: response.status(), body: {} }));
      }
    });
    const from = spikeFrom - 60_000;
    const to = spikeTo + 30_000;
    await ui.open(`/d/flamelens-demo?from=${from}&to=${to}`);

    // The Prometheus panel: hover the middle of the spike; its tooltip shows the CPU above half a core.
    const plot = ui.page.locator('[data-panel-id="1"] .u-over');
    await plot.waitFor();
    const box = (await plot.boundingBox())!;
    // Late in the spike: the panel's rate over 30 s then covers only busy time.
    const mid = spikeTo - 5_000;
    await ui.page.mouse.move(box.x + ((mid - from) / (to - from)) * box.width, box.y + box.height / 2);
    const tooltipValue = await poll('the time series tooltip', 20_000, async () => {
      const text =
        (await ui.page
          .locator('[data-testid="timeseries-tooltip"]')
          .first()
          .textContent()
          .catch(() => '')) ?? '';
      const m = /demo-workload CPU\s*([\d.]+)/.exec(text);
      return m ? Number(m[1]) : undefined;
    });
    expect(tooltipValue).toBeGreaterThan(0.5);
    await saveScreenshot(ui.page, 'prometheus-spike');

    // The panel's data came from the backend as Grafana's dataplane frames, named by the legend server-side.
    const answer = backendAnswers.find((a) => a.body.results?.A);
    expect(answer?.status).toBe(200);
    const frame = answer?.body.results?.A?.frames?.[0];
    expect(frame?.schema?.meta?.type).toBe('timeseries-multi');
    expect(frame?.schema?.fields?.[1]?.config?.displayNameFromDS).toBe('demo-workload CPU');
    expect(frame?.schema?.fields?.[1]?.labels?.job).toBe('demo-workload');

    // The panel editor shows Prometheus' own query editor: the mode toggle and the Monaco code field with the query,
    // its language services in a web worker (Monaco's own bootstrap, served by the host).
    const workers: string[] = [];
    ui.page.on('worker', (worker) => workers.push(worker.url()));
    await ui.open(`/d/flamelens-demo?from=${from}&to=${to}&editPanel=1`);
    await ui.page.locator('[data-testid="data-testid QueryEditorModeToggle"]').waitFor();
    const code = ui.page.locator('[data-testid="data-testid Query field"] .monaco-editor .view-lines');
    await code.waitFor();
    await poll('the query in the code editor', 20_000, async () =>
      ((await code.textContent()) ?? '').includes('process_cpu_seconds_total') ? true : undefined
    );
    await poll('the Monaco worker', 20_000, async () =>
      workers.some((url) => url.includes('/public/lib/monaco/min/vs/base/worker/workerMain.js')) ? true : undefined
    );
    await saveScreenshot(ui.page, 'prometheus-query-editor');

    // The flame graph of the spike's window: its widest frame below the root is flowAdv.
    await ui.open(`/d/flamelens-demo?from=${spikeFrom}&to=${spikeTo}`);
    const canvas = ui.page.locator('[data-panel-id="2"] [data-testid="flamelens-canvas"]');
    await canvas.waitFor();
    await waitForPaint(ui.page, 'flamelens-canvas');
    const node = widestBelowRuntime(profile);
    const at = await barCentre(canvas, profile, node);
    await ui.page.mouse.move(at.x, at.y);
    const tooltip = ui.page.locator('[data-testid="flamelens-tooltip"]').first();
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain('flowAdv');
    await saveScreenshot(ui.page, 'prometheus-spike-flamegraph');
    expect(ui.errors).toEqual([]);
  });
});
