/**
 * Call graph view benchmark (part of `npm run bench`): the built panel (`dist/panel/module.js`, loaded by the sandbox
 * host as Grafana loads it) renders a synthetic profile with `view: 'graph'` in headless Chromium; per case it prints
 * the median over runs of
 * - build: the graph transform (`callGraph`) on the frame's profile, as the view times it (`data-build-ms`);
 * - layout: Graphviz dot on that graph (`data-layout-ms`), including styling the boxes;
 * - first paint: frame handed to the panel → the frame after the SVG holds its nodes (measured in the page: a rAF
 *   loop watches for `[data-node]`, then one more frame so the nodes are laid out and painted). It includes the
 *   panel's own mount, decoding the frame, loading Graphviz's WebAssembly on the first run of a page, and both steps
 *   above.
 *
 * Run: `npx tsx bench/panel/graph.ts` (needs `npm run build && npm run build:host` first; `npm run bench` runs it
 * after the flame graph bench). Each run gets a fresh page, so every first paint loads the WebAssembly again.
 */
import type { Page } from 'playwright-core';

import { profileToDataFrame } from '../../src/model/frame';
import { startHostServer } from '../../sandbox/host/server';
import { launchChromium } from '../../tests/support/browser';
import { syntheticProfile } from '../syntheticProfile';

const CASES = [
  { label: 'synthetic-100k', nodes: 100_000, seed: 2, runs: 3 },
  { label: 'synthetic-1M', nodes: 1_000_000, seed: 3, runs: 3 },
];

interface Run {
  firstPaintMs: number;
  buildMs: number;
  layoutMs: number;
  nodes: number;
  edges: number;
}

async function oneRun(page: Page, frameJson: string): Promise<Run> {
  await page.evaluate(async (json) => {
    const w = window as unknown as {
      benchFrame: unknown;
      benchPlugin: unknown;
      flamelensHost: { loadPlugin(u: string): Promise<{ plugin: unknown }> };
    };
    w.benchFrame = JSON.parse(json);
    w.benchPlugin = (await w.flamelensHost.loadPlugin('/public/plugins/flamelens-profiles-app/panel/module.js')).plugin;
  }, frameJson);
  return page.evaluate(
    () =>
      new Promise<Run>((resolve) => {
        const w = window as unknown as {
          benchFrame: unknown;
          benchPlugin: unknown;
          flamelensHost: { renderPanel(p: unknown, el: HTMLElement, input: unknown): void };
        };
        const t0 = performance.now();
        w.flamelensHost.renderPanel(w.benchPlugin, document.getElementById('panel')!, {
          series: [w.benchFrame],
          options: { view: 'graph' },
          width: 1180,
          height: 720,
        });
        const watch = () => {
          const svg = document.querySelector('[data-testid="flamelens-graph"]');
          if (svg && svg.querySelector('[data-node]')) {
            requestAnimationFrame(() =>
              resolve({
                firstPaintMs: performance.now() - t0,
                buildMs: Number(svg.getAttribute('data-build-ms')),
                layoutMs: Number(svg.getAttribute('data-layout-ms')),
                nodes: svg.querySelectorAll('[data-node]').length,
                edges: svg.querySelectorAll('[data-edge]').length,
              })
            );
            return;
          }
          requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      })
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const host = await startHostServer({ port: 0 });
  const browser = await launchChromium();
  try {
    process.stdout.write('\ncall graph view (view: graph, node count 80):\n');
    process.stdout.write('case\tnodes\tedges\tbuild ms\tlayout ms\tfirst paint ms\n');
    for (const c of CASES) {
      const frameJson = JSON.stringify(profileToDataFrame(syntheticProfile(c.nodes, c.seed)));
      const runs: Run[] = [];
      for (let i = 0; i < c.runs; i++) {
        const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
        // tsx names the arrow functions it compiles with a `__name` helper, which the page does not have.
        await page.addInitScript({ content: 'window.__name = (f) => f;' });
        await page.goto(`${host.url}/sandbox/panel`);
        await page.waitForFunction(() => 'flamelensHost' in window && 'System' in window, undefined, {
          timeout: 30_000,
        });
        runs.push(await oneRun(page, frameJson));
        await page.close();
      }
      const row = {
        case: c.label,
        nodes: runs[0].nodes,
        edges: runs[0].edges,
        buildMs: median(runs.map((r) => r.buildMs)),
        layoutMs: median(runs.map((r) => r.layoutMs)),
        firstPaintMs: median(runs.map((r) => r.firstPaintMs)),
      };
      process.stdout.write(
        `${row.case}\t${row.nodes}\t${row.edges}\t${row.buildMs.toFixed(0)}\t${row.layoutMs.toFixed(0)}\t${row.firstPaintMs.toFixed(0)}\n`
      );
      process.stdout.write(`${JSON.stringify({ bench: 'panel-graph', ...row, runs })}\n`);
    }
  } finally {
    await browser.close();
    await host.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
