/**
 * @jest-environment node
 */
/**
 * The built plugin in a real browser: Chromium loads every dist module.js through SystemJS with Grafana's shared
 * packages (the sandbox host), as Grafana does — on every Grafana line the sandbox emulates, the same dist/ each time.
 */
import fs from 'fs';
import path from 'path';
import type { Browser } from 'playwright-core';

import { decodeConnectFlameGraph } from '../../src/model/connect';
import { profileToDataFrame } from '../../src/model/frame';
import { launchChromium, openHost } from '../support/browser';
import { expectGrafanaLine, testedGrafanaLines } from '../support/grafanaLines';

jest.setTimeout(90_000);

const APP = '/public/plugins/flamelens-profiles-app';

describe.each(testedGrafanaLines())('the built plugin loaded by SystemJS in Chromium, Grafana %s', (line) => {
  let browser: Browser;
  // One host page per line: each test loads what it needs into it, as plugins share one page in Grafana.
  let host: Awaited<ReturnType<typeof openHost>>;
  beforeAll(async () => {
    browser = await launchChromium();
    host = await openHost(browser, line);
  });
  afterAll(async () => {
    await host?.close();
    await browser?.close();
  });

  it(`emulates Grafana ${line}`, async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${host.url}/connections/datasources`);
      await expectGrafanaLine(page, line);
    } finally {
      await page.close();
    }
  });

  it.each([
    ['app', 'AppPlugin', `${APP}/module.js`],
    ['datasource', 'DataSourcePlugin', `${APP}/datasource/module.js`],
    ['panel', 'PanelPlugin', `${APP}/panel/module.js`],
  ])('%s module.js exports a %s', async (_name, kind, url) => {
    const result = await host.page.evaluate(
      async ({ url, kind }) => {
        const w = window as unknown as {
          flamelensHost: {
            loadPlugin(u: string): Promise<Record<string, unknown>>;
            grafanaData: Record<string, unknown>;
          };
        };
        const mod = await w.flamelensHost.loadPlugin(url);
        const Kind = w.flamelensHost.grafanaData[kind] as new (...args: unknown[]) => unknown;
        return mod.plugin instanceof Kind;
      },
      { url, kind }
    );
    expect(result).toBe(true);
  });

  it('a plugin importing a package Grafana does not share fails to load', async () => {
    const error = await host.page.evaluate(async () => {
      const w = window as unknown as { flamelensHost: { loadPlugin(u: string): Promise<unknown> } };
      const blob = new Blob(['define(["left-pad"], function (lp) { return { plugin: lp }; });'], {
        type: 'application/javascript',
      });
      try {
        await w.flamelensHost.loadPlugin(URL.createObjectURL(blob));
        return 'loaded';
      } catch (e) {
        return String(e);
      }
    });
    expect(error).toMatch(/left-pad/);
  });

  it('the panel renders a frame of the recorded flame graph', async () => {
    const body = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api/flamegraph.json'), 'utf8')
    );
    const frame = profileToDataFrame(decodeConnectFlameGraph(body, 'nanoseconds'));
    await host.page.evaluate(
      async ({ url, frame }) => {
        const w = window as unknown as {
          flamelensHost: {
            loadPlugin(u: string): Promise<{ plugin: unknown }>;
            renderPanel(p: unknown, el: HTMLElement, input: unknown): void;
          };
        };
        const mod = await w.flamelensHost.loadPlugin(url);
        w.flamelensHost.renderPanel(mod.plugin, document.getElementById('panel')!, {
          series: [frame],
          width: 1000,
          height: 600,
        });
      },
      { url: `${APP}/panel/module.js`, frame }
    );
    await host.page.waitForSelector('[data-testid="flamelens-panel"]');
    expect(await host.page.textContent('[data-testid="flamelens-panel"]')).toMatch(/total 11\.1 s.*2,110 nodes/);
  });
});
