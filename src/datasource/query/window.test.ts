import { templateSrvWith } from '../testing/templateSrv';

import { QueryWindowError, parseTime, resolveWindows } from './window';

const DASH = { fromMs: 1_700_000_000_000, toMs: 1_700_003_600_000 };
const NOW = 1_700_003_600_000;

const vars = templateSrvWith;

describe('resolveWindows: focus moment', () => {
  const named = { focusVariable: '$focus' };
  it('uses the dashboard range when the focus variable does not exist or is empty', () => {
    expect(resolveWindows(named, DASH, vars({}), {}, NOW)).toEqual({ profile: DASH, dashboard: DASH, compare: 'off' });
    expect(resolveWindows(named, DASH, vars({ focus: '' }), {}, NOW).focus).toBeUndefined();
  });

  it('a query that names no focus variable ignores a focus the dashboard holds (Grafana would not re-run it)', () => {
    expect(resolveWindows({}, DASH, vars({ focus: '1700001000000' }), {}, NOW).focus).toBeUndefined();
    expect(resolveWindows({ focusVariable: ' ' }, DASH, vars({ focus: '1700001000000' }), {}, NOW).profile).toEqual(
      DASH
    );
  });

  it('refuses a focus variable written as a bare name, which Grafana does not track', () => {
    expect(() => resolveWindows({ focusVariable: 'focus' }, DASH, vars({ focus: '1700001000000' }), {}, NOW)).toThrow(
      new QueryWindowError(
        'Focus variable "focus" must be written as $focus, so that Grafana re-runs the query when it changes'
      )
    );
  });

  it('centres the default 5m window on a focus time in ms', () => {
    const w = resolveWindows(named, DASH, vars({ focus: '1700001000000' }), {}, NOW);
    expect(w.profile).toEqual({ fromMs: 1_700_000_850_000, toMs: 1_700_001_150_000 });
    expect(w.focus).toEqual({ variable: 'focus', atMs: 1_700_001_000_000, windowMs: 300_000 });
  });

  it('reads another variable, a custom window, seconds, ISO and now-relative times', () => {
    const w = resolveWindows({ focusVariable: '${at}', focusWindow: '1m' }, DASH, vars({ at: '1700001000' }), {}, NOW);
    expect(w.profile).toEqual({ fromMs: 1_700_000_970_000, toMs: 1_700_001_030_000 });
    expect(
      resolveWindows({ focusVariable: '$at' }, DASH, vars({ at: '2023-11-14T22:30:00Z' }), {}, NOW).focus?.atMs
    ).toBe(Date.parse('2023-11-14T22:30:00Z'));
    expect(resolveWindows(named, DASH, vars({ focus: 'now-10m' }), {}, NOW).focus?.atMs).toBe(NOW - 600_000);
  });

  it('says which value is not a moment and why, and which window is not a duration', () => {
    expect(() => resolveWindows(named, DASH, vars({ focus: 'yesterday-ish' }), {}, NOW)).toThrow(
      new QueryWindowError(
        'Variable "focus" holds "yesterday-ish", which is not a moment: it is not a time. Use an ISO time such as 2023-11-14T23:13:20Z, milliseconds since the epoch or a Grafana time such as now-1h'
      )
    );
    expect(() =>
      resolveWindows({ ...named, focusWindow: 'wide' }, DASH, vars({ focus: '1700001000000' }), {}, NOW)
    ).toThrow('Focus window "wide" is not a duration');
    expect(() => resolveWindows({ focusVariable: '$a b' }, DASH, vars({}), {}, NOW)).toThrow('is not a variable name');
  });

  it.each([
    ['garbage', '<img src=x onerror=alert(1)>', 'which is not a moment: it is not a time'],
    ['negative', '-1700001000000', 'which is not a moment: it is negative'],
    ['too small', '42', 'which is not a moment: it is too small for a time'],
    ['beyond 9999', '999999999999999999', 'which is not a moment: it is beyond the year 9999'],
    ['without a zone', '2023-11-14T22:30:00', 'which is not a moment: it has no time zone'],
    ['far future', '2999-01-01T00:00:00Z', 'The focus moment 2999-01-01T00:00:00Z (variable "focus") is outside'],
    ['far past', '2001-01-01T00:00:00Z', 'The focus moment 2001-01-01T00:00:00Z (variable "focus") is outside'],
    ['later than now', 'now+1d', 'is outside the dashboard range 2023-11-14T22:13:20Z to 2023-11-14T23:13:20Z'],
  ])('refuses a hostile focus (%s) with a message saying why', (_, value, message) => {
    expect(() => resolveWindows(named, DASH, vars({ focus: value }), {}, NOW)).toThrow(message);
  });

  it('quotes at most 64 characters of a long value', () => {
    const long = 'x'.repeat(100_000);
    expect(() => resolveWindows(named, DASH, vars({ focus: long }), {}, NOW)).toThrow(
      `Variable "focus" holds "${'x'.repeat(63)}…", which is not a moment`
    );
  });

  it('never reads more than the dashboard shows: the focus window is cut to the dashboard range', () => {
    const nearStart = resolveWindows(named, DASH, vars({ focus: String(DASH.fromMs + 60_000) }), {}, NOW);
    expect(nearStart.profile).toEqual({ fromMs: DASH.fromMs, toMs: DASH.fromMs + 210_000 });
    const wide = resolveWindows({ ...named, focusWindow: '100y' }, DASH, vars({ focus: '1700001000000' }), {}, NOW);
    expect(wide.profile).toEqual(DASH);
    expect(wide.focus?.atMs).toBe(1_700_001_000_000);
    // The edges themselves are in the range.
    expect(resolveWindows(named, DASH, vars({ focus: String(DASH.toMs) }), {}, NOW).profile.toMs).toBe(DASH.toMs);
  });
});

describe('resolveWindows: comparison', () => {
  const focus = vars({ focus: '1700001000000' });
  it('before: the window of the same length just before the profile window', () => {
    const w = resolveWindows({ focusVariable: '$focus', compare: 'before' }, DASH, focus, {}, NOW);
    expect(w.baseline).toEqual({ fromMs: 1_700_000_550_000, toMs: 1_700_000_849_999 });
    expect(resolveWindows({ compare: 'before' }, DASH, vars({}), {}, NOW).baseline).toEqual({
      fromMs: DASH.fromMs - 3_600_000,
      toMs: DASH.fromMs - 1,
    });
  });

  it('1d and 1w shift the window; a $compare variable is read; an unknown variable means off', () => {
    expect(resolveWindows({ compare: '1d' }, DASH, vars({}), {}, NOW).baseline).toEqual({
      fromMs: DASH.fromMs - 86_400_000,
      toMs: DASH.toMs - 86_400_000,
    });
    expect(resolveWindows({ compare: '1w' }, DASH, vars({}), {}, NOW).baseline?.fromMs).toBe(DASH.fromMs - 604_800_000);
    expect(resolveWindows({ compare: '$compare' }, DASH, vars({ compare: 'before' }), {}, NOW).compare).toBe('before');
    expect(resolveWindows({ compare: '$compare' }, DASH, vars({}), {}, NOW)).toMatchObject({ compare: 'off' });
    expect(resolveWindows({ compare: '$compare' }, DASH, vars({ compare: 'off' }), {}, NOW).baseline).toBeUndefined();
  });

  it('custom: both ends required, in order, readable', () => {
    expect(
      resolveWindows({ compare: 'custom', compareFrom: 'now-2h', compareTo: 'now-1h' }, DASH, vars({}), {}, NOW)
        .baseline
    ).toEqual({ fromMs: NOW - 7_200_000, toMs: NOW - 3_600_000 });
    expect(() => resolveWindows({ compare: 'custom' }, DASH, vars({}), {}, NOW)).toThrow('needs both');
    expect(() =>
      resolveWindows({ compare: 'custom', compareFrom: 'now-1h', compareTo: 'now-2h' }, DASH, vars({}), {}, NOW)
    ).toThrow('is not after its start');
    expect(() => resolveWindows({ compare: 'sideways' }, DASH, vars({}), {}, NOW)).toThrow(
      'Compare "sideways" is not one of: off, before, 1d, 1w, custom'
    );
  });
});

describe('parseTime', () => {
  it('reads ms, seconds, ISO and Grafana times; undefined otherwise', () => {
    expect(parseTime('1700000000000', NOW, false)).toBe(1_700_000_000_000);
    expect(parseTime('2023-11-14T22:13:20Z', NOW, false)).toBe(1_700_000_000_000);
    expect(parseTime('2023-11-14T22:13:20', NOW, false)).toBeUndefined();
    expect(parseTime('1700000000', NOW, false)).toBe(1_700_000_000_000);
    expect(parseTime('now', NOW, false)).toBe(NOW);
    expect(parseTime('nowish', NOW, false)).toBeUndefined();
    expect(parseTime('', NOW, false)).toBeUndefined();
  });
});
