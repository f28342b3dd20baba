import { spawn } from 'node:child_process';

import { LineTail } from './lineTail';
import { REPO_ROOT } from './paths';
import { stopChild, whenGone } from './childProcess';
import { WORKLOAD_SCRIPT } from './workloadShape';

/** Runs workload.js as a child process and follows the JSON events it prints. */

export type WorkloadEventName = 'ready' | 'spike-start' | 'spike-end' | 'stopped';

/** One stdout line of the workload. */
export interface WorkloadEvent {
  event: WorkloadEventName;
  /** Epoch ms when it was printed. */
  at: number;
  [field: string]: unknown;
}

/** The `ready` event: where the workload listens and when its spike schedule started. */
export interface ReadyEvent extends WorkloadEvent {
  event: 'ready';
  startedAt: number;
  pid: number;
  metricsUrl: string;
  metricsPort: number;
}

export interface WorkloadSpikeOptions {
  /** `SPIKE_FIRST_MS`: first spike this long after start. */
  firstMs: number;
  /** `SPIKE_EVERY_MS`. */
  everyMs: number;
  /** `SPIKE_MS`. */
  durationMs: number;
}

export interface WorkloadOptions {
  pyroscopeUrl: string;
  /** `METRICS_PORT` on 127.0.0.1; 0 picks a free one (the `ready` event says which). */
  metricsPort: number;
  appName?: string;
  spike?: WorkloadSpikeOptions;
  /** `PYROSCOPE_FLUSH_INTERVAL_MS` (the workload's default is 15 s). */
  flushIntervalMs?: number;
  /** Called for every event, and for any other output line (as `line`). */
  onEvent?: (event: WorkloadEvent) => void;
  onOutput?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface RunningWorkload {
  pid: number;
  ready: ReadyEvent;
  /** Every event so far, in order. */
  readonly events: readonly WorkloadEvent[];
  /** Resolves with the next event named `name` (or an earlier one that matches `since`), rejects after `timeoutMs`. */
  waitFor(name: WorkloadEventName, options?: { sinceMs?: number; timeoutMs?: number }): Promise<WorkloadEvent>;
  /** SIGTERM (the agent uploads its last profile), SIGKILL after 10 s. Resolves with how it ended. */
  stop(): Promise<{ exit: string; stopped?: WorkloadEvent }>;
}

function isWorkloadEvent(v: unknown): v is WorkloadEvent {
  return typeof v === 'object' && v !== null && typeof (v as WorkloadEvent).event === 'string';
}

function parseEvent(line: string): WorkloadEvent | undefined {
  if (!line.startsWith('{')) {
    return undefined;
  }
  try {
    const v: unknown = JSON.parse(line);
    return isWorkloadEvent(v) ? v : undefined;
  } catch {
    return undefined; // Not an event line; passed on as output.
  }
}

/** Starts the workload and resolves at its `ready` event; rejects with its output tail when it fails to start. */
export async function startWorkload(options: WorkloadOptions): Promise<RunningWorkload> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PYROSCOPE_URL: options.pyroscopeUrl,
    PYROSCOPE_APP: options.appName ?? 'demo-workload',
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: String(options.metricsPort),
  };
  if (options.spike) {
    env.SPIKE_FIRST_MS = String(options.spike.firstMs);
    env.SPIKE_EVERY_MS = String(options.spike.everyMs);
    env.SPIKE_MS = String(options.spike.durationMs);
  }
  if (options.flushIntervalMs !== undefined) {
    env.PYROSCOPE_FLUSH_INTERVAL_MS = String(options.flushIntervalMs);
  }
  // In the repository root, the agent names frames `./sandbox/demo/workload.js:...` as the history does.
  // The IPC channel lets the workload notice when this process dies without stopping it.
  const child = spawn(process.execPath, [WORKLOAD_SCRIPT], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = whenGone(child);
  const tail = new LineTail(10);
  const events: WorkloadEvent[] = [];
  const waiters = new Set<(e: WorkloadEvent) => void>();

  const onLine = (line: string): void => {
    const event = parseEvent(line);
    if (!event) {
      tail.push(`${line}\n`);
      options.onOutput?.(line);
      return;
    }
    events.push(event);
    options.onEvent?.(event);
    for (const w of [...waiters]) {
      w(event);
    }
  };
  let pending = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    lines.filter((l) => l.trim() !== '').forEach(onLine);
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail.push(chunk);
    chunk
      .split('\n')
      .filter((l) => l.trim() !== '')
      .forEach((l) => options.onOutput?.(l));
  });

  const waitFor: RunningWorkload['waitFor'] = (name, opts = {}) => {
    const earlier = events.find((e) => e.event === name && e.at >= (opts.sinceMs ?? Infinity));
    if (earlier) {
      return Promise.resolve(earlier);
    }
    const timeoutMs = opts.timeoutMs ?? 30_000;
    return new Promise((resolveEvent, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`the demo workload printed no "${name}" event within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (e: WorkloadEvent): void => {
        if (e.event === name) {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolveEvent(e);
        }
      };
      waiters.add(waiter);
      void exited.then((how) => {
        if (waiters.delete(waiter)) {
          clearTimeout(timer);
          reject(new Error(`the demo workload ${how} before its "${name}" event\n  ${tail.lines().join('\n  ')}`));
        }
      });
    });
  };

  let stopping: Promise<{ exit: string; stopped?: WorkloadEvent }> | undefined;
  const stop = (): Promise<{ exit: string; stopped?: WorkloadEvent }> => {
    stopping ??= stopChild(child, exited).then((exit) => ({
      exit,
      stopped: events.find((e) => e.event === 'stopped'),
    }));
    return stopping;
  };

  try {
    const ready = (await waitFor('ready', { timeoutMs: options.readyTimeoutMs ?? 15_000 })) as ReadyEvent;
    return {
      pid: child.pid ?? -1,
      ready,
      events,
      waitFor,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
