import { readFrameMeta } from '../../model/contract';
import { parseTree } from '../../model/testing/asciiTree';
import { filterMeta, profileFrameMeta, windowMeta } from './profileMeta';
import type { QueryWindows } from './window';

const profile = parseTree(
  `
total 100
  main 60
  other 40
`,
  'nanoseconds'
);

const query = {
  profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
  labelSelector: '{service_name="api"}',
  range: { fromMs: 1_000_000, toMs: 1_300_000 },
  maxNodes: 2,
  flavor: 'og' as const,
};

describe('frame meta as written', () => {
  it('says the server truncated when the profile has an `other` node', () => {
    expect(profileFrameMeta(profile, query)).toMatchObject({ truncated: true, nodeCount: 3, flavor: 'og' });
  });

  it('is read back whole by the panel (readFrameMeta), focus and comparison included', () => {
    const windows: QueryWindows = {
      profile: query.range,
      dashboard: { fromMs: 0, toMs: 2_000_000 },
      focus: { variable: 'moment', atMs: 1_150_000, windowMs: 300_000 },
      compare: '1d',
      baseline: { fromMs: 1_000_000 - 86_400_000, toMs: 1_300_000 - 86_400_000 },
    };
    const meta = { ...profileFrameMeta(profile, query), ...windowMeta(windows) };
    expect(meta).toMatchObject({ focusVariable: 'moment', compare: '1d', dashboardToMs: 2_000_000 });
    expect(readFrameMeta(meta)).toEqual(meta);
  });

  it('writes no window keys for the dashboard range without comparison', () => {
    expect(windowMeta({ profile: query.range, dashboard: query.range, compare: 'off' })).toEqual({});
  });
});

describe('filterMeta', () => {
  it('writes the interpolated list, and the variable when the field is one reference', () => {
    expect(filterMeta('$filters', 'preset:go')).toEqual({ frameFilters: 'preset:go', frameFiltersVariable: 'filters' });
    expect(filterMeta(' ${filters:raw} ', '')).toEqual({ frameFilters: '', frameFiltersVariable: 'filters' });
    expect(filterMeta('hide:re:x;$more', 'hide:re:x;focus:exact:y')).toEqual({
      frameFilters: 'hide:re:x;focus:exact:y',
    });
  });

  it('writes nothing for an empty field, and no variable the dashboard does not have', () => {
    expect(filterMeta(undefined, undefined)).toEqual({});
    expect(filterMeta('  ', '')).toEqual({});
    expect(filterMeta('$nosuch', '$nosuch')).toEqual({ frameFilters: '' });
  });

  it('is read back by the panel through readFrameMeta', () => {
    const meta = filterMeta('$filters', 'hide:re:^runtime\\.');
    expect(readFrameMeta(meta)).toEqual(meta);
  });
});
