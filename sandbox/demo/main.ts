/**
 * `npm run demo` (scripts/demo.mjs runs this file with tsx): builds what is stale, starts the demo (demo.ts) and
 * stops everything on Ctrl-C or SIGTERM.
 *
 *   PORT=3000 PYROSCOPE_PORT=4040 METRICS_PORT=9464 PROMETHEUS_PORT=9090 npm run demo \
 *     [-- --grafana 12.4|13.0|13.2] [--sub-path /grafana] [--no-prometheus] [--no-build]
 *
 * SPIKE_FIRST_MS, SPIKE_EVERY_MS and SPIKE_MS change the workload's spike schedule; DEMO_HISTORY_HOURS the history.
 */
import { checkDemoPorts, DEFAULT_SPIKE, DEMO_PORTS, startDemo, type DemoPart, type RunningDemo } from './demo';
import { DEFAULT_GRAFANA_LINE, GRAFANA_LINES, type GrafanaLine } from '../host/server/grafanaLines';
import { normalizeSubPath } from '../host/server/subPath';
import { ensureBuilt, HOST_BUILD, PLUGIN_BUILD } from './freshBuild';
import { findPrometheus } from './prometheus';
import { REPO_ROOT } from './paths';
import type { WorkloadEvent } from './workloadProcess';

const USAGE = `usage: npm run demo [-- --grafana ${GRAFANA_LINES.join('|')}] [--sub-path /grafana] [--no-prometheus] [--no-build]
environment: PORT (3000), PYROSCOPE_PORT (4040), METRICS_PORT (9464), PROMETHEUS_PORT (9090),
             SPIKE_FIRST_MS (60000), SPIKE_EVERY_MS (600000), SPIKE_MS (45000), DEMO_HISTORY_HOURS (6)`;

/** Settings of a demo run, from the environment and the command line. */
export interface DemoSettings {
  ports: Record<DemoPart, number>;
  noPrometheus: boolean;
  /** `--no-build`: use dist/ and the host bundle as they are (tests; a build is running elsewhere). */
  noBuild: boolean;
  /** `--grafana <line>`: the Grafana line the sandbox host emulates (default: the newest). */
  grafana: GrafanaLine;
  /** `--sub-path <path>`: serve the host under it, as Grafana with `serve_from_sub_path` (default: at the root). */
  subPath: string;
  spike: { firstMs: number; everyMs: number; durationMs: number };
  historyHours: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    throw new Error(
      `${name} must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got "${raw}"`
    );
  }
  return Number(raw);
}

/** Reads the settings; throws a message for a bad value or flag. */
export function demoSettings(env: NodeJS.ProcessEnv, argv: readonly string[]): DemoSettings {
  let noPrometheus = false;
  let noBuild = false;
  let grafana = DEFAULT_GRAFANA_LINE;
  let subPath = '';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--grafana' || arg.startsWith('--grafana=')) {
      const line = arg === '--grafana' ? argv[++i] : arg.slice('--grafana='.length);
      if (line === undefined || !GRAFANA_LINES.includes(line)) {
        throw new Error(`--grafana takes one of ${GRAFANA_LINES.join(', ')}, got ${line ?? 'nothing'}\n${USAGE}`);
      }
      grafana = line;
    } else if (arg === '--sub-path' || arg.startsWith('--sub-path=')) {
      const raw = arg === '--sub-path' ? argv[++i] : arg.slice('--sub-path='.length);
      subPath = normalizeSubPath(raw);
      if (subPath === '') {
        throw new Error(`--sub-path takes a path such as /grafana, got ${raw || 'nothing'}\n${USAGE}`);
      }
    } else if (arg === '--no-prometheus') {
      noPrometheus = true;
    } else if (arg === '--no-build') {
      noBuild = true;
    } else {
      throw new Error(arg === '--help' || arg === '-h' ? USAGE : `unknown option ${arg}\n${USAGE}`);
    }
  }
  const ports = {} as Record<DemoPart, number>;
  for (const part of Object.keys(DEMO_PORTS) as DemoPart[]) {
    ports[part] = intFrom(env, DEMO_PORTS[part].env, DEMO_PORTS[part].port, 65535);
  }
  const spike = {
    firstMs: intFrom(env, 'SPIKE_FIRST_MS', DEFAULT_SPIKE.firstMs),
    everyMs: intFrom(env, 'SPIKE_EVERY_MS', DEFAULT_SPIKE.everyMs),
    durationMs: intFrom(env, 'SPIKE_MS', DEFAULT_SPIKE.durationMs),
  };
  if (spike.durationMs === 0 || spike.durationMs >= spike.everyMs) {
    throw new Error('SPIKE_MS must be above 0 and shorter than SPIKE_EVERY_MS');
  }
  const historyHours = intFrom(env, 'DEMO_HISTORY_HOURS', 6, 24);
  if (historyHours === 0) {
    throw new Error('DEMO_HISTORY_HOURS must be between 1 and 24');
  }
  return { ports, noPrometheus, noBuild, grafana, subPath, spike, historyHours };
}

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString();
}

function describeEvent(e: WorkloadEvent): string | undefined {
  if (e.event === 'spike-start') {
    const seconds = Math.round(((e.endsAt as number) - (e.scheduledAt as number)) / 1000);
    return `${clock(e.at)}  flowAdv spike started (${seconds} s): watch the CPU panel`;
  }
  if (e.event === 'spike-end') {
    return `${clock(e.at)}  flowAdv spike ended: drag across it on the CPU panel to see its flame graph`;
  }
  return undefined;
}

/** The host logs every proxied request; the console shows failed ones (all with DEMO_VERBOSE=1) and warnings. */
export function showHostLine(line: string, verbose: boolean): boolean {
  const status = /^proxy \S+ uid=\S+ → \S+ (\d{3}) \d+ms$/.exec(line)?.[1];
  return verbose || status === undefined || Number(status) >= 400;
}

function banner(demo: RunningDemo, settings: DemoSettings): string[] {
  const { urls } = demo;
  const firstSpike = demo.workload.ready.startedAt + settings.spike.firstMs;
  const lines = [
    '',
    'Flamelens demo is running:',
    `  Dashboard          ${urls.dashboard}   (the sandbox emulating Grafana ${demo.grafana})`,
    `  Pyroscope (test)   ${urls.pyroscope}   ${settings.historyHours} h of history for demo-workload and 4 seeded services`,
    urls.prometheus
      ? `  Prometheus         ${urls.prometheus}`
      : `  Prometheus         ${settings.noPrometheus ? 'left out (--no-prometheus)' : 'not installed'}: ` +
        'the CPU panel is drawn from the profiles',
    `  Workload metrics   ${urls.metrics}`,
    '',
    `demo-workload spikes in flowAdv for ${settings.spike.durationMs / 1000} s every ` +
      `${settings.spike.everyMs / 60_000} min, the next at ${clock(firstSpike)}.`,
    'Ctrl-C stops everything.',
    '',
  ];
  return lines;
}

/**
 * Kills the children synchronously if this process exits before `close()` has stopped them (an uncaught error, a
 * `process.exit` elsewhere). Returns the function that disarms it once they are stopped.
 */
function killChildrenOnExit(pids: readonly number[]): () => void {
  const kill = (): void => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone (ESRCH): nothing to do.
        continue;
      }
    }
  };
  process.once('exit', kill);
  return () => process.off('exit', kill);
}

async function main(): Promise<void> {
  let settings: DemoSettings;
  try {
    settings = demoSettings(process.env, process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  const withPrometheus = !settings.noPrometheus && findPrometheus() !== undefined;
  let starting: Promise<RunningDemo> | undefined;
  let disarm = (): void => undefined;
  let stopping = false;
  let stopRequestedAt = 0;
  const stop = (signal: string): void => {
    if (stopping) {
      // Ctrl-C reaches this process twice (from the terminal, and passed on by scripts/demo.mjs): say nothing then.
      if (Date.now() - stopRequestedAt > 1000) {
        say('Still stopping...');
      }
      return;
    }
    stopping = true;
    stopRequestedAt = Date.now();
    say(`\n${signal}: stopping the demo...`);
    // While starting, wait for the parts to be up (or cleaned up after a failure), then stop them all.
    const closed = starting
      ? starting.then(
          (demo) => demo.close(),
          () => undefined
        )
      : Promise.resolve();
    closed.then(
      () => {
        disarm();
        say('Stopped.');
        process.exit(0);
      },
      (e: unknown) => {
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', () => stop('Ctrl-C'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));

  try {
    // A taken port fails before a long build.
    await checkDemoPorts(
      settings.ports,
      withPrometheus ? ['host', 'pyroscope', 'metrics', 'prometheus'] : ['host', 'pyroscope', 'metrics']
    );
    if (!settings.noBuild) {
      await ensureBuilt(REPO_ROOT, [PLUGIN_BUILD, HOST_BUILD], say);
    }
    if (stopping) {
      return;
    }
    if (!withPrometheus) {
      say(
        settings.noPrometheus
          ? 'Prometheus left out (--no-prometheus): the CPU panel is drawn from the profiles instead.'
          : 'Prometheus is not installed: the CPU panel is drawn from the profiles instead ' +
              '(Debian/Ubuntu: apt-get install prometheus).'
      );
    }
    starting = startDemo({
      ports: settings.ports,
      prometheus: withPrometheus,
      historyHours: settings.historyHours,
      spike: settings.spike,
      grafana: settings.grafana,
      ...(settings.subPath ? { subPath: settings.subPath } : {}),
      log: say,
      hostLog: (line) => {
        if (showHostLine(line, process.env.DEMO_VERBOSE === '1')) {
          say(`host: ${line}`);
        }
      },
      onWorkloadEvent: (e) => {
        const line = describeEvent(e);
        if (line) {
          say(line);
        }
      },
    });
    const demo = await starting;
    disarm = killChildrenOnExit(demo.childPids);
    if (!stopping) {
      banner(demo, settings).forEach(say);
    }
  } catch (e) {
    if (stopping) {
      return; // Interrupted while starting; stop() reports and exits.
    }
    process.stderr.write(`\nThe demo could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

if (require.main === module) {
  void main();
}
