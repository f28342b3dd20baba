import path from 'path';
import type { Browser, Page } from 'playwright-core';

import { decodeConnectFlameGraph } from '../../src/model/connect';
import { nodeName, type Profile } from '../../src/model/profile';
import { startDemo, type RunningDemo } from '../../sandbox/demo/demo';
import { startHostServer, type GrafanaLine } from '../../sandbox/host/server';
import { seedWorkloadHistory, type WorkloadHistory } from '../../sandbox/demo/history';
import { prepareProvisioning } from '../../sandbox/demo/provisioning';
import { seedDemoData } from '../../sandbox/pyroscope/seed';
import { startPyroscopeServer, type PyroscopeServer } from '../../sandbox/pyroscope/server';
import { widestBelowRuntime } from './panelPage';

const PROVISIONING = path.join(__dirname, '..', '..', 'provisioning');

/** The sandbox host over the seeded test server: the demo's history without the live workload (deterministic). */
export interface Sandbox {
  url: string;
  pyroscope: PyroscopeServer;
  history: WorkloadHistory;
  nowMs: number;
  close(): Promise<void>;
}

/** The Pyroscope test server with six hours of demo history: what {@link startSandbox} reads from. */
export interface SeededPyroscope {
  pyroscope: PyroscopeServer;
  history: WorkloadHistory;
  nowMs: number;
  close(): Promise<void>;
}

/**
 * Starts the Pyroscope test server with six hours of demo history (the seeded services and the demo workload's
 * spikes); `basicAuth` makes it demand it. Seeding takes seconds: suites that run on several Grafana lines share one.
 */
export async function startSeededPyroscope(options: { basicAuth?: string } = {}): Promise<SeededPyroscope> {
  const nowMs = Date.now();
  const pyroscope = await startPyroscopeServer(options.basicAuth ? { basicAuth: options.basicAuth } : {});
  seedDemoData(pyroscope.store, { nowMs, hours: 6 });
  const history = seedWorkloadHistory(pyroscope.store, { nowMs, hours: 6 });
  return { pyroscope, history, nowMs, close: () => pyroscope.close() };
}

/**
 * Starts the sandbox host provisioned from `provisioning/` without Prometheus (the CPU panel then reads the
 * profile-derived series, as `npm run demo` does without Prometheus) over a seeded test server: `seeded` when given
 * (left running on close), else a new one. `grafana` picks the Grafana line the host emulates (default: the newest);
 * `pyroscopeUrl` points the provisioned datasource elsewhere (e.g. a proxy in front of the test server); `subPath` serves
 * the host under a sub-path, as Grafana with `serve_from_sub_path`.
 */
export async function startSandbox(
  options: {
    basicAuth?: string;
    grafana?: GrafanaLine;
    seeded?: SeededPyroscope;
    pyroscopeUrl?: string;
    /** Serve the host under this sub-path (`/grafana`); `url` then ends with it. */
    subPath?: string;
    /** Edits the prepared provisioning folder before the host reads it (e.g. `retargetDemoForOg`). */
    prepare?: (provisioningDir: string) => void;
  } = {}
): Promise<Sandbox> {
  const seeded = options.seeded ?? (await startSeededPyroscope(options));
  const { pyroscope, history, nowMs } = seeded;
  const provisioning = prepareProvisioning(PROVISIONING, false);
  options.prepare?.(provisioning.dir);
  const host = await startHostServer({
    port: 0,
    provisioningDir: provisioning.dir,
    env: { PYROSCOPE_URL: options.pyroscopeUrl ?? pyroscope.url },
    ...(options.grafana ? { grafana: options.grafana } : {}),
    ...(options.subPath ? { subPath: options.subPath } : {}),
  });
  return {
    url: host.url,
    pyroscope,
    history,
    nowMs,
    close: async () => {
      await host.close();
      if (!options.seeded) {
        await seeded.close();
      }
      provisioning.cleanup();
    },
  };
}

/** A page on the sandbox that records console errors and page errors. */
export interface SandboxPage {
  page: Page;
  errors: string[];
  /** Opens a sandbox path and waits for its first complete render (`flamelensHost.ready`). */
  open(pathAndQuery: string): Promise<void>;
  /** Waits for the current page's render after an in-app navigation. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export async function openSandboxPage(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1400, height: 1000 }
): Promise<SandboxPage> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') {
      errors.push(`console: ${m.text()}`);
    }
  });
  const ready = async () => {
    await page.waitForFunction(() => 'flamelensHost' in window, undefined, { timeout: 30_000 });
    await page.evaluate(() => (window as unknown as { flamelensHost: { ready: Promise<void> } }).flamelensHost.ready);
  };
  return {
    page,
    errors,
    open: async (p: string) => {
      await page.goto(`${baseUrl}${p}`);
      await ready();
    },
    ready,
    close: () => page.close(),
  };
}

/** The URL's query parameters of the page. */
export function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

/**
 * A time of the URL (`from`, `to`) in epoch milliseconds. Grafana's dashboards (scenes) write absolute times as ISO
 * 8601 strings and accept epoch milliseconds too.
 */
export function urlTimeMs(page: Page, key: 'from' | 'to'): number {
  const value = searchParams(page).get(key) ?? '';
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

/** Calls `get` every second until it returns a value; fails after `timeoutMs` naming `what`. */
export async function poll<T>(what: string, timeoutMs: number, get: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v !== undefined) {
      return v;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The merged CPU profile of `selector` over [fromMs, toMs], asked of the test server's Connect API directly. */
export async function serverProfile(
  pyroscopeUrl: string,
  fromMs: number,
  toMs: number,
  selector = '{service_name="demo-workload"}',
  profileTypeId = 'wall:cpu:nanoseconds:wall:nanoseconds'
): Promise<Profile> {
  const res = await fetch(`${pyroscopeUrl}/querier.v1.QuerierService/SelectMergeStacktraces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      profileTypeID: profileTypeId,
      labelSelector: selector,
      start: fromMs,
      end: toMs,
      maxNodes: 16384,
    }),
  });
  if (res.status !== 200) {
    throw new Error(`SelectMergeStacktraces answered ${res.status}: ${await res.text()}`);
  }
  return decodeConnectFlameGraph(await res.json(), 'nanoseconds');
}

/**
 * One more sandbox host over a running demo's servers (its provisioning, test server and Prometheus), emulating
 * `grafana`: the story can then be walked on every Grafana line against the same spike.
 */
export async function startHostOverDemo(
  demo: RunningDemo,
  grafana: GrafanaLine
): Promise<{ url: string; close(): Promise<void> }> {
  const env: Record<string, string> = { PYROSCOPE_URL: demo.urls.pyroscope };
  if (demo.urls.prometheus) {
    env.PROMETHEUS_URL = demo.urls.prometheus;
  }
  const host = await startHostServer({ port: 0, provisioningDir: demo.provisioningDir, env, grafana });
  return { url: host.url, close: () => host.close() };
}

/** The demo with real Prometheus and one flowAdv spike, and the spike as the workload reported it. */
export interface SpikedDemo {
  demo: RunningDemo;
  spikeFrom: number;
  spikeTo: number;
  /** The spike's merged CPU profile, once the agent has uploaded it. */
  spikeProfile: Profile;
}

/**
 * Starts the whole demo on free ports with real Prometheus (failing when it is missing) and one 45 s spike (as in the
 * demo) 8 s after the start; resolves once the spike is over and its profiles, with flowAdv below Node's event-loop
 * frames, are in the test server.
 */
export async function startDemoWithSpike(): Promise<SpikedDemo> {
  const demo = await startDemo({
    ports: { host: 0, pyroscope: 0, metrics: 0, prometheus: 0 },
    prometheus: true,
    historyHours: 1,
    spike: { firstMs: 8_000, everyMs: 900_000, durationMs: 45_000 },
    flushIntervalMs: 5_000,
    scrapeIntervalSec: 1,
  });
  try {
    const spikeFrom = (await demo.workload.waitFor('spike-start', { timeoutMs: 60_000 })).at;
    const spikeTo = (await demo.workload.waitFor('spike-end', { timeoutMs: 120_000 })).at;
    // The last upload of the spike comes a flush interval after it.
    const spikeProfile = await poll('the uploaded spike', 60_000, async () => {
      const p = await serverProfile(demo.urls.pyroscope, spikeFrom, spikeTo);
      return p.level.length > 1 && nodeName(p, widestBelowRuntime(p)).includes('flowAdv') ? p : undefined;
    });
    return { demo, spikeFrom, spikeTo, spikeProfile };
  } catch (e) {
    await demo.close();
    throw e;
  }
}
