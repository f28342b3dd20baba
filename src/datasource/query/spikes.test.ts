import fc from 'fast-check';

import { DEFAULT_SPIKE_RULES, detectSpikes, effectiveSpikeRules } from './spikes';

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
