import fc from 'fast-check';

import { DEFAULT_SPIKE_RULES, detectSpikes, effectiveSpikeRules, peakOf, refineRegion, widenBuckets } from './spikes';

const STEP = 15_000;
const times = (n: number) => Array.from({ length: n }, (_, i) => 1_000_000 + i * STEP);

describe('detectSpikes', () => {
  it('finds one region for consecutive spike points, with its peak and the quiet baseline', () => {
    const values = [0.1, 0.12, 0.09, 0.11, 0.1, 0.9, 0.95, 0.92, 0.1, 0.1];
    const [region, ...rest] = detectSpikes(times(values.length), values, STEP);
    expect(rest).toHaveLength(0);
    expect(region.startMs).toBe(1_000_000 + 5 * STEP);
    expect(region.endMs).toBe(1_000_000 + 8 * STEP);
    expect(region.peakValue).toBe(0.95);
    expect(region.peakMs).toBe(1_000_000 + 6 * STEP);
    expect(region.baseline).toBeCloseTo(0.104, 3);
    expect(region.threshold).toBeCloseTo(0.156, 3);
  });

  it('keeps a long spike one region: spike points do not become the baseline', () => {
    const values = [...Array(10).fill(0.1), ...Array(30).fill(0.9), ...Array(5).fill(0.1)];
    expect(detectSpikes(times(values.length), values, STEP)).toHaveLength(1);
  });

  it('does not fire on a quiet, noisy series or below the minimum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.08, max: 0.115, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (v) => {
          expect(detectSpikes(times(v.length), v, STEP)).toEqual([]);
        }
      )
    );
    // 5x the baseline, but under the 0.1 minimum.
    expect(detectSpikes(times(8), [0.01, 0.01, 0.01, 0.01, 0.05, 0.05, 0.01, 0.01], STEP)).toEqual([]);
  });

  it('merges a spike within the cool-down into the previous one, and starts a new one after it', () => {
    const quiet = Array(10).fill(0.1);
    const close = [...quiet, 0.9, 0.1, 0.1, 0.9, ...quiet];
    expect(detectSpikes(times(close.length), close, STEP)).toHaveLength(1);
    const far = [...quiet, 0.9, ...Array(20).fill(0.1), 0.9, ...quiet];
    expect(detectSpikes(times(far.length), far, STEP)).toHaveLength(2);
  });

  it('flags points over the ceiling even without history, and skips NaN', () => {
    const rules = { ...DEFAULT_SPIKE_RULES, ceiling: 0.8 };
    const regions = detectSpikes(times(4), [0.9, NaN, 0.1, 0.1], STEP, rules);
    expect(regions).toHaveLength(1);
    expect(regions[0].baseline).toBeNaN();
    expect(detectSpikes(times(4), [0.9, NaN, 0.1, 0.1], STEP)).toEqual([]);
  });
});

describe('widenBuckets', () => {
  it('sums or averages buckets into wider ones on the grid of multiples of the wide step', () => {
    // 15 s buckets from 30 s past a minute, one missing.
    const narrow = {
      timesMs: [30_000, 45_000, 60_000, 90_000, 105_000, 120_000],
      values: [1, 2, 3, 4, 5, 6],
      stepMs: 15_000,
    };
    expect(widenBuckets(narrow, 60_000, 'sum')).toEqual({
      timesMs: [0, 60_000, 120_000],
      values: [3, 12, 6],
      stepMs: 60_000,
    });
    expect(widenBuckets(narrow, 60_000, 'average').values).toEqual([1.5, 4, 6]);
  });

  it("keeps a narrow grid's offset from the epoch, and skips non-finite values", () => {
    const offset = { timesMs: [205_000, 215_000, 225_000], values: [1, NaN, 2], stepMs: 10_000 };
    expect(widenBuckets(offset, 30_000, 'sum')).toEqual({
      timesMs: [185_000, 215_000],
      values: [1, 2],
      stepMs: 30_000,
    });
    expect(widenBuckets(offset, 10_000, 'sum')).toEqual(offset);
  });
});

describe('refineRegion and peakOf', () => {
  const narrow = {
    // 15 s buckets over four minutes; over 0.5 from 75 s to 150 s.
    timesMs: Array.from({ length: 16 }, (_, i) => i * 15_000),
    values: [0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.95, 0.8, 0.7, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
    stepMs: 15_000,
  };
  const wide = {
    startMs: 60_000,
    endMs: 180_000,
    peakMs: 60_000,
    peakSpanMs: 60_000,
    peakValue: 0.6,
    baseline: 0.1,
    threshold: 0.5,
  };

  it('moves the edges to the narrow buckets over the threshold', () => {
    expect(refineRegion(wide, narrow, 60_000)).toEqual({ ...wide, startMs: 75_000, endMs: 150_000 });
  });

  it('reaches into the wide bucket before when the narrow buckets there are over the threshold too', () => {
    const early = { ...narrow, values: narrow.values.map((v, i) => (i === 3 || i === 4 ? 0.6 : v)) };
    expect(refineRegion(wide, early, 60_000).startMs).toBe(45_000);
  });

  it('leaves a region alone when the buckets are as wide as the ones it was found in', () => {
    expect(refineRegion(wide, { ...narrow, stepMs: 60_000 }, 60_000)).toBe(wide);
  });

  it('takes the peak as the highest mean over the span, in whole buckets', () => {
    const region = refineRegion(wide, narrow, 60_000);
    expect(peakOf(region, narrow, 15_000, 'sum')).toMatchObject({
      peakMs: 90_000,
      peakSpanMs: 15_000,
      peakValue: 0.95,
    });
    const over30 = peakOf(region, narrow, 30_000, 'sum');
    expect(over30).toMatchObject({ peakMs: 75_000, peakSpanMs: 30_000 });
    expect(over30.peakValue).toBeCloseTo(0.925, 9);
    expect(peakOf(region, narrow, 20_000, 'sum').peakSpanMs).toBe(30_000);
  });

  it('reads the real rate where single buckets alias with the upload cadence', () => {
    // 10 s uploads of 1 core in 15 s buckets: one or two uploads per bucket, 0.67 or 1.33 cores.
    const aliased = {
      timesMs: [0, 15_000, 30_000, 45_000, 60_000, 75_000],
      values: [2, 1, 2, 1, 2, 1].map((n) => (n * 10) / 15),
      stepMs: 15_000,
    };
    const region = { ...wide, startMs: 0, endMs: 90_000 };
    expect(peakOf(region, aliased, 15_000, 'sum').peakValue).toBeCloseTo(1.333, 3);
    expect(peakOf(region, aliased, 30_000, 'sum').peakValue).toBeCloseTo(1, 9);
  });

  it('counts a missing bucket as zero, except for gauges', () => {
    const sparse = { timesMs: [0, 30_000], values: [1, 1], stepMs: 15_000 };
    const region = { ...wide, startMs: 0, endMs: 45_000 };
    expect(peakOf(region, sparse, 30_000, 'sum').peakValue).toBe(0.5);
    expect(peakOf(region, sparse, 30_000, 'average').peakValue).toBe(1);
  });
});

describe('effectiveSpikeRules', () => {
  const ms = (d: string) => (d === '30s' ? 30_000 : NaN);
  it('fills defaults and reads the cool-down', () => {
    expect(effectiveSpikeRules(undefined, ms)).toEqual(DEFAULT_SPIKE_RULES);
    expect(effectiveSpikeRules({ ratio: 1, cooldown: '30s' }, ms)).toEqual({
      ...DEFAULT_SPIKE_RULES,
      ratio: 1,
      cooldownMs: 30_000,
    });
  });
  it('names the wrong field', () => {
    expect(effectiveSpikeRules({ ratio: -1 }, ms)).toEqual({ error: expect.stringContaining('Spike ratio') });
    expect(effectiveSpikeRules({ windowPoints: 0.5 }, ms)).toEqual({
      error: expect.stringContaining('baseline points'),
    });
    expect(effectiveSpikeRules({ cooldown: 'soon' }, ms)).toEqual({ error: expect.stringContaining('"soon"') });
  });
});
