/**
 * Refine on focus against the test server over real HTTP, both flavors (docs/refine-on-focus.md). The allocations
 * of the real heap profile `go-heap-large` (65,297 nodes) are queried with Max nodes 1,024: the server keeps 1,408
 * nodes and merges 29% of the total into `other`. A frame with `other` below it is refined the way the panel does it
 * (the datasource's `fetchSubtree`, the panel's `readSubtreeAnswer`, the model's `spliceSubtree`); afterwards every
 * node of its subtree — names and totals — must equal the same query's untruncated answer. The oracle is the
 * server's own answer without a node limit (which tests/pprofDownload.integration.test.ts checks against
 * `go tool pprof`).
 */
import { firstValueFrom } from 'rxjs';

import type { ProfileDataSource } from '../src/datasource/datasource';
import type { ProfileQuery } from '../src/datasource/types';
import { dataFrameToProfile } from '../src/model/frame';
import { indexOf, nodeCount, type Profile } from '../src/model/profile';
import { callSiteOf, findCallSite, spliceSubtree, subtreeIsTruncated } from '../src/model/transforms/refine';
import { mergedIntoOther } from '../src/model/transforms/truncation';
import { readSubtreeAnswer } from '../src/panel/subtreeSource';
import { NO_TIME_LIMITS } from '../sandbox/pyroscope/options';
import { ingestPprofFixture } from '../sandbox/pyroscope/seed';
import { startPyroscopeServer, type PyroscopeServer } from '../sandbox/pyroscope/server';
import { datasourceFor, queryRequest } from './support/datasource';

const T = 1_700_000_000_000;
const RANGE = { fromMs: T - 60_000, toMs: T + 60_000 };
const TYPE = 'memory:alloc_objects:count:space:bytes';
const SERVICE = 'heap';
const CUT = 1024;

const query = (q: Partial<ProfileQuery> = {}): ProfileQuery => ({
  refId: 'A',
  queryType: 'profile',
  profileTypeId: TYPE,
  labelSelector: `{service_name="${SERVICE}"}`,
  maxNodes: CUT,
  ...q,
});

async function flameGraph(ds: ProfileDataSource, q: ProfileQuery): Promise<Profile> {
  const res = await firstValueFrom(ds.query(queryRequest([q], RANGE.fromMs, RANGE.toMs)));
  expect(res.errors).toBeUndefined();
  return dataFrameToProfile(res.data[0]);
}

/** Every node of `p`'s subtree at `node`, as `path total [| right]`, in one order whatever the node order. */
function subtreeLines(p: Profile, node: number): string[] {
  const end = indexOf(p).subtreeEnd[node];
  const lines: string[] = [];
  for (let i = node; i < end; i++) {
    lines.push(`${callSiteOf(p, i).join(';')} ${p.total[i]}${p.right ? ` | ${p.right.total[i]}` : ''}`);
  }
  return lines.sort();
}

/**
 * A focusable frame with `other` below it whose whole subtree fits the budget (so its refinement is exact): the one
 * with the largest whole subtree, to make the check as demanding as the budget allows.
 */
function truncatedFrame(cut: Profile, whole: Profile): { callSite: string[]; size: number } {
  const { subtreeEnd } = indexOf(whole);
  let best: { callSite: string[]; size: number } | undefined;
  for (let i = 1; i < nodeCount(cut); i++) {
    if (!subtreeIsTruncated(cut, i)) {
      continue;
    }
    const callSite = callSiteOf(cut, i);
    const at = findCallSite(whole, callSite);
    const size = subtreeEnd[at] - at;
    if (size + callSite.length <= CUT && (!best || size > best.size)) {
      best = { callSite, size };
    }
  }
  if (!best) {
    throw new Error('the cut profile has no truncated frame whose subtree fits the budget');
  }
  return best;
}

async function refine(ds: ProfileDataSource, q: ProfileQuery, cut: Profile, callSite: string[]) {
  const answer = readSubtreeAnswer(await ds.fetchSubtree(q, RANGE, callSite));
  if (answer.kind !== 'profile') {
    throw new Error(`expected a profile, got: ${answer.reason}`);
  }
  return spliceSubtree(cut, callSite, answer.profile);
}

describe('refine on focus against the Grafana Pyroscope test server', () => {
  let server: PyroscopeServer;
  let ds: ProfileDataSource;
  beforeAll(async () => {
    server = await startPyroscopeServer({ flavor: 'grafana', limits: NO_TIME_LIMITS });
    // Current window: the fixture twice; the window before (the baseline of `compare: before`): once.
    for (const timeMs of [T, T + 30_000, T - 120_000]) {
      ingestPprofFixture(server.store, { fixture: 'go-heap-large.pb.gz', serviceName: SERVICE, timeMs });
    }
    ds = datasourceFor(server.url, { flavor: 'grafana' });
  });
  afterAll(() => server.close());

  it('splices exactly the untruncated totals under a truncated frame', async () => {
    const cut = await flameGraph(ds, query());
    const whole = await flameGraph(ds, query({ maxNodes: 1 << 20 }));
    expect(mergedIntoOther(whole)).toBeUndefined();
    expect(mergedIntoOther(cut)!.share).toBeGreaterThan(0);
    const { callSite, size } = truncatedFrame(cut, whole);
    // A subtree of a real size: more than the cut kept of it.
    const before = indexOf(cut).subtreeEnd[findCallSite(cut, callSite)] - findCallSite(cut, callSite);
    expect(size).toBeGreaterThan(before);
    const out = await refine(ds, query(), cut, callSite);
    expect(out.exact).toBe(true);
    expect(out.delta).toBe(0);
    expect(subtreeIsTruncated(out.profile, out.node)).toBe(false);
    expect(subtreeLines(out.profile, out.node)).toEqual(subtreeLines(whole, findCallSite(whole, callSite)));
    expect(subtreeLines(out.profile, out.node)).toHaveLength(size);
    // The rest of the profile is the cut one's: same root total, and its other truncated frames keep their `other`.
    expect(out.profile.total[0]).toBe(cut.total[0]);
    expect(mergedIntoOther(out.profile)!.value).toBeLessThan(mergedIntoOther(cut)!.value);
  });

  it('refines a level-1 frame too: exact wherever its subtree fits the budget, cut again where it does not', async () => {
    const cut = await flameGraph(ds, query());
    const whole = await flameGraph(ds, query({ maxNodes: 1 << 20 }));
    const { subtreeEnd } = indexOf(cut);
    const refined = { exact: 0, cutAgain: 0 };
    for (let i = 1; i < nodeCount(cut); i = subtreeEnd[i]) {
      if (!subtreeIsTruncated(cut, i)) {
        continue;
      }
      const callSite = callSiteOf(cut, i);
      const out = await refine(ds, query(), cut, callSite);
      const at = findCallSite(whole, callSite);
      const wholeSize = indexOf(whole).subtreeEnd[at] - at;
      expect(out.exact).toBe(wholeSize + callSite.length <= CUT);
      expect(out.profile.total[out.node]).toBe(whole.total[at]);
      if (out.exact) {
        expect(subtreeLines(out.profile, out.node)).toEqual(subtreeLines(whole, at));
      }
      refined[out.exact ? 'exact' : 'cutAgain']++;
    }
    expect(refined.exact + refined.cutAgain).toBeGreaterThan(0);
  });

  it('refines a comparison through Diff with the call site on both sides', async () => {
    const q = query({ compare: 'before' });
    const cut = await flameGraph(ds, q);
    const whole = await flameGraph(ds, { ...q, maxNodes: 1 << 20 });
    expect(cut.right).toBeDefined();
    // Baseline once, compared window twice: the sides differ.
    expect(whole.right!.total[0]).toBe(2 * whole.total[0]);
    const { callSite } = truncatedFrame(cut, whole);
    const out = await refine(ds, q, cut, callSite);
    expect(out.exact).toBe(true);
    expect([out.delta, out.deltaRight]).toEqual([0, 0]);
    expect(subtreeLines(out.profile, out.node)).toEqual(subtreeLines(whole, findCallSite(whole, callSite)));
  });
});

describe('refine on focus against the pyroscope-io test server', () => {
  let server: PyroscopeServer;
  beforeAll(async () => {
    server = await startPyroscopeServer({ flavor: 'og', limits: NO_TIME_LIMITS });
    ingestPprofFixture(server.store, { fixture: 'go-heap-large.pb.gz', serviceName: SERVICE, timeMs: T });
  });
  afterAll(() => server.close());

  it('says it cannot fetch exact subtrees for a truncated frame', async () => {
    const ds = datasourceFor(server.url, { flavor: 'og' });
    const cut = await flameGraph(ds, query());
    expect(mergedIntoOther(cut)!.share).toBeGreaterThan(0);
    let callSite: string[] = [];
    for (let i = 1; i < nodeCount(cut) && callSite.length === 0; i++) {
      callSite = subtreeIsTruncated(cut, i) ? callSiteOf(cut, i) : [];
    }
    expect(callSite.length).toBeGreaterThan(0);
    const answer = readSubtreeAnswer(await ds.fetchSubtree(query(), RANGE, callSite));
    expect(answer).toEqual({
      kind: 'unsupported',
      reason: 'pyroscope-io cannot fetch exact subtrees (raise Max nodes instead)',
    });
  });
});
