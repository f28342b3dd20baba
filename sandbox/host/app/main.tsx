/**
 * Starts the host page once SystemJS is there: shared packages into SystemJS, in-app link navigation, then the app
 * (or, on `/sandbox/panel`, just the empty `#panel` element the panel browser tests render into).
 */
import React from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme } from '@grafana/data';
import { config, locationService } from '@grafana/runtime';

import { App } from './App';
import { installLinkInterceptor } from './linkInterceptor';
import { beginPage, markPageReady } from './pageReady';
import { initLocationUtil } from './runtime/locationUtil';
import { installSharedModules } from './runtime/systemjs';

/** The part of boot data only the sandbox has. */
export function sandboxBootData(): { homeDashboardUid?: string } {
  const boot = (window as unknown as { grafanaBootData?: { sandbox?: { homeDashboardUid?: unknown } } })
    .grafanaBootData;
  const uid = boot?.sandbox?.homeDashboardUid;
  return { homeDashboardUid: typeof uid === 'string' && uid ? uid : undefined };
}

let started = false;

export function startHost(shared: Record<string, unknown>): void {
  installSharedModules(shared);
  if (started) {
    return;
  }
  started = true;
  initLocationUtil();
  const { pathname, search } = locationService.getLocation();
  if (pathname === '/sandbox/panel') {
    beginPage('sandboxPanel');
    const panel = document.createElement('div');
    panel.id = 'panel';
    panel.style.position = 'relative';
    document.body.appendChild(panel);
    markPageReady('sandboxPanel');
    return;
  }
  installLinkInterceptor();
  const { homeDashboardUid } = sandboxBootData();
  if ((pathname === '/' || pathname === '') && homeDashboardUid) {
    // Grafana's home redirect, before the first render, keeping the query (from, to, var-*).
    locationService.replace(`/d/${encodeURIComponent(homeDashboardUid)}${search}`);
  }
  const container = document.getElementById('root');
  if (!container) {
    throw new Error('index.html has no #root element for the sandbox app');
  }
  const theme = createTheme({ colors: { mode: config.bootData.user?.theme === 'light' ? 'light' : 'dark' } });
  createRoot(container).render(<App theme={theme} homeDashboardUid={homeDashboardUid} />);
}
