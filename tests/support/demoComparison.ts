import type { DataFrame } from '@grafana/data';

import { decodeConnectFlameGraphDiff } from '../../src/model/connect';
import { profileToDataFrame } from '../../src/model/frame';
import { profileFrameMeta, windowMeta } from '../../src/datasource/query/profileMeta';
import type { SeededPyroscope } from './sandbox';

/** The demo's comparison at a spike of the seeded history, as the demo dashboard's "What changed" panel gets it. */
export interface DemoComparison {
  /** The flame graph diff frame, with the frame meta the datasource writes (focus moment, compare mode, windows). */
  frame: DataFrame;
  /** The spike's middle: the focus moment. */
  focusMs: number;
  /** The dashboard range around it. */
  fromMs: number;
  toMs: number;
}

const PROFILE_TYPE = 'wall:cpu:nanoseconds:wall:nanoseconds';
const SELECTOR = '{service_name="demo-workload"}';
const FOCUS_WINDOW_MS = 300_000;
const MAX_NODES = 16384;

/**
 * What the demo dashboard's "What changed" panel shows after "Compare with before" on the last spike of the seeded
 * history: the 5 minutes around the spike's middle against the 5 minutes before (the baseline ends 1 ms before the
 * window, as the datasource asks), from the test server's Connect Diff, framed with the datasource's own meta
 * builders. flowAdv grew in it. (The datasource module itself needs a browser's globals; these parts do not.)
 */
export async function demoComparison(seeded: SeededPyroscope): Promise<DemoComparison> {
  const spike = seeded.history.spikes[seeded.history.spikes.length - 1];
  if (!spike) {
    throw new Error('the seeded history has no spike');
  }
  const focusMs = Math.round((spike.startMs + spike.endMs) / 2);
  const dashboard = { fromMs: focusMs - 3_600_000, toMs: Math.min(seeded.nowMs, focusMs + 600_000) };
  const profileRange = { fromMs: focusMs - FOCUS_WINDOW_MS / 2, toMs: focusMs + FOCUS_WINDOW_MS / 2 };
  const baseline = { fromMs: profileRange.fromMs - FOCUS_WINDOW_MS, toMs: profileRange.fromMs - 1 };
  const side = (r: { fromMs: number; toMs: number }) => ({
    profileTypeID: PROFILE_TYPE,
    labelSelector: SELECTOR,
    start: r.fromMs,
    end: r.toMs,
    maxNodes: MAX_NODES,
  });
  const res = await fetch(`${seeded.pyroscope.url}/querier.v1.QuerierService/Diff`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ left: side(baseline), right: side(profileRange) }),
  });
  if (res.status !== 200) {
    throw new Error(`Diff answered ${res.status}: ${await res.text()}`);
  }
  const profile = decodeConnectFlameGraphDiff(await res.json(), 'nanoseconds');
  const custom = {
    ...profileFrameMeta(profile, {
      profileTypeId: PROFILE_TYPE,
      labelSelector: SELECTOR,
      range: profileRange,
      maxNodes: MAX_NODES,
      flavor: 'grafana',
    }),
    ...windowMeta({
      profile: profileRange,
      dashboard,
      focus: { variable: 'focus', atMs: focusMs, windowMs: FOCUS_WINDOW_MS },
      compare: 'before',
      baseline,
    }),
  };
  const frame = profileToDataFrame(profile, { refId: 'A', name: 'flamegraph-diff', custom });
  return { frame, focusMs, ...dashboard };
}
