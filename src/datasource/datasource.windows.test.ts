import { firstValueFrom } from 'rxjs';
import { dateTime, type DataFrame, type DataQueryRequest } from '@grafana/data';

import { dataFrameToProfile } from '../model/frame';
import { templateSrvWith } from './testing/templateSrv';
import { type FakeAnswer, type FakeCall } from './testing/fakeBackend';
import type { ProfileQuery } from './types';
import { fakeDataSource } from './testing/fakeDataSource';

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const FROM = 1_779_729_300_000;
const TO = FROM + 3_600_000;
const FOCUS = FROM + 1_800_000;

// main grows from 60 to 90 between the two windows: foo (30) appears only on the right.
const DIFF_BODY = JSON.stringify({
  flamegraph: {
    names: ['total', 'main', 'foo'],
    levels: [
      { values: [0, 60, 0, 0, 90, 0, 0] },
      { values: [0, 60, 60, 0, 90, 60, 1] },
      { values: [60, 0, 0, 60, 30, 30, 2] },
    ],
    total: '150',
    maxSelf: '60',
    leftTicks: '60',
    rightTicks: '90',
  },
});

function server(call: FakeCall): FakeAnswer {
  switch (call.path) {
    case 'pyroscope/label-values':
      return { body: JSON.stringify([CPU]) };
    case 'querier.v1.QuerierService/Diff':
      return { body: DIFF_BODY };
    case 'querier.v1.QuerierService/SelectMergeStacktraces':
      return {
        body: JSON.stringify({
          flamegraph: { names: ['total'], levels: [{ values: [0, 10, 10, 0] }], total: '10', maxSelf: '10' },
        }),
      };
    case 'querier.v1.QuerierService/SelectSeries': {
      // Buckets of the step asked for, stamped with their end as Grafana Pyroscope does: 0.1 cores, and 0.9 cores in
      // the points from 11 minutes into the dashboard range to before 14 (profiles stamped on the step grid).
      const body = call.body as { start: number; end: number; step: number };
      const stepMs = body.step * 1000;
      const points = [];
      for (let t = body.start; t <= body.end; t += stepMs) {
        const spike = t >= FROM + 11 * 60_000 && t < FROM + 14 * 60_000;
        points.push({ value: (spike ? 0.9 : 0.1) * body.step * 1e9, timestamp: String(t) });
      }
      return { body: JSON.stringify({ series: [{ labels: [{ name: 'service_name', value: 'api' }], points }] }) };
    }
    default:
      return { status: 404, body: '404 page not found' };
  }
}

function makeDs(vars: Record<string, string>) {
  return fakeDataSource(server, { templateSrv: templateSrvWith(vars) });
}

function request(targets: ProfileQuery[]): DataQueryRequest<ProfileQuery> {
  return {
    targets,
    range: { from: dateTime(FROM), to: dateTime(TO), raw: { from: 'now-1h', to: 'now' } },
    intervalMs: 15_000,
    scopedVars: {},
    requestId: 'r1',
  } as unknown as DataQueryRequest<ProfileQuery>;
}

const base: ProfileQuery = {
  refId: 'A',
  profileTypeId: CPU,
  labelSelector: '{service_name="api"}',
  queryType: 'both',
  focusVariable: '$focus',
};

describe('focus moment', () => {
  it('reads the window around the focus variable and says so in meta.custom', async () => {
    const { ds, calls } = makeDs({ focus: String(FOCUS) });
    const res = await firstValueFrom(ds.query(request([base])));
    expect(res.errors).toBeUndefined();
    const merge = calls.find((c) => c.path.endsWith('SelectMergeStacktraces'))!.body as { start: number; end: number };
    expect([merge.start, merge.end]).toEqual([FOCUS - 150_000, FOCUS + 150_000]);
    const series = calls.find((c) => c.path.endsWith('SelectSeries'))!.body as { start: number };
    expect(series.start).toBe(FOCUS - 150_000);
    const flame = res.data.find((f) => f.name === 'flamegraph')!;
    expect(flame.meta?.custom).toMatchObject({
      fromMs: FOCUS - 150_000,
      toMs: FOCUS + 150_000,
      focusVariable: 'focus',
      focusMs: FOCUS,
      focusWindowMs: 300_000,
      dashboardFromMs: FROM,
      dashboardToMs: TO,
    });
  });

  it('asks SelectSeries from a multiple of the step, so its buckets do not move with the range', async () => {
    const { ds, calls } = makeDs({});
    for (const shift of [0, 7_000, 14_999]) {
      const r = request([{ ...base, queryType: 'metrics' }]);
      await firstValueFrom(ds.query({ ...r, range: { ...r.range, from: dateTime(FROM + shift) } }));
    }
    const starts = calls.filter((c) => c.path.endsWith('SelectSeries')).map((c) => (c.body as { start: number }).start);
    expect(starts).toEqual([FROM, FROM, FROM]);
  });

  it('keeps a metrics-only query on the dashboard range', async () => {
    const { ds, calls } = makeDs({ focus: String(FOCUS) });
    await firstValueFrom(ds.query(request([{ ...base, queryType: 'metrics' }])));
    expect((calls[1].body as { start: number }).start).toBe(FROM);
  });

  it('reports an unreadable focus value as the query error, without a request', async () => {
    const { ds, calls } = makeDs({ focus: 'banana' });
    const res = await firstValueFrom(ds.query(request([base])));
    expect(res.errors?.[0].message).toContain('Variable "focus" holds "banana"');
    expect(calls).toHaveLength(0);
  });
});

describe('comparison', () => {
  it('asks the Diff API with the window before as the left side and returns a diff frame', async () => {
    const { ds, calls } = makeDs({ focus: String(FOCUS), compare: 'before' });
    const res = await firstValueFrom(ds.query(request([{ ...base, queryType: 'profile', compare: '$compare' }])));
    expect(res.errors).toBeUndefined();
    const diff = calls.find((c) => c.path.endsWith('/Diff'))!.body as {
      left: { start: number; end: number };
      right: { start: number; end: number };
    };
    expect([diff.left.start, diff.left.end]).toEqual([FOCUS - 450_000, FOCUS - 150_001]);
    expect([diff.right.start, diff.right.end]).toEqual([FOCUS - 150_000, FOCUS + 150_000]);
    const frame = res.data[0];
    expect(frame.name).toBe('flamegraph-diff');
    expect(frame.meta?.custom).toMatchObject({
      compare: 'before',
      baselineFromMs: FOCUS - 450_000,
      baselineToMs: FOCUS - 150_001,
    });
    const profile = dataFrameToProfile(frame);
    expect(profile.right?.total[0]).toBe(90);
    expect(profile.total[0]).toBe(60);
  });
});

describe('spike annotations', () => {
  it('runs the annotation target as a spikes query over the dashboard range, one series per service', async () => {
    const { ds, calls } = makeDs({ focus: String(FOCUS), service: 'api', env: 'prod' });
    const anno = ds.annotations!.prepareAnnotation!({
      name: 'Spikes',
      enable: true,
      target: { profileTypeId: CPU, labelSelector: '{service_name="$service"}' },
    });
    const q = ds.annotations!.prepareQuery!(anno)!;
    expect(q.queryType).toBe('spikes');
    const res = await firstValueFrom(ds.query(request([q])));
    expect(res.errors).toBeUndefined();
    const body = calls[1].body as { start: number; step: number; groupBy: string[] };
    // From 13 minutes before the range (the rules' 10 baseline minutes, one more, and the 2-minute cool-down), in the
    // request's step: the rules read 1-minute sums of it.
    expect(body.start).toBe(FROM - 13 * 60_000);
    expect(body.step).toBe(15);
    expect(body.groupBy).toEqual(['service_name']);
    const frame: DataFrame = res.data[0];
    expect(frame.meta?.dataTopic).toBe('annotations');
    expect(frame.length).toBe(1);
    const text = frame.fields.find((f) => f.name === 'text')!.values[0] as string;
    expect(text).toContain(
      'api: peak 0.90 cores (mean over 30 s), 9.0× its baseline of 0.10 cores; above 0.15 cores for 3 min.'
    );
    expect(text).toContain('var-service=api');
    // env is not named by the annotation, so Grafana would not re-run it when env changes: its links leave env alone.
    expect(text).not.toContain('var-env');
    // A point at t holds the profiles collected from about t on: the spike's points, 11:00 to 13:45, span 11 to 14.
    expect(frame.fields.find((f) => f.name === 'time')!.values[0]).toBe(FROM + 11 * 60_000);
    expect(frame.fields.find((f) => f.name === 'timeEnd')!.values[0]).toBe(FROM + 14 * 60_000);
  });

  it('skips an annotation without a profile type and reports bad rules', async () => {
    const { ds } = makeDs({});
    expect(
      ds.annotations!.prepareQuery!({ name: 'x', enable: true, target: { refId: 'Anno' } } as never)
    ).toBeUndefined();
    const res = await firstValueFrom(ds.query(request([{ ...base, queryType: 'spikes', spikes: { ratio: -2 } }])));
    expect(res.errors?.[0].message).toContain('Spike ratio must be a number');
  });
});
