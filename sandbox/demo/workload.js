// The Flamelens demo workload: a small Node service profiled by the real @pyroscope/nodejs agent.
//
// - Baseline: simulated requests on a timer (parse, look up, rank, render), a steady ~5–15% of a core.
// - Spike: every SPIKE_EVERY_MS (the first SPIKE_FIRST_MS after start) for SPIKE_MS, `flowAdv` serialises and
//   re-parses a changing structure in a loop, keeping a core ~80–95% busy. It is named so it stands out in flame graphs.
// - Prometheus metrics (text exposition format, written by hand) on METRICS_HOST:METRICS_PORT/metrics, `/healthz`.
// - One JSON line per event on stdout: {"event":"ready"|"spike-start"|"spike-end"|"stopped","at":<epoch ms>,...}.
//   `ready` carries `startedAt`, the origin of the spike schedule; `spike-start` its `scheduledAt` and `endsAt`.
// - SIGTERM/SIGINT (or, when started with an IPC channel, the parent going away) stop the agent, which uploads its
//   last profile, and exit 0.
//
// Environment: PYROSCOPE_URL (default http://localhost:4040), PYROSCOPE_APP (demo-workload),
// PYROSCOPE_FLUSH_INTERVAL_MS (15000), METRICS_HOST (127.0.0.1; 0.0.0.0 in Docker), METRICS_PORT (9464; 0 = any),
// SPIKE_FIRST_MS (60000), SPIKE_EVERY_MS (600000), SPIKE_MS (45000), REQUESTS_PER_SEC (100).
//
// Plain CommonJS on purpose: it runs with `node sandbox/demo/workload.js` and in the demo's Docker image. Frame names
// carry this file's path relative to the working directory and each function's line, so history.ts reads this file
// to name its frames: keep the functions it lists (workloadShape.ts) declared as `function name(`.
'use strict';

const http = require('node:http');
const Pyroscope = require('@pyroscope/nodejs');

/** Reads a non-negative integer from the environment, or exits with a message naming the variable. */
function intEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!/^\d+$/.test(raw)) {
    process.stderr.write(`workload: ${name} must be a whole number, got "${raw}"\n`);
    process.exit(2);
  }
  return Number(raw);
}

const config = {
  pyroscopeUrl: process.env.PYROSCOPE_URL || 'http://localhost:4040',
  appName: process.env.PYROSCOPE_APP || 'demo-workload',
  metricsHost: process.env.METRICS_HOST || '127.0.0.1',
  metricsPort: intEnv('METRICS_PORT', 9464),
  // The agent's default is 60 s; 15 s matches the datasource's minimum step and the seeded history.
  flushIntervalMs: intEnv('PYROSCOPE_FLUSH_INTERVAL_MS', 15_000),
  spikeFirstMs: intEnv('SPIKE_FIRST_MS', 60_000),
  spikeEveryMs: intEnv('SPIKE_EVERY_MS', 600_000),
  spikeMs: intEnv('SPIKE_MS', 45_000),
  // Simulated requests per second of the baseline.
  requestsPerSec: intEnv('REQUESTS_PER_SEC', 100),
};
if (config.spikeEveryMs === 0 || config.spikeMs >= config.spikeEveryMs) {
  process.stderr.write('workload: SPIKE_MS must be shorter than SPIKE_EVERY_MS, and SPIKE_EVERY_MS above 0\n');
  process.exit(2);
}

/** Writes one event line for tests and the demo script to read. */
function emit(event, fields) {
  process.stdout.write(`${JSON.stringify({ event, at: Date.now(), ...fields })}\n`);
}

const counters = { requests: 0, spikeActive: 0, spikes: 0 };

// --- Baseline: simulated requests -------------------------------------------------------------------------------

const CATALOG = Array.from({ length: 2000 }, (_, i) => ({ sku: `sku-${i}`, price: (i * 37) % 1000, stock: i % 13 }));

function parseRequest(seq) {
  const query = `user=u${seq % 97}&sku=sku-${(seq * 7) % CATALOG.length}&page=${seq % 5}`;
  return Object.fromEntries(new URLSearchParams(query));
}

function lookupCatalog(params) {
  const page = Number(params.page);
  const matches = CATALOG.filter((item) => item.stock > 0 && item.price % 5 === page);
  matches.sort((a, b) => a.price - b.price);
  return matches.slice(0, 20);
}

/** Scores the catalogue for this user: the request's steady arithmetic. */
function rankItems(params) {
  const user = Number(params.user.slice(1));
  let best = 0;
  for (const item of CATALOG) {
    let score = 0;
    for (let r = 0; r < 8; r++) {
      score += Math.sqrt(item.price + r * user) * Math.log1p(item.stock + r);
    }
    best = Math.max(best, score);
  }
  return best;
}

function renderResponse(params, items) {
  let body = `<ul data-user="${params.user}">`;
  for (const item of items) {
    body += `<li>${item.sku}: ${(item.price / 100).toFixed(2)}</li>`;
  }
  return `${body}</ul>`;
}

function handleRequest(seq) {
  const params = parseRequest(seq);
  const items = lookupCatalog(params);
  rankItems(params);
  const body = renderResponse(params, items);
  counters.requests++;
  return body.length;
}

// Timer callbacks are named functions so that flame graphs (and the seeded history) show stable frame names.
let requestSeq = 0;
let requestTimer;
function requestTick() {
  handleRequest(requestSeq++);
}

function scheduleRequests() {
  const intervalMs = Math.max(1, Math.round(1000 / Math.max(1, config.requestsPerSec)));
  requestTimer = setInterval(requestTick, intervalMs);
}

// --- The spike: flowAdv -------------------------------------------------------------------------------------------

// A spike runs flowAdv in slices of SLICE_BUSY_MS, pausing SLICE_IDLE_MS between them: ~90% of a core, while timers
// (requests, the agent's uploads, the metrics server) keep running.
const SLICE_BUSY_MS = 45;
const SLICE_IDLE_MS = 5;

let spikeTimer;
let sliceTimer;
let spikeEndsAt = 0;
let nextSpikeAt = 0;
const flowState = { step: 0, events: [] };
let flowChecksum = 0;

/**
 * One slice of a spike: serialises and re-parses a structure that changes every round, inside a loop, as an
 * over-eager "advance the flow" step might. It is the timer callback itself, so the flame graph shows it right
 * below Node's timer frames (processTimers, listOnTimeout), by name.
 */
function flowAdv() {
  const now = Date.now();
  if (now >= spikeEndsAt) {
    counters.spikeActive = 0;
    emit('spike-end', { spike: counters.spikes });
    return;
  }
  const sliceEnd = Math.min(spikeEndsAt, now + SLICE_BUSY_MS);
  const state = flowState;
  while (Date.now() < sliceEnd) {
    for (let i = 0; i < 25; i++) {
      state.step++;
      state.events.push({ step: state.step, kind: i % 3 === 0 ? 'advance' : 'hold', tags: ['flow', String(i % 7)] });
      if (state.events.length > 60) {
        state.events.splice(0, 20);
      }
      const copy = JSON.parse(JSON.stringify(state));
      flowChecksum = (flowChecksum + copy.events.length + copy.step) % 1_000_003;
    }
  }
  sliceTimer = setTimeout(flowAdv, SLICE_IDLE_MS);
}

// Spike k runs over [startedAt + first + k·every, + SPIKE_MS): a fixed grid, so timer drift does not accumulate and
// the seeded history (history.ts) can put its spikes on the same grid.
function spikeTick() {
  const scheduledAt = nextSpikeAt;
  counters.spikeActive = 1;
  counters.spikes++;
  spikeEndsAt = scheduledAt + config.spikeMs;
  emit('spike-start', { spike: counters.spikes, scheduledAt, endsAt: spikeEndsAt });
  nextSpikeAt += config.spikeEveryMs;
  spikeTimer = setTimeout(spikeTick, Math.max(0, nextSpikeAt - Date.now()));
  sliceTimer = setTimeout(flowAdv, 0);
}

function scheduleSpikes(startedAt) {
  nextSpikeAt = startedAt + config.spikeFirstMs;
  spikeTimer = setTimeout(spikeTick, Math.max(0, nextSpikeAt - Date.now()));
}

// --- Prometheus metrics -------------------------------------------------------------------------------------------

function metric(name, type, help, value) {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`;
}

/** The metrics in the Prometheus text exposition format (version 0.0.4). */
function renderMetrics() {
  const cpu = process.cpuUsage();
  return (
    metric(
      'process_cpu_seconds_total',
      'counter',
      'Total user and system CPU time spent in seconds.',
      (cpu.user + cpu.system) / 1e6
    ) +
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', process.memoryUsage.rss()) +
    metric('demo_requests_total', 'counter', 'Simulated requests handled by the demo workload.', counters.requests) +
    metric('demo_spike_active', 'gauge', '1 while the recurring flowAdv CPU spike runs, else 0.', counters.spikeActive)
  );
}

const metricsServer = http.createServer((req, res) => {
  const path = (req.url || '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
  } else if (path === '/metrics') {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(renderMetrics());
  } else if (path === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok\n');
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`not found: ${path} (try /metrics or /healthz)\n`);
  }
});

// --- Lifecycle ----------------------------------------------------------------------------------------------------

let stopping = false;
async function stop(signal) {
  if (stopping) {
    return;
  }
  stopping = true;
  clearInterval(requestTimer);
  clearTimeout(spikeTimer);
  clearTimeout(sliceTimer);
  spikeEndsAt = 0;
  metricsServer.close();
  metricsServer.closeAllConnections();
  // Pyroscope.stop() uploads the last profile; do not let an unreachable server hold the exit for long.
  const flushed = Pyroscope.stop().then(
    () => true,
    () => false
  );
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 5000).unref());
  const ok = await Promise.race([flushed, timeout]);
  emit('stopped', { signal, flushed: ok });
  process.exit(0);
}

function main() {
  metricsServer.once('error', (err) => {
    const hint = err && err.code === 'EADDRINUSE' ? ' (set METRICS_PORT to another port)' : '';
    process.stderr.write(
      `workload: cannot listen on ${config.metricsHost}:${config.metricsPort}${hint}: ${err.message}\n`
    );
    process.exit(1);
  });
  metricsServer.listen(config.metricsPort, config.metricsHost, () => {
    const address = metricsServer.address();
    const port = typeof address === 'object' && address ? address.port : config.metricsPort;
    Pyroscope.init({
      serverAddress: config.pyroscopeUrl,
      appName: config.appName,
      flushIntervalMs: config.flushIntervalMs,
      tags: { env: 'demo' },
      wall: { collectCpuTime: true },
    });
    Pyroscope.start();
    const startedAt = Date.now();
    scheduleRequests();
    scheduleSpikes(startedAt);
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
    // Started by the demo with an IPC channel: stop when the parent goes away, even if it was killed outright.
    if (process.send) {
      process.on('disconnect', () => void stop('parent exited'));
    }
    emit('ready', {
      startedAt,
      pid: process.pid,
      app: config.appName,
      pyroscopeUrl: config.pyroscopeUrl,
      metricsUrl: `http://${config.metricsHost}:${port}/metrics`,
      metricsPort: port,
      spikeFirstMs: config.spikeFirstMs,
      spikeEveryMs: config.spikeEveryMs,
      spikeMs: config.spikeMs,
    });
  });
}

main();
