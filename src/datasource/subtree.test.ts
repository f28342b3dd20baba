import { lastValueFrom } from 'rxjs';

import { dataFrameToProfile } from '../model/frame';
import { readFrameMeta } from '../model/contract';
import { type FakeAnswer, type FakeCall } from './testing/fakeBackend';
import { templateSrvWith } from './testing/templateSrv';
import type { ProfileDataSourceOptions, ProfileQuery } from './types';
import { fakeDataSource } from './testing/fakeDataSource';

/**
 * `fetchSubtree` with a fake backend: the request it sends for each kind of query (selector, budget, windows,
 * variables), what it answers, cancellation, and pyroscope-io's typed refusal. The answers themselves are checked on
 * the real test server in tests/refineOnFocus.integration.test.ts.
 */

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';
const STACKTRACES = 'querier.v1.QuerierService/SelectMergeStacktraces';
const DIFF = 'querier.v1.QuerierService/Diff';
const RANGE = { fromMs: 1_700_000_000_000, toMs: 1_700_003_600_000 };

/** total 40 → main 40 → work 30 (the stacks through main → work, as the server answers them). */
const FLAMEGRAPH = {
  flamegraph: {
    names: ['total', 'main', 'work'],
    levels: [{ values: ['0', '40', '0', '0'] }, { values: ['0', '40', '10', '1'] }, { values: ['0', '30', '30', '2'] }],
    total: '40',
    maxSelf: '30',
  },
};
const DIFF_ANSWER = {
  flamegraph: {
    names: ['total', 'main'],
    levels: [{ values: ['0', '40', '0', '0', '50', '0', '0'] }, { values: ['0', '40', '40', '0', '50', '50', '1'] }],
    total: '90',
    maxSelf: '50',
    leftTicks: '40',
    rightTicks: '50',
  },
};

function makeDs(
  answer: (call: FakeCall) => FakeAnswer | 'hang',
  jsonData: ProfileDataSourceOptions = { flavor: 'grafana' },
  variables: Record<string, string> = {}
) {
  return fakeDataSource(answer, { jsonData, templateSrv: templateSrvWith(variables) });
}

const server = (call: FakeCall): FakeAnswer =>
  call.path === STACKTRACES
    ? { body: JSON.stringify(FLAMEGRAPH) }
    : call.path === DIFF
      ? { body: JSON.stringify(DIFF_ANSWER) }
      : { status: 404, body: '404 page not found' };

const query = (q: Partial<ProfileQuery> = {}): ProfileQuery => ({
  refId: 'A',
  profileTypeId: CPU,
  labelSelector: '{service_name="api"}',
  ...q,
});

describe('fetchSubtree, Grafana Pyroscope', () => {
  it('sends the call site as stackTraceSelector with the query’s own maxNodes and answers a flame graph frame', async () => {
    const { ds, calls } = makeDs(server);
    const answer = await ds.fetchSubtree(query({ maxNodes: 1024 }), RANGE, ['main', 'work']);
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe(STACKTRACES);
    expect(calls[0].body).toEqual({
      profileTypeID: CPU,
      labelSelector: '{service_name="api"}',
      start: RANGE.fromMs,
      end: RANGE.toMs,
      maxNodes: 1024,
      stackTraceSelector: { callSite: [{ name: 'main' }, { name: 'work' }] },
    });
    if (!answer.supported) {
      throw new Error('expected a supported answer');
    }
    expect(answer).toMatchObject({ maxNodes: 1024, flavor: 'grafana' });
    const profile = dataFrameToProfile(answer.frame);
    expect(Array.from(profile.total)).toEqual([40, 40, 30]);
    expect(answer.frame.refId).toBe('A');
    expect(readFrameMeta(answer.frame.meta?.custom)).toMatchObject({ maxNodes: 1024, flavor: 'grafana' });
    expect((answer.frame.meta?.custom as { callSite?: unknown }).callSite).toEqual(['main', 'work']);
  });

  it('uses the data source’s default budget when the query has none', async () => {
    const { ds, calls } = makeDs(server, { flavor: 'grafana', maxNodes: 2048 });
    await ds.fetchSubtree(query(), RANGE, ['main']);
    expect(calls[0].body).toMatchObject({ maxNodes: 2048 });
  });

  it('interpolates variables and reads the focus window as query() does', async () => {
    const { ds, calls } = makeDs(server, { flavor: 'grafana' }, { svc: 'a"b', focus: String(RANGE.fromMs + 600_000) });
    await ds.fetchSubtree(
      query({ labelSelector: '{service_name="$svc"}', focusVariable: '$focus', focusWindow: '2m' }),
      RANGE,
      ['main']
    );
    const body = calls[0].body as Record<string, unknown>;
    expect(body.labelSelector).toBe('{service_name="a\\"b"}');
    expect(body.start).toBe(RANGE.fromMs + 540_000);
    expect(body.end).toBe(RANGE.fromMs + 660_000);
  });

  it('asks Diff with the call site on both sides for a compare query', async () => {
    const { ds, calls } = makeDs(server);
    const answer = await ds.fetchSubtree(query({ compare: 'before', maxNodes: 512 }), RANGE, ['main']);
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe(DIFF);
    const body = calls[0].body as { left: Record<string, unknown>; right: Record<string, unknown> };
    const selector = { callSite: [{ name: 'main' }] };
    expect(body.left).toMatchObject({ maxNodes: 512, stackTraceSelector: selector, end: RANGE.fromMs - 1 });
    expect(body.right).toMatchObject({ maxNodes: 512, stackTraceSelector: selector, start: RANGE.fromMs });
    if (!answer.supported) {
      throw new Error('expected a supported answer');
    }
    const profile = dataFrameToProfile(answer.frame);
    expect([profile.total[0], profile.right?.total[0]]).toEqual([40, 50]);
  });

  it('cancels the HTTP request when the signal aborts', async () => {
    const { ds, calls } = makeDs(() => 'hang');
    const controller = new AbortController();
    const pending = ds.fetchSubtree(query(), RANGE, ['main'], { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(1);
    controller.abort();
    await expect(pending).rejects.toThrow('The subtree request was cancelled');
    expect(calls[0].cancelled).toBe(true);
  });

  it('words server errors as query errors do, and refuses an empty call site', async () => {
    const { ds, calls } = makeDs(() => ({
      status: 400,
      body: JSON.stringify({ code: 'invalid_argument', message: 'max nodes too large' }),
    }));
    await expect(ds.fetchSubtree(query(), RANGE, ['main'])).rejects.toThrow(
      /^The subtree request failed: .*HTTP 400.*SelectMergeStacktraces.*max nodes too large/
    );
    calls.length = 0;
    await expect(ds.fetchSubtree(query(), RANGE, [])).rejects.toThrow(/one or more frame names/);
    expect(calls).toHaveLength(0);
  });
});

describe('fetchSubtree, pyroscope-io', () => {
  it('answers "not supported" without a request, saying why', async () => {
    const { ds, calls } = makeDs(() => ({ status: 500, body: '' }), { flavor: 'og' });
    const answer = await ds.fetchSubtree(query(), RANGE, ['main']);
    expect(answer).toEqual({
      supported: false,
      flavor: 'og',
      reason: 'pyroscope-io cannot fetch exact subtrees (raise Max nodes instead)',
    });
    expect(calls).toHaveLength(0);
  });

  it('refuses a call site on its flame graph and diff calls rather than answer the whole profile', async () => {
    const { ds, calls } = makeDs(() => ({ status: 500, body: '' }), { flavor: 'og' });
    const api = await lastValueFrom(ds.api());
    const req = { profileTypeId: CPU, labelSelector: '{}', range: RANGE, maxNodes: 10, callSite: ['main'] };
    await expect(lastValueFrom(api.flameGraph(req))).rejects.toThrow(/pyroscope-io/);
    await expect(lastValueFrom(api.diff(req, req))).rejects.toThrow(/pyroscope-io/);
    expect(calls).toHaveLength(0);
  });
});
