import {
  cpuCores,
  formatCores,
  formatShare,
  formatValue,
  grafanaUnit,
  unitFromGrafana,
  unitFromSampleUnit,
  type ValueUnit,
} from './units';

describe('units', () => {
  it.each([
    [470_000_000, 'nanoseconds', '470 ms'],
    [11_100_000_000, 'nanoseconds', '11.1 s'],
    [8_849_000, 'microseconds', '8.85 s'],
    [1500, 'nanoseconds', '1.5 µs'],
    [90e9, 'nanoseconds', '1.5 min'],
    [1528.4 * 1024 * 1024, 'bytes', '1.49 GiB'],
    [512, 'bytes', '512 B'],
    [2_223_898_853_784, 'count', '2.22 T'],
    [999, 'count', '999'],
    [0, 'count', '0'],
  ] as Array<[number, ValueUnit, string]>)('formats %p %s as %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  it('maps pprof and Grafana units both ways', () => {
    expect(unitFromSampleUnit('nanoseconds')).toBe('nanoseconds');
    expect(unitFromSampleUnit('microseconds')).toBe('microseconds');
    expect(unitFromSampleUnit('bytes')).toBe('bytes');
    expect(unitFromSampleUnit('count')).toBe('count');
    for (const u of ['nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes', 'count'] as ValueUnit[]) {
      expect(unitFromGrafana(grafanaUnit(u))).toBe(u);
    }
  });

  it('turns CPU time in a window into cores', () => {
    // 30 s of CPU over a 15 s window is two cores busy.
    expect(cpuCores(30e9, 'nanoseconds', 15_000)).toBe(2);
    expect(cpuCores(15e6, 'microseconds', 15_000)).toBe(1);
    expect(formatCores(2)).toBe('2 cores');
    expect(formatCores(0.256)).toBe('0.26 cores');
    // Regression: 5.7 s of CPU over an hour showed as "0 cores" in the tooltip.
    expect(formatCores(cpuCores(5.7e9, 'nanoseconds', 3600_000))).toBe('0.0016 cores');
    expect(() => cpuCores(1, 'bytes', 1000)).toThrow(/bytes/);
  });

  it('formats shares', () => {
    expect(formatShare(1, 3)).toBe('33.33%');
    expect(formatShare(1, 0)).toBe('0%');
  });
});
