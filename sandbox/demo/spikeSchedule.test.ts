/**
 * @jest-environment node
 */
import { spikeOverlapMs, spikeWindowsIn, type SpikeSchedule } from './spikeSchedule';

const S: SpikeSchedule = { originMs: 1_000_000, everyMs: 300_000, durationMs: 45_000 };

describe('spike schedule', () => {
  it('lists the spikes on both sides of the origin that overlap a range', () => {
    expect(spikeWindowsIn(S, 400_000, 1_400_000)).toEqual([
      { startMs: 400_000, endMs: 445_000 },
      { startMs: 700_000, endMs: 745_000 },
      { startMs: 1_000_000, endMs: 1_045_000 },
      { startMs: 1_300_000, endMs: 1_345_000 },
    ]);
  });

  it('treats windows as half-open: a spike ending at fromMs or starting at toMs is out', () => {
    expect(spikeWindowsIn(S, 745_000, 1_000_000)).toEqual([]);
    expect(spikeWindowsIn(S, 744_999, 1_000_001)).toEqual([
      { startMs: 700_000, endMs: 745_000 },
      { startMs: 1_000_000, endMs: 1_045_000 },
    ]);
  });

  it('measures how much of a range is inside spikes', () => {
    expect(spikeOverlapMs(S, 990_000, 1_005_000)).toBe(5_000);
    expect(spikeOverlapMs(S, 1_000_000, 1_015_000)).toBe(15_000);
    expect(spikeOverlapMs(S, 1_040_000, 1_055_000)).toBe(5_000);
    expect(spikeOverlapMs(S, 1_050_000, 1_290_000)).toBe(0);
    expect(spikeOverlapMs(S, 0, 3_000_000)).toBe(10 * 45_000);
  });

  it('refuses spikes as long as their period', () => {
    expect(() => spikeWindowsIn({ ...S, durationMs: 300_000 }, 0, 1)).toThrow(/0 < spike duration < spike period/);
  });
});
