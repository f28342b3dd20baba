// Jest setup provided by Grafana scaffolding: DOM polyfills, so only in DOM environments. Suites that run real
// servers use `@jest-environment node`, where HTMLCanvasElement and window do not exist.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
  // jsdom has no IntersectionObserver or ResizeObserver, which @grafana/scenes (the sandbox host's dashboards) and
  // @grafana/ui's panel chrome create; Grafana's own test setup stubs them the same way. Nothing is ever reported.
  class SilentObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  }
  for (const name of ['IntersectionObserver', 'ResizeObserver']) {
    if (!(name in window)) {
      window[name] = SilentObserver;
    }
  }
}

// i18next (pulled in by @grafana/ui) advertises itself on every init; keep test output for real messages.
const originalInfo = console.info;
console.info = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('i18next is made possible')) {
    return;
  }
  originalInfo(...args);
};
