import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startHostServer, type GrafanaLine } from '../host/server';
import { seedDemoData } from '../pyroscope/seed';
import { startPyroscopeServer, type PyroscopeServer } from '../pyroscope/server';
import { seedWorkloadHistory, type WorkloadHistory } from './history';
import { findPrometheus, startPrometheus } from './prometheus';
import { cpuHistoryOpenMetrics } from './prometheusHistory';
import { assertPortFree, PortBusyError } from './ports';
import { REPO_ROOT } from './paths';
import { prepareProvisioning } from './provisioning';
import { startWorkload, type RunningWorkload, type WorkloadEvent, type WorkloadSpikeOptions } from './workloadProcess';

/**
 * The whole demo in one process: the Pyroscope-compatible test server with seeded history, the profiled workload
 * (a child process), Prometheus scraping it when installed, and the sandbox host serving the provisioned dashboard.
 * `npm run demo` runs it through main.ts; browser tests call `startDemo` with port 0 and a fast spike schedule.
 */

/** Where each part listens by default, and the variable that moves it (main.ts reads them). */
export const DEMO_PORTS = {
  host: { port: 3000, env: 'PORT', what: 'the sandbox host' },
  pyroscope: { port: 4040, env: 'PYROSCOPE_PORT', what: 'the Pyroscope test server' },
  metrics: { port: 9464, env: 'METRICS_PORT', what: "the demo workload's metrics" },
  prometheus: { port: 9090, env: 'PROMETHEUS_PORT', what: 'Prometheus' },
} as const;

export type DemoPart = keyof typeof DEMO_PORTS;

export const DEFAULT_SPIKE: WorkloadSpikeOptions = { firstMs: 60_000, everyMs: 600_000, durationMs: 45_000 };

export interface DemoOptions {
  /** Ports on 127.0.0.1 (0 = any free port); defaults in `DEMO_PORTS`. */
  ports?: Partial<Record<DemoPart, number>>;
  /** Run Prometheus: `auto` (default) when `findPrometheus()` finds it. `true` fails when it is missing. */
  prometheus?: boolean | 'auto';
  /** Hours of seeded history (default 6). */
  historyHours?: number;
  spike?: WorkloadSpikeOptions;
  /** The workload's upload interval (default 15 s). */
  flushIntervalMs?: number;
  /** Prometheus scrape interval (default 5 s). */
  scrapeIntervalSec?: number;
  /** The Grafana line the sandbox host emulates (default: the newest, see sandbox/host/lines/lines.json). */
  grafana?: GrafanaLine;
  /** Serve the sandbox host under this sub-path (`/grafana`), as Grafana with `serve_from_sub_path` does. */
  subPath?: string;
  /** Default: the repository's `provisioning/`. */
  provisioningDir?: string;
  /** Progress and warnings, one line each (default: nothing). */
  log?: (line: string) => void;
  /** The sandbox host's lines: one per proxied request, and warnings (default: `log`). */
  hostLog?: (line: string) => void;
  onWorkloadEvent?: (event: WorkloadEvent) => void;
}

export interface DemoUrls {
  /** The demo dashboard in the sandbox host. */
  dashboard: string;
  host: string;
  pyroscope: string;
  /** Undefined when Prometheus does not run. */
  prometheus?: string;
  metrics: string;
}

export interface RunningDemo {
  urls: DemoUrls;
  /** The Grafana version the sandbox host emulates (`13.2.3`). */
  grafana: string;
  /** True when Prometheus runs (else the CPU panel is drawn from the profiles). */
  prometheus: boolean;
  provisioningDir: string;
  pyroscope: PyroscopeServer;
  workload: RunningWorkload;
  history: WorkloadHistory;
  /** Process ids of the child processes (workload, Prometheus). */
  childPids: number[];
  /** Stops everything it started, in reverse order. Safe to call twice. */
  close(): Promise<void>;
}

/** Rewrites a failed listen on a taken port into the message that names the port and its variable. */
async function listening<T>(part: DemoPart, port: number, start: Promise<T>): Promise<T> {
  try {
    return await start;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortBusyError(port, DEMO_PORTS[part].what, DEMO_PORTS[part].env);
    }
    throw e;
  }
}

/** Fails with `PortBusyError` for the first fixed port that is taken. */
export async function checkDemoPorts(ports: Record<DemoPart, number>, parts: readonly DemoPart[]): Promise<void> {
  for (const part of parts) {
    await assertPortFree(ports[part], DEMO_PORTS[part].what, DEMO_PORTS[part].env);
  }
}

function dashboardUid(provisioningDir: string): string {
  const file = join(provisioningDir, 'dashboards', 'flamelens-demo.json');
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const uid = typeof parsed === 'object' && parsed !== null ? (parsed as { uid?: unknown }).uid : undefined;
  if (typeof uid !== 'string' || uid === '') {
    throw new Error(`${file} has no "uid"`);
  }
  return uid;
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? (() => undefined);
  const ports: Record<DemoPart, number> = {
    host: options.ports?.host ?? DEMO_PORTS.host.port,
    pyroscope: options.ports?.pyroscope ?? DEMO_PORTS.pyroscope.port,
    metrics: options.ports?.metrics ?? DEMO_PORTS.metrics.port,
    prometheus: options.ports?.prometheus ?? DEMO_PORTS.prometheus.port,
  };
  const prometheusBinary = options.prometheus === false ? undefined : findPrometheus();
  if (options.prometheus === true && !prometheusBinary) {
    throw new Error('Prometheus is not installed: no `prometheus` on PATH (Debian/Ubuntu: apt-get install prometheus)');
  }
  const spike = options.spike ?? DEFAULT_SPIKE;
  const hours = options.historyHours ?? 6;
  await checkDemoPorts(
    ports,
    prometheusBinary ? ['host', 'pyroscope', 'metrics', 'prometheus'] : ['host', 'pyroscope', 'metrics']
  );

  const closers: Array<{ what: string; close: () => Promise<void> | void }> = [];
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const failures: string[] = [];
      for (const { what, close: stop } of closers.reverse()) {
        try {
          await stop();
        } catch (e) {
          failures.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      if (failures.length > 0) {
        throw new Error(`the demo did not stop cleanly:\n  ${failures.join('\n  ')}`);
      }
    })();
    return closing;
  };

  try {
    const pyroscope = await listening('pyroscope', ports.pyroscope, startPyroscopeServer({ port: ports.pyroscope }));
    closers.push({ what: 'Pyroscope test server', close: () => pyroscope.close() });
    log(`Seeding ${hours} h of history into the Pyroscope test server...`);
    seedDemoData(pyroscope.store, { nowMs: Date.now(), hours });

    const workload = await startWorkload({
      pyroscopeUrl: pyroscope.url,
      metricsPort: ports.metrics,
      spike,
      ...(options.flushIntervalMs !== undefined ? { flushIntervalMs: options.flushIntervalMs } : {}),
      ...(options.onWorkloadEvent ? { onEvent: options.onWorkloadEvent } : {}),
      onOutput: (line) => log(`workload: ${line}`),
    }).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      if (/EADDRINUSE/.test(message)) {
        throw new PortBusyError(ports.metrics, DEMO_PORTS.metrics.what, DEMO_PORTS.metrics.env);
      }
      throw e;
    });
    closers.push({ what: 'demo workload', close: async () => void (await workload.stop()) });
    // The history ends where the live workload starts, on the same spike grid.
    const history = seedWorkloadHistory(pyroscope.store, {
      nowMs: workload.ready.startedAt,
      hours,
      spikeFirstMs: spike.firstMs,
      spikeEveryMs: spike.everyMs,
      spikeMs: spike.durationMs,
    });

    const childPids = [workload.pid];
    let prometheusUrl: string | undefined;
    if (prometheusBinary) {
      const target = { job: 'demo-workload', address: `127.0.0.1:${workload.ready.metricsPort}` };
      const scrapeIntervalSec = options.scrapeIntervalSec ?? 5;
      const prom = await startPrometheus({
        binary: prometheusBinary,
        port: ports.prometheus,
        scrapeIntervalSec,
        targets: [target],
        // The same hours of CPU the profiles have, so the CPU panel shows the history's spikes too; the live
        // scrapes of the same target continue the series.
        backfill: cpuHistoryOpenMetrics(history, { job: target.job, instance: target.address, scrapeIntervalSec }),
        retention: `${Math.max(24, Math.ceil(hours) + 1)}h`,
      });
      closers.push({ what: 'Prometheus', close: () => prom.close() });
      childPids.push(prom.pid);
      prometheusUrl = prom.url;
    }

    const provisioning = prepareProvisioning(
      options.provisioningDir ?? join(REPO_ROOT, 'provisioning'),
      Boolean(prometheusUrl)
    );
    closers.push({ what: 'temporary provisioning', close: () => provisioning.cleanup() });
    const env: Record<string, string> = { PYROSCOPE_URL: pyroscope.url };
    if (prometheusUrl) {
      env.PROMETHEUS_URL = prometheusUrl;
    }
    const host = await listening(
      'host',
      ports.host,
      startHostServer({
        port: ports.host,
        host: '127.0.0.1',
        provisioningDir: provisioning.dir,
        env,
        log: options.hostLog ?? log,
        ...(options.grafana ? { grafana: options.grafana } : {}),
        ...(options.subPath ? { subPath: options.subPath } : {}),
      })
    );
    closers.push({ what: 'sandbox host', close: () => host.close() });

    return {
      urls: {
        dashboard: `${host.url}/d/${dashboardUid(provisioning.dir)}`,
        host: host.url,
        pyroscope: pyroscope.url,
        ...(prometheusUrl ? { prometheus: prometheusUrl } : {}),
        metrics: workload.ready.metricsUrl,
      },
      grafana: host.grafana.version,
      prometheus: Boolean(prometheusUrl),
      provisioningDir: provisioning.dir,
      pyroscope,
      workload,
      history,
      childPids,
      close,
    };
  } catch (e) {
    await close().catch((closeError: unknown) => log(String(closeError)));
    throw e;
  }
}
