/**
 * Issue 11 fault suite: the BUILT datasource (`dist/datasource/module.js`, loaded as Grafana loads it, over Node's
 * http with Grafana's fetch contract) against HTTP servers on 127.0.0.1 that misbehave in every way a network, a proxy or a
 * server can. Each case asserts what the user reads (the query's error message) or the data that comes back, and is
 * measured; the table goes to test-results/reliability.md for README's Reliability section.
 */
import path from 'path';
import v8 from 'v8';
import vm from 'vm';
import { setImmediate } from 'timers';
import { firstValueFrom } from 'rxjs';
import type { DataQueryResponse, Field } from '@grafana/data';

import { dataFrameToProfile } from '../src/model/frame';
import { nodeCount } from '../src/model/profile';
import type { ProfileDataSourceOptions } from '../src/datasource/types';
import { builtDatasourceFor } from './support/builtDatasource';
import { queryRequest } from './support/datasource';
import { answer, refusedUrl, startFaultServer, type FaultHandler, type FaultServer } from './support/faultServer';
import { connectFlameGraph, deepShape, namedShape, ogRender, wideShape } from './support/faultBodies';
import { writeReliabilityTable, type FaultRow } from './support/reliabilityTable';
import { EXPECTED, HOSTILE_NAMES } from './support/faultExpectations';

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const FROM = 1779729300000;
const TO = 1779732900000;
type Flavor = 'grafana' | 'og';
const FLAVOR_NAME = { grafana: 'Grafana Pyroscope', og: 'pyroscope-io' } as const;
const FLAME_PATH = { grafana: '/querier.v1.QuerierService/SelectMergeStacktraces', og: '/render' } as const;

let server: FaultServer;
const rows: FaultRow[] = [];

beforeAll(async () => {
  server = await startFaultServer();
});

afterAll(async () => {
  await server.close();
  writeReliabilityTable(rows, path.join(__dirname, '..', 'test-results', 'reliability.md'));
});

/** A full garbage collection, so heap growth is what the answer retains (V8's gc, exposed for this process). */
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** Runs one flame graph query and records what the user sees, with time and heap growth. */
async function measure(
  fault: string,
  flavor: Flavor,
  options: {
    url?: string;
    jsonData?: ProfileDataSourceOptions;
    heap?: boolean;
    seen?: (r: DataQueryResponse) => string;
    /** A metrics query grouped by these labels instead of a flame graph. */
    groupBy?: string[];
  }
): Promise<DataQueryResponse> {
  const ds = builtDatasourceFor(options.url ?? server.url, {
    flavor,
    timeoutSec: 0.5,
    maxNodes: 0,
    ...options.jsonData,
  });
  const target = {
    refId: 'A',
    profileTypeId: CPU,
    labelSelector: '{service_name="api"}',
    queryType: options.groupBy ? ('metrics' as const) : ('profile' as const),
    ...(options.groupBy ? { groupBy: options.groupBy } : {}),
  };
  if (options.heap) {
    // Let the previous case's sockets and buffers go first.
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    collect();
  }
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const res = await firstValueFrom(ds.query(queryRequest([target], FROM, TO)));
  const ms = performance.now() - started;
  if (options.heap) {
    collect();
  }
  // Measured while `res` (the frames) is still held: what the user's panel keeps.
  const heapMb = options.heap ? (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20 : undefined;
  const errors = res.errors?.map((e) => e.message).join(' / ');
  const seen = errors ?? (options.seen ? options.seen(res) : 'data');
  rows.push({ fault, flavor: FLAVOR_NAME[flavor], seen, ms, ...(heapMb === undefined ? {} : { heapMb }) });
  return res;
}

/** The one error message of a failed query. */
function messageOf(res: DataQueryResponse): string {
  expect(res.data).toEqual([]);
  expect(res.errors).toHaveLength(1);
  return res.errors?.[0].message ?? '';
}

/** Answers on the flame graph route with `handler`, 404 elsewhere. */
function onFlame(flavor: Flavor, handler: FaultHandler): FaultHandler {
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === FLAME_PATH[flavor]) {
      handler(req, res);
    } else {
      res.writeHead(404).end('404 page not found');
    }
  };
}

const stall: FaultHandler = () => undefined;

const FAULTS: Array<[string, (flavor: Flavor) => FaultHandler]> = [
  ['no answer (timeout)', () => stall],
  [
    'stall after headers',
    () => (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"flamegraph":{"names":["total"');
    },
  ],
  [
    'connection closed mid-body',
    () => (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
      res.write('{"flamegraph":{"names":["total"', () => res.socket?.destroy());
    },
  ],
  [
    'truncated JSON body',
    (f) => answer(200, (f === 'grafana' ? connectFlameGraph(wideShape(10)) : ogRender(wideShape(10))).slice(0, 120)),
  ],
  ['HTML page with 200', () => answer(200, '<!doctype html><html><title>Sign in</title></html>')],
  ['empty 200 body', () => answer(200, '')],
  ['wrong shape (a JSON array)', () => answer(200, '[1,2,3]')],
  ['wrong shape (an unrelated object)', () => answer(200, '{"status":"ok"}')],
];

describe.each(['grafana', 'og'] as const)('%s flavor', (flavor) => {
  it('refused connection', async () => {
    const url = await refusedUrl();
    const res = await measure('refused connection', flavor, { url });
    expect(messageOf(res).replace(/:\d+/, ':<port>')).toBe(EXPECTED[flavor]['refused connection']);
    rows[rows.length - 1].seen = rows[rows.length - 1].seen.replace(/:\d+/, ':<port>');
  });

  it.each(FAULTS)('%s', async (fault, handler) => {
    server.handle = onFlame(flavor, handler(flavor));
    const res = await measure(fault, flavor, {});
    expect(messageOf(res)).toBe(EXPECTED[flavor][fault as Exclude<keyof (typeof EXPECTED)[Flavor], 'statuses'>]);
  });

  it('invalid UTF-8 in a name: replaced (U+FFFD), the rest of the graph intact', async () => {
    const body =
      flavor === 'grafana' ? connectFlameGraph(namedShape(['main', 'XX'])) : ogRender(namedShape(['main', 'XX']));
    const bytes = Buffer.from(body, 'utf8');
    const at = bytes.indexOf('XX');
    bytes[at] = 0xc3; // a lead byte followed by an ASCII byte: invalid
    bytes[at + 1] = 0x28;
    server.handle = onFlame(flavor, answer(200, bytes));
    const res = await measure('invalid UTF-8 in a name', flavor, {
      seen: (r) => `the graph, name shown as ${JSON.stringify(dataFrameToProfile(r.data[0]).names[2])}`,
    });
    expect(res.errors).toBeUndefined();
    expect(dataFrameToProfile(res.data[0]).names).toEqual(['total', 'main', '\uFFFD(']);
  });

  it.each(Object.keys(EXPECTED[flavor].statuses))('HTTP %s', async (status) => {
    const spec = EXPECTED[flavor].statuses[status];
    server.handle = onFlame(flavor, answer(Number(status), spec.body, spec.headers ?? {}));
    const res = await measure(`HTTP ${status}${spec.headers ? ' with Retry-After' : ''}`, flavor, {});
    expect(messageOf(res)).toBe(spec.message);
    expect(res.errors?.[0].status).toBe(Number(status));
  });

  it('transient auth failure, then recovery (flavor auto)', async () => {
    let refusals = 2;
    const ok = flavor === 'grafana' ? connectFlameGraph(wideShape(3)) : ogRender(wideShape(3));
    server.handle = (req, res) => {
      const p = new URL(req.url ?? '/', 'http://x').pathname;
      if (refusals > 0) {
        refusals--;
        res.writeHead(refusals === 1 ? 401 : 403, { 'Content-Type': 'text/html' });
        res.end(refusals === 1 ? 'Unauthorized' : '<html><title>403 Forbidden</title></html>');
        return;
      }
      const own = flavor === 'grafana' ? '/pyroscope/label-values' : '/label-values';
      if (p === own) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(['api.cpu', CPU]));
      } else if (p === FLAME_PATH[flavor]) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(ok);
      } else {
        res.writeHead(404).end('404 page not found');
      }
    };
    const first = await measure('auth proxy answers 401, flavor auto', flavor, { jsonData: { flavor: 'auto' } });
    expect(messageOf(first)).toBe(EXPECTED.transientAuth[0]);
    const second = await measure('auth proxy answers an HTML 403, flavor auto', flavor, {
      jsonData: { flavor: 'auto' },
    });
    expect(messageOf(second)).toBe(EXPECTED.transientAuth[1]);
    // A fresh query on the same instance would do; a new datasource shows nothing was cached anywhere else either.
    const ds = builtDatasourceFor(server.url, { flavor: 'auto', timeoutSec: 0.5 });
    const target = {
      refId: 'A',
      profileTypeId: CPU,
      labelSelector: '{service_name="api"}',
      queryType: 'profile' as const,
    };
    const recovered = await firstValueFrom(ds.query(queryRequest([target], FROM, TO)));
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data[0].meta?.custom?.flavor).toBe(flavor);
  });

  it('2,000,000-node answer', async () => {
    const body = flavor === 'grafana' ? connectFlameGraph(wideShape(1_999_999)) : ogRender(wideShape(1_999_999));
    server.handle = onFlame(flavor, answer(200, body));
    const res = await measure('2,000,000-node answer', flavor, {
      jsonData: { timeoutSec: 30 },
      heap: true,
      seen: (r) => `the flame graph (${nodeCount(dataFrameToProfile(r.data[0])).toLocaleString('en-US')} nodes)`,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data[0].length).toBe(2_000_000);
  }, 60_000);

  it('20,000-level answer', async () => {
    const body = flavor === 'grafana' ? connectFlameGraph(deepShape(20_000)) : ogRender(deepShape(20_000));
    server.handle = onFlame(flavor, answer(200, body));
    const res = await measure('20,000-level answer', flavor, {
      jsonData: { timeoutSec: 30 },
      heap: true,
      seen: (r) => `the flame graph (${r.data[0].length.toLocaleString('en-US')} levels deep)`,
    });
    expect(res.errors).toBeUndefined();
    const levels = res.data[0].fields.find((f: Field) => f.name === 'level')?.values ?? [];
    expect(Math.max(...levels)).toBe(19_999);
  }, 30_000);

  it('hostile names come back exactly as sent, as data (never HTML)', async () => {
    const body =
      flavor === 'grafana' ? connectFlameGraph(namedShape(HOSTILE_NAMES)) : ogRender(namedShape(HOSTILE_NAMES));
    server.handle = onFlame(flavor, answer(200, body));
    const res = await measure(
      'hostile names (HTML/JS, 100 KB, newlines, RTL override, emoji, lone surrogate)',
      flavor,
      {
        seen: (r) =>
          `the flame graph with the ${dataFrameToProfile(r.data[0]).names.length - 1} names as sent (text, not HTML)`,
      }
    );
    expect(res.errors).toBeUndefined();
    expect(dataFrameToProfile(res.data[0]).names.slice(1)).toEqual(HOSTILE_NAMES);
  });

  it('hostile label values in series come back exactly as sent, as labels (never HTML)', async () => {
    const at = Math.floor(FROM / 1000) + 60;
    const body =
      flavor === 'grafana'
        ? JSON.stringify({
            series: HOSTILE_NAMES.map((value) => ({
              labels: [{ name: 'service_name', value }],
              points: [{ value: 1e9, timestamp: String(at * 1000) }],
            })),
          })
        : JSON.stringify({
            ...JSON.parse(ogRender(namedShape(['main']))),
            groups: Object.fromEntries(
              HOSTILE_NAMES.map((name) => [name, { startTime: at, samples: [101], durationDelta: 10 }])
            ),
          });
    const path = flavor === 'grafana' ? '/querier.v1.QuerierService/SelectSeries' : '/render';
    server.handle = (req, res) => {
      const p = new URL(req.url ?? '/', 'http://x').pathname;
      (p === path ? answer(200, body) : answer(404, '404 page not found'))(req, res);
    };
    const res = await measure('hostile label values in series (same names)', flavor, {
      groupBy: ['service_name'],
      seen: (r) => `${r.data.length} series, labelled with the values as sent (text, not HTML)`,
    });
    expect(res.errors).toBeUndefined();
    const labels = res.data.map((f) => f.fields[1].labels?.service_name);
    expect([...labels].sort()).toEqual([...HOSTILE_NAMES].sort());
  });
});

describe('Grafana Pyroscope: errors that look like data', () => {
  it.each(Object.entries(EXPECTED.looksLikeData))('%s', async (fault, spec) => {
    server.handle = onFlame('grafana', answer(200, spec.body));
    const res = await measure(fault, 'grafana', {});
    expect(messageOf(res)).toBe(spec.message);
  });
});

describe('pyroscope-io: errors that look like data', () => {
  it.each(Object.entries(EXPECTED.ogLooksLikeData))('%s', async (fault, spec) => {
    server.handle = onFlame('og', answer(200, spec.body));
    const res = await measure(fault, 'og', {});
    expect(messageOf(res)).toBe(spec.message);
  });
});
