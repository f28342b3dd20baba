/**
 * Focus moment, comparison and spike annotations against the test server over real HTTP, both flavors (Connect Diff
 * and pyroscope-io's /render-diff): a service is quiet, then spends far more CPU in `flowAdv` for a minute.
 */
import { firstValueFrom } from 'rxjs';

import { dataFrameToProfile } from '../src/model/frame';
import { searchProfile } from '../src/model/transforms/search';
import type { ProfileQuery } from '../src/datasource/types';
import { seedWorkloadHistory } from '../sandbox/demo/history';
import { NO_TIME_LIMITS } from '../sandbox/pyroscope/options';
import { startPyroscopeServer, type PyroscopeServer } from '../sandbox/pyroscope/server';
import { httpPost } from './support/httpPost';
import { datasourceFor, queryRequest, withVariables } from './support/datasource';

const STEP_S = 10;
const START_S = 1_767_225_600; // 2026-01-01T00:00:00Z
const SPIKE_FROM_S = START_S + 30 * STEP_S;
const SPIKE_TO_S = SPIKE_FROM_S + 6 * STEP_S;
const END_S = START_S + 60 * STEP_S;

/** One folded upload per 10 s: quiet (mostly `serve`), then a minute of `flowAdv` on top. */
async function seed(server: PyroscopeServer) {
  for (let t = START_S; t < END_S; t += STEP_S) {
    const spike = t >= SPIKE_FROM_S && t < SPIKE_TO_S;
    const body = spike
      ? 'main;serve 100\nmain;flowAdv;JSON.stringify 500\nmain;flowAdv;JSON.parse 400\n'
      : 'main;serve 100\n';
    const params = new URLSearchParams({
      name: 'moment.cpu{env=it}',
      from: String(t),
      until: String(t + STEP_S),
      format: 'folded',
      sampleRate: '100',
      spyName: 'gospy',
    });
    const res = await httpPost(`${server.url}/ingest?${params}`, new TextEncoder().encode(body), 'text/plain');
    expect(res.status).toBe(200);
  }
}

describe.each(['grafana', 'og'] as const)('focus, compare and spikes against the %s test server', (flavor) => {
  let server: PyroscopeServer;
  let cpu: string;
  const dashboard = { fromMs: START_S * 1000, toMs: END_S * 1000 };
  const focusMs = (SPIKE_FROM_S + 3 * STEP_S) * 1000;

  beforeAll(async () => {
    server = await startPyroscopeServer({ flavor, limits: NO_TIME_LIMITS });
    await seed(server);
    const types = await datasourceFor(server.url).getProfileTypes(dashboard);
    cpu = types.find((t) => t.sampleType === 'cpu')!.id;
  });
  afterAll(() => server.close());

  const query = (extra: Partial<ProfileQuery>): ProfileQuery => ({
    refId: 'A',
    queryType: 'profile',
    profileTypeId: cpu,
    labelSelector: '{service_name="moment"}',
    ...extra,
  });

  it('the focus moment makes flowAdv the widest frame below the root', async () => {
    const ds = datasourceFor(server.url, {}, {}, withVariables({ focus: String(focusMs) }));
    const res = await firstValueFrom(
      ds.query(queryRequest([query({ focusVariable: '$focus', focusWindow: '1m' })], dashboard.fromMs, dashboard.toMs))
    );
    expect(res.errors).toBeUndefined();
    const frame = res.data[0];
    expect(frame.meta?.custom).toMatchObject({ focusMs, fromMs: focusMs - 30_000, toMs: focusMs + 30_000 });
    const p = dataFrameToProfile(frame);
    const flowAdv = searchProfile(p, { text: 'flowAdv', caseSensitive: true });
    // 900 of every 1,000 samples in the spike (ends are inclusive, so one quiet upload may be in the window too).
    expect(flowAdv.matchedTotal / p.total[0]).toBeGreaterThan(0.85);
    // Over the whole dashboard range, the spike is a smaller share.
    const whole = dataFrameToProfile(
      (
        await firstValueFrom(
          datasourceFor(server.url).query(queryRequest([query({})], dashboard.fromMs, dashboard.toMs))
        )
      ).data[0]
    );
    expect(searchProfile(whole, { text: 'flowAdv', caseSensitive: true }).matchedTotal / whole.total[0]).toBeLessThan(
      0.6
    );
  });

  it('compare with before: a diff in which flowAdv grew from nothing', async () => {
    const ds = datasourceFor(server.url, {}, {}, withVariables({ focus: String(focusMs), compare: 'before' }));
    const res = await firstValueFrom(
      ds.query(
        queryRequest(
          [query({ focusVariable: '$focus', focusWindow: '1m', compare: '$compare' })],
          dashboard.fromMs,
          dashboard.toMs
        )
      )
    );
    expect(res.errors).toBeUndefined();
    const p = dataFrameToProfile(res.data[0]);
    expect(p.right).toBeDefined();
    const flowAdv = p.names.indexOf('flowAdv');
    const node = p.nameId.indexOf(flowAdv);
    expect(node).toBeGreaterThan(0);
    expect(p.total[node]).toBe(0);
    expect(p.right!.total[node]).toBeGreaterThan(0);
    expect(res.data[0].meta?.custom).toMatchObject({
      compare: 'before',
      baselineFromMs: focusMs - 90_000,
      baselineToMs: focusMs - 30_001,
    });
  });

  it('the annotation query marks the spike as one region with links, and nothing in the quiet part', async () => {
    const ds = datasourceFor(server.url);
    const anno = ds.annotations!.prepareQuery!(
      ds.annotations!.prepareAnnotation!({
        name: 'Spikes',
        enable: true,
        target: { profileTypeId: cpu, labelSelector: '{service_name="moment"}' },
      })
    )!;
    const res = await firstValueFrom(ds.query(queryRequest([anno], dashboard.fromMs, dashboard.toMs)));
    expect(res.errors).toBeUndefined();
    const frame = res.data[0];
    expect(frame.length).toBe(1);
    const [time, timeEnd, , text] = frame.fields;
    // In 1-minute buckets (the default spike step).
    expect(time.values[0]).toBeGreaterThanOrEqual(SPIKE_FROM_S * 1000 - 60_000);
    expect(time.values[0]).toBeLessThanOrEqual(SPIKE_FROM_S * 1000);
    expect(timeEnd.values[0]).toBeGreaterThanOrEqual(SPIKE_TO_S * 1000);
    expect(timeEnd.values[0]).toBeLessThanOrEqual(SPIKE_TO_S * 1000 + 60_000);
    expect(text.values[0]).toMatch(
      /moment: peak [\d.]+ cores \(mean over 30 s\), [\d.]+× its baseline of 0\.\d\d cores/
    );
    expect(text.values[0]).toContain('Compare with before');

    // The quiet part alone: no annotation.
    const quiet = await firstValueFrom(ds.query(queryRequest([anno], dashboard.fromMs, SPIKE_FROM_S * 1000 - 20_000)));
    expect(quiet.data[0].length).toBe(0);
  });
});

describe("the spike annotation's default rules on the demo workload's history", () => {
  let server: PyroscopeServer;
  let history: ReturnType<typeof seedWorkloadHistory>;
  const nowMs = Math.floor(Date.now() / 60_000) * 60_000;
  const CPU_TYPE = 'wall:cpu:nanoseconds:wall:nanoseconds';

  beforeAll(async () => {
    server = await startPyroscopeServer({ limits: NO_TIME_LIMITS });
    // The demo's schedule: a 45 s flowAdv spike every 10 minutes over a ~7% baseline.
    history = seedWorkloadHistory(server.store, { nowMs, hours: 2 });
  });
  afterAll(() => server.close());

  async function annotations(fromMs: number, toMs: number) {
    const ds = datasourceFor(server.url);
    const anno = ds.annotations!.prepareQuery!(
      ds.annotations!.prepareAnnotation!({
        name: 'CPU spikes',
        enable: true,
        target: { profileTypeId: CPU_TYPE, labelSelector: '{service_name="demo-workload"}' },
      })
    )!;
    const res = await firstValueFrom(ds.query(queryRequest([anno], fromMs, toMs)));
    expect(res.errors).toBeUndefined();
    const [time, timeEnd] = res.data[0].fields;
    return (time.values as number[]).map((t, i) => ({ fromMs: t, toMs: (timeEnd.values as number[])[i] }));
  }

  it('finds every spike of the demo, one annotation each, overlapping it', async () => {
    const fromMs = history.fromMs + 15 * 60_000;
    const spikes = history.spikes.filter((s) => s.startMs >= fromMs + 60_000);
    expect(spikes.length).toBeGreaterThanOrEqual(8);
    const found = await annotations(fromMs, history.toMs);
    expect(found).toHaveLength(spikes.length);
    spikes.forEach((s, i) => {
      expect(found[i].fromMs).toBeLessThanOrEqual(s.endMs);
      expect(found[i].toMs).toBeGreaterThanOrEqual(s.startMs);
    });
  });

  it('stays quiet between the spikes', async () => {
    const [a, b] = history.spikes.slice(-3);
    expect(await annotations(a.endMs + 90_000, b.startMs - 30_000)).toEqual([]);
  });
});
