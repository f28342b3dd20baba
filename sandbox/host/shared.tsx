/**
 * Browser entry of the sandbox host: Grafana's shared packages, exposed to plugins the way Grafana does it
 * (SystemJS with an import map of `package:<name>` entries for React, @grafana/data|ui|runtime, rxjs, lodash,
 * emotion, moment...), plus a way to load a plugin's AMD `module.js` and render a panel plugin with real
 * PanelProps. A plugin that imports anything not in this list fails to load, exactly as in Grafana.
 *
 * SystemJS and its AMD extra are loaded by index.html AFTER this bundle: the AMD extra defines a global
 * `define.amd`, and UMD packages evaluated after it (lodash) would register with it instead of exporting.
 */
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as lodash from 'lodash';
// Grafana shares moment with plugins, so the host must too.
// eslint-disable-next-line no-restricted-imports
import moment from 'moment';
import React from 'react';
import * as ReactDOM from 'react-dom';
import * as jsxRuntime from 'react/jsx-runtime';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import * as grafanaData from '@grafana/data';
import * as grafanaUi from '@grafana/ui';
import * as grafanaRuntime from '@grafana/runtime';

import { hostEvents, renderPanel } from './renderPanel';

/** What Grafana shares with plugins (see Grafana's `sharedDependenciesMap`), as far as this project installs it. */
const shared: Record<string, unknown> = {
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUi,
  '@grafana/runtime': grafanaRuntime,
  lodash,
  moment,
  react: React,
  'react-dom': ReactDOM,
  'react/jsx-runtime': jsxRuntime,
  rxjs,
  'rxjs/operators': rxjsOperators,
};

interface SystemJsGlobal {
  set(id: string, module: unknown): void;
  addImportMap(map: { imports: Record<string, string> }): void;
  import(id: string): Promise<Record<string, unknown>>;
}

function system(): SystemJsGlobal {
  const s = (window as unknown as { System?: SystemJsGlobal }).System;
  if (!s) {
    throw new Error('SystemJS is not loaded: index.html must load it after host.js');
  }
  return s;
}

/** Registers the shared packages with SystemJS under an import map, as Grafana does. */
function install(): void {
  const System = system();
  const imports: Record<string, string> = {};
  for (const [name, mod] of Object.entries(shared)) {
    // A URL-like id: SystemJS resolves bare specifiers only through the import map.
    const id = `package:${name}`;
    const ns = mod as Record<string, unknown>;
    System.set(id, { ...ns, default: ns.default ?? ns, __useDefault: true });
    imports[name] = id;
  }
  System.addImportMap({ imports });
}

/** Loads a plugin module the way Grafana does and returns its exports. */
async function loadPlugin(url: string): Promise<Record<string, unknown>> {
  return system().import(url);
}

(window as unknown as { flamelensHost: unknown }).flamelensHost = {
  install,
  loadPlugin,
  renderPanel,
  hostEvents,
  grafanaData,
};
