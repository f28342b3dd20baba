/** Reads Grafana's own @grafana/data as the reference, which needs the jsdom environment. */
import { rangeUtil } from '@grafana/data';

import {
  alignToStepMs,
  formatIntervalMs,
  goDurationString,
  interpolatePromMacros,
  parseIntervalMs,
  prometheusStepMs,
  roundIntervalMs,
  type StepInput,
} from './promInterval';

const HOUR = 3_600_000;

function input(over: Partial<StepInput> = {}): StepInput {
  return {
    fromMs: 0,
    toMs: HOUR,
    queryInterval: '',
    scrapeInterval: '',
    intervalMs: 0,
    maxDataPoints: 0,
    intervalFactor: 1,
    ...over,
  };
}

describe('interval rounding and formatting', () => {
  it('rounds as the frontend does (one table in Grafana, two languages)', () => {
    for (const ms of [
      1, 12, 30, 70, 149, 300, 700, 1400, 3000, 7000, 12000, 17000, 24000, 44000, 89000, 2e5, 4e5, 7e5, 1e6, 1.4e6,
      2.6e6, 5e6, 8e6, 1.6e7, 3e7, 8e7, 1.7e8, 6e8, 1.8e9, 3e9, 5e9,
    ]) {
      expect(roundIntervalMs(ms)).toBe(rangeUtil.roundInterval(ms));
    }
  });

  it('formats the largest whole unit like gtime.FormatInterval', () => {
    expect(formatIntervalMs(15_000)).toBe('15s');
    expect(formatIntervalMs(90_000)).toBe('1m');
    expect(formatIntervalMs(500)).toBe('500ms');
    expect(formatIntervalMs(2 * 86_400_000)).toBe('2d');
    expect(formatIntervalMs(0)).toBe('1ms');
  });

  it("prints durations like Go's time.Duration", () => {
    expect(goDurationString(15_000)).toBe('15s');
    expect(goDurationString(60_000)).toBe('1m0s');
    expect(goDurationString(5_400_000)).toBe('1h30m0s');
    expect(goDurationString(1_500)).toBe('1.5s');
    expect(goDurationString(250)).toBe('250ms');
    expect(goDurationString(0)).toBe('0s');
  });

  it('parses Grafana intervals: bare seconds, Go durations, calendar units, and refuses the rest', () => {
    expect(parseIntervalMs('30')).toBe(30_000);
    expect(parseIntervalMs('>1m30s')).toBe(90_000);
    expect(parseIntervalMs('1.5h')).toBe(5_400_000);
    expect(parseIntervalMs('2d')).toBe(2 * 86_400_000);
    expect(parseIntervalMs('0s')).toBe(0);
    expect(() => parseIntervalMs('abc')).toThrow('time: invalid duration "abc"');
    expect(() => parseIntervalMs('')).toThrow('invalid duration');
  });
});

describe('the step of a query', () => {
  it('uses the panel interval when the query has no min step, and never goes below range / maxDataPoints', () => {
    expect(prometheusStepMs(input({ intervalMs: 2_000, maxDataPoints: 1_000 }))).toBe(5_000); // 3.6 s rounds to 5 s
    expect(prometheusStepMs(input({ intervalMs: 20_000, maxDataPoints: 1_000 }))).toBe(20_000);
  });

  it('a min step wins over the panel interval; the scrape interval applies only without either', () => {
    expect(prometheusStepMs(input({ queryInterval: '30s', intervalMs: 2_000, maxDataPoints: 1_000 }))).toBe(30_000);
    expect(prometheusStepMs(input({ scrapeInterval: '1m', maxDataPoints: 1_000 }))).toBe(60_000);
    expect(prometheusStepMs(input({ maxDataPoints: 1_000 }))).toBe(15_000);
  });

  it('never asks for more than 11000 points, and multiplies by the interval factor', () => {
    expect(prometheusStepMs(input({ toMs: 1_100_000_000, intervalMs: 1, maxDataPoints: 1e9 }))).toBe(
      rangeUtil.roundInterval(100_000)
    );
    expect(prometheusStepMs(input({ intervalMs: 20_000, maxDataPoints: 1_000, intervalFactor: 3 }))).toBe(60_000);
  });

  it('a min step of $__rate_interval makes the step the rate interval', () => {
    const rate = (intervalMs: number, maxDataPoints: number) =>
      prometheusStepMs(input({ queryInterval: '$__rate_interval', scrapeInterval: '5s', intervalMs, maxDataPoints }));
    // 1 h / 1500 points = 2.4 s, rounded to 2 s: max(2 s + 5 s, 4 × 5 s)
    expect(rate(2_000, 0)).toBe(20_000);
    // 1 h / 100 points = 36 s, rounded to 30 s: max(30 s + 5 s, 20 s)
    expect(rate(20_000, 100)).toBe(35_000);
  });

  it('refuses a min step that is not a duration', () => {
    expect(() => prometheusStepMs(input({ queryInterval: 'soon' }))).toThrow('invalid duration');
  });
});

describe('built-in variables', () => {
  it('replaces the range and interval variables in both spellings, $__interval_ms before $__interval', () => {
    const i = input({ intervalMs: 2_000, scrapeInterval: '5s' });
    expect(
      interpolatePromMacros('a[$__interval] b $__interval_ms c ${__range} d $__range_s e $__range_ms', i, 60_000)
    ).toBe('a[1m] b 60000 c 3600s d 3600 e 3600000');
    // rate interval: max(panel interval + scrape, 4 × scrape) = max(7 s, 20 s)
    expect(interpolatePromMacros('rate(x[$__rate_interval]) $__rate_interval_ms ${__rate_interval}', i, 60_000)).toBe(
      'rate(x[20s]) 20000 20s'
    );
  });
});

describe('range alignment', () => {
  it("rounds down to the step in the dashboard's offset", () => {
    expect(alignToStepMs(125_000, 60_000, 0)).toBe(120_000);
    expect(alignToStepMs(125_000, 60_000, 30)).toBe(90_000);
  });
});
