import { dateTime, isDateTime, type TimeRange } from '@grafana/data';
import type { Dashboard } from '@grafana/schema';

import { layoutDashboard, placeGridPos } from './gridLayout';
import { parseUrlTime, rawTimeRangeFromSearch, shifted, toTimeRange, urlTimeParams, zoomedOut } from './timeRange';
import { matchRoute } from '../routes';

describe('URL time values', () => {
  it('keeps relative expressions and reads absolute ones', () => {
    expect(parseUrlTime('now-30m')).toBe('now-30m');
    expect(parseUrlTime('now/d')).toBe('now/d');
    expect(parseUrlTime('now-banana')).toBeUndefined();
    const ms = parseUrlTime('1700000000000');
    expect(isDateTime(ms) && ms.valueOf()).toBe(1_700_000_000_000);
    const iso = parseUrlTime('2024-01-02T03:04:05.000Z');
    expect(isDateTime(iso) && iso.valueOf()).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    const compact = parseUrlTime('20240102T030405');
    expect(isDateTime(compact) && compact.valueOf()).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseUrlTime('not a time')).toBeUndefined();
  });

  it('falls back to the defaults for missing or invalid values and writes ranges back', () => {
    const raw = rawTimeRangeFromSearch(new URLSearchParams('from=1700000000000&to=oops'), {
      from: 'now-6h',
      to: 'now',
    });
    expect(raw.to).toBe('now');
    expect(urlTimeParams(raw)).toEqual({ from: '1700000000000', to: 'now' });
  });

  it('evaluates relative ranges now', () => {
    const range = toTimeRange({ from: 'now-1h', to: 'now' }, 'utc');
    expect(range.to.valueOf() - range.from.valueOf()).toBe(3_600_000);
    expect(Math.abs(range.to.valueOf() - Date.now())).toBeLessThan(5_000);
  });
});

describe('zoom and shift', () => {
  const range: TimeRange = { from: dateTime(10_000), to: dateTime(20_000), raw: { from: 'a', to: 'b' } };
  it('zooms out around the centre', () => {
    expect(zoomedOut(range)).toEqual({ from: 5_000, to: 25_000 });
  });
  it('shifts by half the span, forward stopping at now', () => {
    expect(shifted(range, -1)).toEqual({ from: 5_000, to: 15_000 });
    expect(shifted(range, 1, 100_000)).toEqual({ from: 15_000, to: 25_000 });
    expect(shifted(range, 1, 22_000)).toEqual({ from: 10_000, to: 22_000 });
  });
});

describe('grid layout', () => {
  it('places panels on 24 columns, 30 px rows and 8 px gaps', () => {
    // 24 columns of 42 px with 23 gaps of 8 px: 1192 px.
    expect(placeGridPos({ x: 0, y: 0, w: 24, h: 8 }, 1192)).toEqual({
      leftPx: 0,
      topPx: 0,
      widthPx: 1192,
      heightPx: 296,
    });
    expect(placeGridPos({ x: 12, y: 8, w: 12, h: 1 }, 1192)).toEqual({
      leftPx: 600,
      topPx: 304,
      widthPx: 592,
      heightPx: 30,
    });
  });

  it('lays out a dashboard and reports its height', () => {
    const dashboard = {
      panels: [
        { id: 1, type: 'timeseries', gridPos: { x: 0, y: 0, w: 24, h: 8 } },
        { id: 9, type: 'row', title: 'More', collapsed: false, panels: [], gridPos: { x: 0, y: 8, w: 24, h: 1 } },
        { id: 2, type: 'table', gridPos: { x: 0, y: 9, w: 12, h: 4 } },
      ],
    } as unknown as Dashboard;
    const layout = layoutDashboard(dashboard, 1192);
    expect(layout.items.map((i) => [i.panel.id, i.isRow, i.topPx])).toEqual([
      [1, false, 0],
      [9, true, 304],
      [2, false, 342],
    ]);
    expect(layout.heightPx).toBe(342 + 4 * 30 + 3 * 8);
  });
});

describe('routes', () => {
  const search = (s = '') => new URLSearchParams(s);
  it.each([
    ['/', { page: 'home' }],
    ['/d/abc', { page: 'dashboard', uid: 'abc', editPanel: undefined }],
    ['/d/abc/some-slug', { page: 'dashboard', uid: 'abc', editPanel: undefined }],
    ['/a/flamelens-profiles-app/x/y', { page: 'app', pluginId: 'flamelens-profiles-app' }],
    ['/connections/datasources', { page: 'datasources' }],
    ['/connections/datasources/edit/p%20q', { page: 'datasource', uid: 'p q' }],
    ['/sandbox/panel', { page: 'sandboxPanel' }],
    ['/nope', { page: 'notFound', path: '/nope' }],
  ])('%s', (path, route) => {
    expect(matchRoute(path, search())).toEqual(route);
  });

  it('opens the panel editor for editPanel', () => {
    expect(matchRoute('/d/abc', search('editPanel=2&from=now-1h'))).toEqual({
      page: 'dashboard',
      uid: 'abc',
      editPanel: 2,
    });
  });
});
