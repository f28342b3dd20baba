import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * What the demo workload's uploads look like in the test server, as observed by running `workload.js` with the real
 * @pyroscope/nodejs 0.6.4 agent (wall profiler with `collectCpuTime`, heap profiler) against it: the profile type
 * ids, the series labels and the frame names. The seeded history (history.ts) uses these so that its profiles and
 * the live agent's land in the same series and merge into the same frames.
 */

/** The workload script. */
export const WORKLOAD_SCRIPT = resolve(__dirname, 'workload.js');

/** Service name of the workload (`PYROSCOPE_APP`). */
export const DEFAULT_WORKLOAD_APP = 'demo-workload';

/**
 * The agent names a frame `<file>:<function>:<line>`, the file relative to the working directory (`./...`). The demo
 * starts the workload in the repository root, so its frames read `./sandbox/demo/workload.js:flowAdv:<line>`.
 */
export const WORKLOAD_FRAME_FILE = './sandbox/demo/workload.js';

/** The profile type ids of one upload: the wall profile's three sample types and the heap profile's two. */
export const WORKLOAD_PROFILE_TYPES = {
  cpu: 'wall:cpu:nanoseconds:wall:nanoseconds',
  wall: 'wall:wall:nanoseconds:wall:nanoseconds',
  samples: 'wall:samples:count:wall:nanoseconds',
  inuseSpace: 'memory:inuse_space:bytes:inuse_space:bytes',
  inuseObjects: 'memory:inuse_objects:count:inuse_space:bytes',
} as const;

export type WorkloadProfileKind = keyof typeof WORKLOAD_PROFILE_TYPES;

/**
 * Frames of Node itself, as V8's profiler names them. The `node:internal` line numbers are those of Node 20; on
 * another Node version the live agent's frames differ in the line only, and appear beside the history's.
 */
export const NODE_FRAMES = {
  idle: ':(idle):0',
  nodeJs: ':Node.js:0',
  garbageCollection: ':Garbage Collection:0',
  nonJsThreads: ':Non JS threads activity:0',
  external: ':(external):0',
  processTimers: 'node:internal/timers:processTimers:504',
  listOnTimeout: 'node:internal/timers:listOnTimeout:524',
} as const;

/** The workload functions the history names, each declared as `function <name>(` in workload.js. */
export const WORKLOAD_FUNCTIONS = [
  'requestTick',
  'handleRequest',
  'parseRequest',
  'lookupCatalog',
  'rankItems',
  'renderResponse',
  'flowAdv',
] as const;

export type WorkloadFunction = (typeof WORKLOAD_FUNCTIONS)[number];

/** Line (1-based) of each `function <name>(` declaration at the start of a line of `source`. */
export function functionLines(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  source.split('\n').forEach((text, i) => {
    const m = /^(?:async\s+)?function\s+([A-Za-z_$][\w$]*)\s*\(/.exec(text);
    if (m && !lines.has(m[1])) {
      lines.set(m[1], i + 1);
    }
  });
  return lines;
}

/** Frame names of the workload's functions, as the agent writes them (`./sandbox/demo/workload.js:flowAdv:131`). */
export function workloadFrames(
  source: string = readFileSync(WORKLOAD_SCRIPT, 'utf8')
): Record<WorkloadFunction, string> {
  const lines = functionLines(source);
  const frames = {} as Record<WorkloadFunction, string>;
  for (const name of WORKLOAD_FUNCTIONS) {
    const line = lines.get(name);
    if (line === undefined) {
      throw new Error(
        `workload.js no longer declares "function ${name}(" at the start of a line; the seeded history names its ` +
          'frames after it (sandbox/demo/workloadShape.ts, WORKLOAD_FUNCTIONS)'
      );
    }
    frames[name] = `${WORKLOAD_FRAME_FILE}:${name}:${line}`;
  }
  return frames;
}

/** Version of the installed @pyroscope/nodejs agent (the `otel_scope_version` label of its uploads). */
export function agentVersion(): string {
  // The package's `exports` hide package.json; find it next to the resolved entry point (dist/cjs/index.js).
  const entry = require.resolve('@pyroscope/nodejs');
  let dir = dirname(entry);
  for (let i = 0; i < 4; i++) {
    // dist/esm holds a {"type":"module"} stub; the package's own package.json is further up.
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isAgentPackage(pkg)) {
        return pkg.version;
      }
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find the version of @pyroscope/nodejs above ${entry}`);
}

function isAgentPackage(pkg: unknown): pkg is { name: string; version: string } {
  return (
    typeof pkg === 'object' &&
    pkg !== null &&
    (pkg as { name?: unknown }).name === '@pyroscope/nodejs' &&
    typeof (pkg as { version?: unknown }).version === 'string'
  );
}

export interface AgentLabelOptions {
  appName?: string;
  /** Node version of the profiled process (`process_runtime_version`); defaults to this process's. */
  runtimeVersion?: string;
  /** Version of the agent (`otel_scope_version`); defaults to the installed one. */
  agentVersion?: string;
}

/**
 * The full series labels the test server gives one of the workload's profile types: the request's labels
 * (`service_name`, the `env=demo` tag, `pyroscope_spy`), the agent's sample labels (`otel_scope_*`,
 * `process_runtime_*`, dots sanitized) and the server's own (`__name__`, `__type__`...).
 */
export function agentSeriesLabels(profileTypeId: string, options: AgentLabelOptions = {}): Record<string, string> {
  const [name, type, unit, periodType, periodUnit] = profileTypeId.split(':');
  if (periodUnit === undefined) {
    throw new Error(`not a full profile type id: "${profileTypeId}"`);
  }
  const app = options.appName ?? DEFAULT_WORKLOAD_APP;
  return {
    __delta__: 'false',
    __name__: name,
    __period_type__: periodType,
    __period_unit__: periodUnit,
    __profile_type__: profileTypeId,
    __service_name__: app,
    __type__: type,
    __unit__: unit,
    env: 'demo',
    otel_scope_name: 'com.grafana.pyroscope/nodejs',
    otel_scope_version: options.agentVersion ?? agentVersion(),
    process_runtime_name: 'nodejs',
    process_runtime_version: options.runtimeVersion ?? process.versions.node,
    pyroscope_spy: 'nodespy',
    service_name: app,
  };
}
