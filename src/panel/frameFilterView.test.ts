import { parseTree, printTree } from '../model/testing/asciiTree';
import { applyFrameFilters } from '../model/transforms/frameFilters';
import { filterPreset, presetFilters } from '../model/transforms/filterPresets';
import { chipLabel, deriveFilterView, filterSummary, type ActiveFilter } from './frameFilterView';

// The example of docs/frame-filters.md.
const profile = parseTree(
  `
total 100
  runtime.main 40
    main.main 40
      main.work 30
        runtime.mallocgc 20
      main.idle 10
  runtime.mcall 60
    runtime.schedule 60
      runtime.findrunnable 50
      main.callback 10
`,
  'nanoseconds'
);

const panel = (entry: ActiveFilter['entry']): ActiveFilter => ({ entry, source: 'panel' });

describe('deriveFilterView', () => {
  it('is the input itself without filters', () => {
    const view = deriveFilterView(profile, []);
    expect(view.profile).toBe(profile);
    expect(view.chips).toEqual([]);
    expect(filterSummary(profile, view)).toBeUndefined();
  });

  it("applies the entries as one pprof command line, a preset's patterns in its place", () => {
    const active = [panel({ preset: 'go' }), panel({ kind: 'ignore', mode: 'exact', pattern: 'main.idle' })];
    const view = deriveFilterView(profile, active);
    const expected = applyFrameFilters(profile, [
      ...presetFilters(filterPreset('go')),
      { kind: 'ignore', mode: 'exact', pattern: 'main.idle' },
    ]).profile;
    expect(printTree(view.profile)).toBe(printTree(expected));
    expect(view.chips.map((c) => c.status)).toEqual(['matched', 'matched']);
    expect(filterSummary(profile, view)).toBe('showing 40 ns of 100 ns (40.00%)');
  });

  it('marks an invalid pattern on its chip and applies the others', () => {
    const view = deriveFilterView(profile, [
      panel({ kind: 'hide', mode: 'regex', pattern: '(?=x)' }),
      panel({ kind: 'focus', mode: 'regex', pattern: 'zzz' }),
      panel({ kind: 'ignore', mode: 'regex', pattern: 'idle' }),
    ]);
    expect(view.chips.map((c) => c.status)).toEqual(['invalid', 'unmatched', 'matched']);
    expect(view.chips[0].error?.code).toBe('invalid or unsupported Perl syntax');
    expect(view.emptiedBy).toBe('focus zzz matched no frame, so no stack is kept.');
  });

  it('names the filter that left nothing', () => {
    const view = deriveFilterView(profile, [
      panel({ kind: 'focus', mode: 'regex', pattern: '^main\\.' }),
      panel({ kind: 'ignore', mode: 'regex', pattern: 'main' }),
    ]);
    expect(view.emptiedBy).toBe('ignore main removes every stack that the other filters leave.');
    expect(filterSummary(profile, view)).toBe('showing 0 ns of 100 ns (0%)');
    const both = deriveFilterView(profile, [panel({ kind: 'hide', mode: 'regex', pattern: '.' })]);
    expect(both.emptiedBy).toBe('hide . removes every stack that the other filters leave.');
  });

  it('filters both sides of a diff and says what is left of each', () => {
    const diff = parseTree(
      `
total 100 | 200
  main 100 | 200
    work 60 | 180
    idle 40 | 20
`,
      'nanoseconds'
    );
    const view = deriveFilterView(diff, [panel({ kind: 'hide', mode: 'exact', pattern: 'idle' })]);
    expect(printTree(view.profile)).toBe(
      printTree(applyFrameFilters(diff, [{ kind: 'hide', mode: 'exact', pattern: 'idle' }]).profile)
    );
    expect(filterSummary(diff, view)).toBe(
      'showing baseline 100 ns of 100 ns (100%), comparison 200 ns of 200 ns (100%)'
    );
    const ignored = deriveFilterView(diff, [panel({ kind: 'ignore', mode: 'exact', pattern: 'idle' })]);
    expect(filterSummary(diff, ignored)).toBe(
      'showing baseline 60 ns of 100 ns (60.00%), comparison 180 ns of 200 ns (90.00%)'
    );
  });
});

describe('chipLabel', () => {
  it('says kind, mode and pattern, or the preset', () => {
    expect(chipLabel({ kind: 'hide', mode: 'regex', pattern: '^runtime\\.' })).toBe('hide ^runtime\\.');
    expect(chipLabel({ kind: 'focus', mode: 'exact', pattern: 'main.work' })).toBe('focus = main.work');
    expect(chipLabel({ preset: 'go' })).toBe('hide preset Go runtime and scheduler');
  });
});
