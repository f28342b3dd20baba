/**
 * Browser entry of the sandbox host: Grafana's shared packages, exposed to plugins the way Grafana does it
 * (SystemJS with an import map of `package:<name>` entries for React, @grafana/data|ui|runtime, rxjs, lodash,
 * emotion, moment...), the runtime services, and the app (dashboard, app plugin and settings pages, see app/). A
 * plugin that imports anything not in this list fails to load, exactly as in Grafana. `window.flamelensHost` keeps
 * what tests use: `loadPlugin`, `renderPanel` (a panel with real PanelProps on `/sandbox/panel`), `location`, `ready`.
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

import { startHost } from './app/main';
import { pageReady } from './app/pageReady';
import { setUpRuntime } from './app/runtime/services';
import { importModule, installSharedModules } from './app/runtime/systemjs';
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

/** Registers the shared packages with SystemJS (idempotent: the host does it at start-up). */
function install(): void {
  installSharedModules(shared);
}

/** Loads a plugin module the way Grafana does and returns its exports. */
async function loadPlugin(url: string): Promise<Record<string, unknown>> {
  return importModule(url);
}

// Runtime services and option registries first, before anything can load a plugin.
setUpRuntime();

const host = {
  install,
  loadPlugin,
  renderPanel,
  hostEvents,
  grafanaData,
  /** The location service of the app (navigation and URL state), for tests. */
  location: grafanaRuntime.locationService,
  /** Starts the page; index.html calls it once SystemJS is loaded. */
  start: () => startHost(shared),
};
Object.defineProperty(host, 'ready', {
  enumerable: true,
  /** Resolves when the current page has finished its first render. */
  get: pageReady,
});

(window as unknown as { flamelensHost: typeof host }).flamelensHost = host;
