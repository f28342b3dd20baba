/**
 * Page bundle (grafana.js) that renders Grafana's own flame graph, `@grafana/flamegraph` 13.0.1 with
 * `@grafana/data|ui` 13.0.2 from bench/panel/node_modules, the way Explore and the flame graph panel use it: the
 * default props (flame graph beside its top table, header with search) and a dark theme.
 *
 * It only installs `window.benchImpl`; every measurement is done by kit.js (probe.ts), which the runner injects into
 * this page and into the sandbox host page alike.
 */
import React from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, type DataFrame } from '@grafana/data';
import { FlameGraph } from '@grafana/flamegraph';

import type { BenchWindow } from './types';

/** The canvas @grafana/flamegraph draws on (FlameGraphCanvas sets this test id). */
const GRAFANA_CANVAS = 'canvas[data-testid="flameGraph"]';

// One theme object and one getTheme function for the page's life: FlameGraph memoises on getTheme's identity.
const theme = createTheme({ colors: { mode: 'dark' } });
const getTheme = () => theme;

const container = document.getElementById('bench');
if (!container) {
  throw new Error('grafana.html has no #bench element');
}
const root = createRoot(container);

(window as unknown as BenchWindow).benchImpl = {
  name: 'grafana',
  canvasSelector: GRAFANA_CANVAS,
  render(frame: DataFrame) {
    root.render(<FlameGraph data={frame} getTheme={getTheme} />);
  },
  clear() {
    root.render(<></>);
  },
};
