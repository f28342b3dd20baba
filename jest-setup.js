// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// i18next (pulled in by @grafana/ui) advertises itself on every init; keep test output for real messages.
const originalInfo = console.info;
console.info = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('i18next is made possible')) {
    return;
  }
  originalInfo(...args);
};
