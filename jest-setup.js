// Jest setup provided by Grafana scaffolding: DOM polyfills, so only in DOM environments. Suites that run real
// servers use `@jest-environment node`, where HTMLCanvasElement and window do not exist.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
}

// i18next (pulled in by @grafana/ui) advertises itself on every init; keep test output for real messages.
const originalInfo = console.info;
console.info = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('i18next is made possible')) {
    return;
  }
  originalInfo(...args);
};
