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

  it('says which value is not a time, and which window is not a duration', () => {
    expect(() => resolveWindows(named, DASH, vars({ focus: 'yesterday-ish' }), {}, NOW)).toThrow(
      new QueryWindowError(
        'Variable "focus" holds "yesterday-ish", which is not a time: use milliseconds since the epoch, an ISO time or a Grafana time such as now-1h'
      )
    );
    expect(() =>
      resolveWindows({ ...named, focusWindow: 'wide' }, DASH, vars({ focus: '1700001000000' }), {}, NOW)
    ).toThrow('Focus window "wide" is not a duration');
    expect(() => resolveWindows({ focusVariable: '$a b' }, DASH, vars({}), {}, NOW)).toThrow('is not a variable name');
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
    expect(parseTime('1700000000', NOW, false)).toBe(1_700_000_000_000);
    expect(parseTime('now', NOW, false)).toBe(NOW);
    expect(parseTime('nowish', NOW, false)).toBeUndefined();
    expect(parseTime('', NOW, false)).toBeUndefined();
  });
});
