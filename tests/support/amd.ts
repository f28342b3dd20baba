import fs from 'fs';
import path from 'path';

/** The packages Grafana shares with plugins that these bundles import (Grafana supplies them at runtime). */
const SHARED: Record<string, () => unknown> = {
  react: () => require('react'),
  'react-dom': () => require('react-dom'),
  rxjs: () => require('rxjs'),
  '@grafana/data': () => require('@grafana/data'),
  '@grafana/ui': () => require('@grafana/ui'),
  '@grafana/runtime': () => require('@grafana/runtime'),
  '@emotion/css': () => require('@emotion/css'),
  lodash: () => require('lodash'),
};

/**
 * Evaluates a built AMD `module.js` the way Grafana's SystemJS loader does: through a `define` shim that hands it
 * Grafana's shared packages (and its own URL as `module`). Returns what the bundle exported; throws if it imports a
 * package Grafana does not share.
 */
export function loadAmd(file: string): Record<string, unknown> {
  const source = fs.readFileSync(file, 'utf8');
  let exported: Record<string, unknown> | undefined;
  const define = (deps: string[], factory: (...args: unknown[]) => Record<string, unknown>) => {
    const args = deps.map((dep) => {
      if (dep === 'module') {
        // Grafana passes the module's own URL so the bundle can find its chunks.
        return { uri: `public/plugins/${path.basename(path.dirname(file))}/module.js` };
      }
      const provide = SHARED[dep];
      if (!provide) {
        throw new Error(`${file} imports "${dep}", which Grafana does not share with plugins: it must be bundled`);
      }
      return provide();
    });
    exported = factory(...args);
  };
  new Function('define', source)(define);
  if (!exported) {
    throw new Error(`${file} did not call define()`);
  }
  return exported;
}
