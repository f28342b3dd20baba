/**
 * @jest-environment node
 */
/**
 * The panel at the edges: a timeline strip whose drag changes the dashboard range, a 10,000-level profile and a
 * node with 500,000 children (where Grafana's own flame graph goes blank or overflows the stack).
 */
import type { Browser } from 'playwright-core';
import type { DataFrame } from '@grafana/data';

import { profileToDataFrame } from '../../src/model/frame';
import type { Profile } from '../../src/model/profile';
import { launchChromium, openHost } from '../support/browser';
import { renderPanelInPage, saveScreenshot, waitForPaint } from '../support/panelPage';

jest.setTimeout(180_000);

/** A chain of `depth` frames under the root, each one level deeper. */
function deepChain(depth: number): Profile {
  const n = depth + 1;
  const level = Int32Array.from({ length: n }, (_, i) => i);
  const total = new Float64Array(n).fill(1000);
  const self = new Float64Array(n);
  self[n - 1] = 1000;
  return {
    names: ['total', ...Array.from({ length: depth }, (_, i) => `pkg.frame${i}`)],
    level,
    total,
    self,
    nameId: Int32Array.from({ length: n }, (_, i) => i),
    unit: 'count',
  };
}

describe('the panel at the edges, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('dragging on the timeline strip asks the dashboard for that range', async () => {
    const fromMs = 1_779_729_300_000;
    const times = Array.from({ length: 60 }, (_, i) => fromMs + i * 60_000);
    const series: DataFrame = {
      refId: 'A',
      length: times.length,
      fields: [
        { name: 'time', type: 'time' as never, values: times, config: {} },
        {
          name: 'value',
          type: 'number' as never,
          values: times.map((_, i) => (i === 30 ? 4 : 1)),
          config: { unit: 'suffix: cores' },
        },
      ],
    };
    const flame = profileToDataFrame(deepChain(5), { refId: 'A' });
    const host = await openHost(browser);
    try {
      await renderPanelInPage(host.page, [flame, series]);
      const strip = host.page.locator('svg[aria-label^="Profile values over time"]');
      const box = await strip.boundingBox();
      expect(box).not.toBeNull();
      await host.page.mouse.move(box!.x + box!.width * 0.25, box!.y + box!.height / 2);
      await host.page.mouse.down();
      await host.page.mouse.move(box!.x + box!.width * 0.5, box!.y + box!.height / 2, { steps: 5 });
      await host.page.mouse.up();
      const events = await host.page.evaluate(
        () =>
          (
            window as unknown as {
              flamelensHost: { hostEvents: Array<{ type: string; payload: { from: number; to: number } }> };
            }
          ).flamelensHost.hostEvents
      );
      const range = events.find((e) => e.type === 'timeRange');
      expect(range).toBeDefined();
      expect(range!.payload.from).toBeGreaterThan(fromMs);
      expect(range!.payload.to).toBeGreaterThan(range!.payload.from);
      await saveScreenshot(host.page, 'panel-timeline');
    } finally {
      await host.close();
    }
  });

  // Huge frames are built inside the page: shipping 500,000 rows through the DevTools protocol takes longer than
  // everything the panel does with them.
  it.each([
    ['a 10,000-level profile', 'deep', 10_000, 'panel-deep'],
    ['a node with 500,000 children', 'wide', 500_000, 'panel-wide'],
  ])('renders %s', async (_what, shape, size, shot) => {
    const host = await openHost(browser);
    try {
      await host.page.evaluate(
        async ({ shape, size }) => {
          const n = shape === 'deep' ? size + 1 : size + 2;
          const level: number[] = new Array(n);
          const value: number[] = new Array(n);
          const self: number[] = new Array(n);
          const label: number[] = new Array(n);
          for (let i = 0; i < n; i++) {
            if (shape === 'deep') {
              level[i] = i;
              value[i] = 1000;
              self[i] = i === n - 1 ? 1000 : 0;
              label[i] = i === 0 ? 0 : 1 + (i % 50);
            } else {
              level[i] = Math.min(i, 2);
              value[i] = i < 2 ? size : 1;
              self[i] = i < 2 ? 0 : 1;
              label[i] = Math.min(i, 2);
            }
          }
          const text = ['total', ...Array.from({ length: 50 }, (_, k) => `pkg.frame${k}`)];
          const frame = {
            length: n,
            fields: [
              { name: 'level', type: 'number', values: level, config: {} },
              { name: 'value', type: 'number', values: value, config: { unit: 'short' } },
              { name: 'self', type: 'number', values: self, config: { unit: 'short' } },
              { name: 'label', type: 'enum', values: label, config: { type: { enum: { text } } } },
            ],
          };
          const w = window as unknown as {
            flamelensHost: {
              loadPlugin(u: string): Promise<{ plugin: unknown }>;
              renderPanel(p: unknown, el: HTMLElement, input: unknown): void;
            };
          };
          const mod = await w.flamelensHost.loadPlugin('/public/plugins/flamelens-profiles-app/panel/module.js');
          w.flamelensHost.renderPanel(mod.plugin, document.getElementById('panel')!, {
            series: [frame],
            options: { view: 'flamegraph' },
            width: 1180,
            height: 720,
          });
        },
        { shape, size }
      );
      await waitForPaint(host.page);
      const text = await host.page.textContent('[data-testid="flamelens-panel"]');
      expect(text).not.toMatch(/Cannot|No data/);
      expect(text).toContain(`${(size + (shape === 'deep' ? 1 : 2)).toLocaleString('en-US')} nodes`);
      await saveScreenshot(host.page, shot);
    } finally {
      await host.close();
    }
  });
});
