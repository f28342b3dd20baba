/**
 * The pprof download against the test server over real HTTP, both flavors, checked with `go tool pprof` as the
 * oracle: for each Go fixture, the downloaded file's total and top functions (`-top`) equal the flame graph frame
 * the same query returns; on the Grafana flavor, the per-line rows (`-lines -top`, `-list` of the hottest function)
 * equal those of the fixture itself, so no line information is lost on the way.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { firstValueFrom } from 'rxjs';

import type { ProfileQuery } from '../src/datasource/types';
import { dataFrameToProfile } from '../src/model/frame';
import { gunzip } from '../src/model/gzip';
import { decodePprof } from '../src/model/pprof';
import type { Profile } from '../src/model/profile';
import { topTable } from '../src/model/transforms/topTable';
import { NO_TIME_LIMITS } from '../sandbox/pyroscope/options';
import { ingestPprofFixture } from '../sandbox/pyroscope/seed';
import { startPyroscopeServer, type PyroscopeServer } from '../sandbox/pyroscope/server';
import { datasourceFor, queryRequest } from './support/datasource';
import { agreesWithPrinted, pprofOrder, pprofTop, runGo } from './support/goPprof';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'pprof');
const T = 1_700_000_000_000;
const RANGE = { fromMs: T - 60_000, toMs: T + 60_000 };

interface Case {
  fixture: string;
  profileTypeId: string;
  /** The fixture's sample type, for `-sample_index` on the original file. */
  sampleType: string;
}

const CASES: Case[] = [
  { fixture: 'go-cpu.pb.gz', profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds', sampleType: 'cpu' },
  {
    fixture: 'go-cpu-exemplars.pb.gz',
    profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
    sampleType: 'cpu',
  },
  { fixture: 'go-heap.pb.gz', profileTypeId: 'memory:inuse_space:bytes:space:bytes', sampleType: 'inuse_space' },
  {
    fixture: 'go-heap-large.pb.gz',
    profileTypeId: 'memory:alloc_objects:count:space:bytes',
    sampleType: 'alloc_objects',
  },
];

const TOP_ROWS = 12;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'flamelens-pprof-download-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const query = (c: Case): ProfileQuery => ({
  refId: 'A',
  queryType: 'profile',
  profileTypeId: c.profileTypeId,
  labelSelector: `{service_name="${serviceOf(c)}"}`,
  // No "other" node: the frame is the whole profile, as the file is.
  maxNodes: 1 << 20,
});

const serviceOf = (c: Case) => c.fixture.replace('.pb.gz', '');

function save(name: string, bytes: Uint8Array): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The unit of a file's (first) sample type. */
function fileSampleUnit(file: string): string {
  return decodePprof(new Uint8Array(fs.readFileSync(file))).sampleTypes[0]?.unit ?? '';
}

/** The frame's top rows in pprof's order, against `go tool pprof -top`: names, flat and cum, total. */
function expectTopAgrees(file: string, frame: Profile, factor: number): void {
  const sampleUnit = fileSampleUnit(file);
  const top = pprofTop(file, { sampleUnit, nodeCount: TOP_ROWS });
  expect(agreesWithPrinted(frame.total[0] / factor, top.total)).toBe(true);
  const t = topTable(frame);
  const rows = Array.from(t.nameId, (id, i) => ({
    name: frame.names[id],
    flat: t.self[i] / factor,
    cum: t.total[i] / factor,
  }))
    .filter((r) => r.name !== 'total')
    .sort(pprofOrder(false))
    .slice(0, TOP_ROWS);
  expect(top.rows.map((r) => r.name)).toEqual(rows.map((r) => r.name));
  top.rows.forEach((r, i) => {
    expect({
      name: r.name,
      flat: agreesWithPrinted(rows[i].flat, r.flat),
      cum: agreesWithPrinted(rows[i].cum, r.cum),
    }).toEqual({ name: r.name, flat: true, cum: true });
  });
}

/** `go tool pprof` output without the lines that name the file or its times. */
function report(args: string[], file: string): string {
  return runGo(['tool', 'pprof', '-symbolize=none', ...args, path.resolve(file)])
    .split('\n')
    .filter((l) => !/^(File|Type|Time|Duration|Build ID):/.test(l))
    .join('\n');
}

/** Stand-in source files (one comment per line) for every file the profile names, so `-list` prints line rows. */
function fakeSources(file: string): string {
  const dir = path.join(work, `src-${path.basename(file)}`);
  const raw = runGo(['tool', 'pprof', '-symbolize=none', '-raw', path.resolve(file)]);
  const longest = new Map<string, number>();
  for (const m of raw.matchAll(/ (\S+\.\w+):(\d+)(?: s=\d+)?$/gm)) {
    longest.set(m[1], Math.max(longest.get(m[1]) ?? 0, Number(m[2])));
  }
  for (const [source, lines] of longest) {
    const target = path.join(dir, source);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, Array.from({ length: lines + 5 }, (_, i) => `// line ${i + 1}`).join('\n'));
  }
  return dir;
}

describe.each(['grafana', 'og'] as const)('downloadProfile against the %s test server', (flavor) => {
  let server: PyroscopeServer;

  beforeAll(async () => {
    server = await startPyroscopeServer({ flavor, limits: NO_TIME_LIMITS });
    for (const c of CASES) {
      ingestPprofFixture(server.store, { fixture: c.fixture, serviceName: serviceOf(c), timeMs: T });
    }
  });
  afterAll(() => server.close());

  it.each(CASES)('$fixture: the file has the total and top functions of the flame graph', async (c) => {
    const ds = datasourceFor(server.url, { flavor });
    const res = await firstValueFrom(ds.query(queryRequest([query(c)], RANGE.fromMs, RANGE.toMs)));
    expect(res.errors).toBeUndefined();
    const frame = dataFrameToProfile(res.data[0]);
    expect(frame.total[0]).toBeGreaterThan(0);
    const bytes = await ds.downloadProfile(query(c), RANGE);
    const file = save(`${flavor}-${c.fixture}`, bytes);
    // pyroscope-io writes CPU in samples at the app's sample rate (100 Hz); the frame is in nanoseconds.
    const og = await ogSampleRate(server, flavor, c);
    expectTopAgrees(file, frame, og ? 1e9 / og : 1);
  });

  if (flavor === 'grafana') {
    it.each(CASES)('$fixture: the file keeps every line of the fixture (-lines -top, -list)', async (c) => {
      const ds = datasourceFor(server.url, { flavor });
      const file = save(`lines-${c.fixture}`, await ds.downloadProfile(query(c), RANGE));
      const original = path.join(FIXTURES, c.fixture);
      const index = `-sample_index=${c.sampleType}`;
      const lines = report(['-lines', '-top', '-nodefraction=0', '-nodecount=40'], file);
      expect(lines).toBe(report(['-lines', '-top', '-nodefraction=0', '-nodecount=40', index], original));
      expect(lines).toMatch(/\.go:\d+/);
      // -list of the hottest function: line rows with values, the same as the fixture's.
      const hottest = pprofTop(file, { sampleUnit: fileSampleUnit(file), nodeCount: 1 }).rows[0].name;
      const sources = fakeSources(original);
      const pattern = `^${hottest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
      const listArgs = [`-source_path=${sources}`, '-trim_path=/', '-list', pattern];
      const listed = report(listArgs, file);
      const rows = listed.split('\n').filter((l) => /^\s+\S+\s+\S+\s+\d+:/.test(l) && !/^\s+\.\s+\.\s/.test(l));
      expect(rows.length).toBeGreaterThan(0);
      expect(listed).toBe(report([...listArgs, index], original));
    });

    it('falls back to SelectMergeProfile on a server before 2.2, with the same file', async () => {
      const legacy = await startPyroscopeServer({ limits: NO_TIME_LIMITS, pprofFormat: false, store: server.store });
      try {
        const c = CASES[0];
        const viaFormat = await datasourceFor(server.url, { flavor }).downloadProfile(query(c), RANGE);
        const viaMergeProfile = await datasourceFor(legacy.url, { flavor }).downloadProfile(query(c), RANGE);
        expect(gunzip(viaMergeProfile, 'pprof')).toEqual(gunzip(viaFormat, 'pprof'));
      } finally {
        await legacy.close();
      }
    });
  } else {
    it('writes function names only, as pyroscope-io does', async () => {
      const ds = datasourceFor(server.url, { flavor });
      const file = save('og-names.pb.gz', await ds.downloadProfile(query(CASES[0]), RANGE));
      expect(report(['-lines', '-top', '-nodefraction=0'], file)).not.toMatch(/\.go:\d+/);
    });
  }

  it('says so when the range holds no profile', async () => {
    const ds = datasourceFor(server.url, { flavor });
    await expect(ds.downloadProfile(query(CASES[0]), { fromMs: T - 7200_000, toMs: T - 3600_000 })).rejects.toThrow(
      /^The pprof download failed: No profile to download/
    );
  });
});

/** The sample rate pyroscope-io reports for a CPU app (flamebearer metadata), or undefined for other types. */
async function ogSampleRate(server: PyroscopeServer, flavor: string, c: Case): Promise<number | undefined> {
  if (flavor !== 'og' || !c.profileTypeId.startsWith('process_cpu')) {
    return undefined;
  }
  const q = new URLSearchParams({
    query: `${serviceOf(c)}.cpu{}`,
    from: String(RANGE.fromMs),
    until: String(RANGE.toMs),
    format: 'json',
  });
  const text = await new Promise<string>((resolve, reject) => {
    http
      .get(`${server.url}/render?${q}`, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      })
      .on('error', reject);
  });
  return (JSON.parse(text) as { metadata: { sampleRate: number } }).metadata.sampleRate;
}
