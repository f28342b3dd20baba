/**
 * Browser entry of `kit.js`: the probe and the case frames, injected by the runner into both pages (Grafana's
 * FlameGraph page and the sandbox host with our plugin) before any page script, so both are measured by the very
 * same code. For the sandbox host it also installs `benchImpl` for our panel.
 */
import type { DataFrame } from '@grafana/data';

import { makeCase, type CaseFrame } from './cases';
import { firstPaintTasks, installLongTasks, noteRender } from './longTasks';
import { arm, canvasBox, errors, installProbe, measureRender, result, settle } from './probe';
import { armPixels, pixelResult } from './pixelProbe';
import type { BenchImpl, BenchKit, BenchWindow } from './types';

/** What the sandbox host (sandbox/host/shared.tsx) puts on window. */
interface FlamelensHost {
  loadPlugin(url: string): Promise<Record<string, unknown>>;
  renderPanel(plugin: unknown, container: HTMLElement, input: unknown): void;
}

/** Test ids our panel puts on its canvas and root (tests rely on them too). */
const FLAMELENS_CANVAS = 'canvas[data-testid="flamelens-canvas"]';

installProbe();
installLongTasks();

const win = window as unknown as BenchWindow & { flamelensHost?: FlamelensHost };
let current: CaseFrame | undefined;

function impl(): BenchImpl {
  if (!win.benchImpl) {
    throw new Error('benchImpl is not installed on this page');
  }
  return win.benchImpl;
}

function isFlamelensHost(v: unknown): v is FlamelensHost {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof Reflect.get(v, 'loadPlugin') === 'function' &&
    typeof Reflect.get(v, 'renderPanel') === 'function'
  );
}

const kit: BenchKit = {
  makeCase(id) {
    current = undefined;
    const t0 = performance.now();
    current = makeCase(id);
    const { nodes, maxLevel, focus, hover, focusTargets } = current;
    return { id, nodes, maxLevel, focus, hover, focusTargets, makeMs: performance.now() - t0 };
  },
  dropCase() {
    current = undefined;
  },
  async setupFlamelens(moduleUrl, width, height) {
    const host: unknown = win.flamelensHost;
    if (!isFlamelensHost(host)) {
      throw new Error('flamelensHost is missing: is this the sandbox host page?');
    }
    const mod = await host.loadPlugin(moduleUrl);
    const container = document.getElementById('panel');
    if (!container) {
      throw new Error('the sandbox host page has no #panel element');
    }
    container.style.width = `${width}px`;
    container.style.height = `${height}px`;
    const render = (frames: DataFrame[]) =>
      host.renderPanel(mod.plugin, container, {
        series: frames,
        width,
        height,
        // Pinned so the runner knows where rows are: root at the top, 22 px rows, no merged chains (the defaults
        // today); everything else stays at the panel's defaults (flame graph and top table side by side).
        options: { orientation: 'icicle', collapseChains: false },
      });
    win.benchImpl = {
      name: 'flamelens',
      canvasSelector: FLAMELENS_CANVAS,
      render: (frame) => render([frame]),
      // An empty result: the panel shows its "no data" message, which the next render replaces.
      clear: () => render([]),
    };
  },
  settle,
  measureRender(timeoutMs, quietMs) {
    const frame = current?.frame;
    if (!frame) {
      return Promise.reject(new Error('makeCase first'));
    }
    const target = impl();
    const t0 = performance.now();
    return measureRender(target.canvasSelector, () => target.render(frame), timeoutMs, quietMs).then((m) => {
      noteRender(t0, m.status === 'ok' ? m.ms : undefined);
      return m;
    });
  },
  firstPaintTasks,
  arm(options) {
    arm(impl().canvasSelector, options);
  },
  result,
  armPixels(options) {
    armPixels(impl().canvasSelector, options);
  },
  pixelResult,
  canvasBox() {
    return canvasBox(impl().canvasSelector);
  },
  errors,
};

win.benchKit = kit;
