import fc from 'fast-check';

import { FilterPatternError } from '../errors';
import { checkProfile, indexOf, type Profile } from '../profile';
import { arbitraryProfile, FRAME_NAMES } from '../testing/arbitraryProfile';
import { parseTree, printTree, tree } from '../testing/asciiTree';
import { StackTreeBuilder } from '../treeBuilder';
import { mergeDiff } from './diff';
import { applyFrameFilters, compileFrameFilter, pprofFlags, pprofPattern, type FrameFilter } from './frameFilters';

const hide = (pattern: string, mode: FrameFilter['mode'] = 'regex'): FrameFilter => ({ kind: 'hide', pattern, mode });
const focus = (pattern: string, mode: FrameFilter['mode'] = 'regex'): FrameFilter => ({ kind: 'focus', pattern, mode });
const ignore = (pattern: string, mode: FrameFilter['mode'] = 'regex'): FrameFilter => ({
  kind: 'ignore',
  pattern,
  mode,
});

function filtered(p: Profile, filters: FrameFilter[]): string {
  return printTree(applyFrameFilters(p, filters).profile);
}

describe('applyFrameFilters, as pprof filters samples', () => {
  const p = parseTree(tree`
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
  `);

  it('hide drops the frames, moves their callees up and their self value to the nearest caller left', () => {
    expect(filtered(p, [hide('^runtime\\.')])).toBe(tree`
      total 50
        main.callback 10
        main.main 40
          main.idle 10
          main.work 30
    `);
    // runtime.mallocgc's 20 is main.work's now; the scheduler's stacks with no frame left (50) are gone.
    const r = applyFrameFilters(p, [hide('^runtime\\.')]).profile;
    expect(r.self[findNode(r, 'main.work')]).toBe(30);
  });

  it('hide of a middle frame merges what moves up with a sibling of the same name', () => {
    const q = parseTree(tree`
      total 10
        a 10
          b 6
            c 6
          c 4
    `);
    expect(filtered(q, [hide('b', 'exact')])).toBe(tree`
      total 10
        a 10
          c 10
    `);
  });

  it('hide removes every occurrence of a recursive frame; focus and ignore keep or drop the stack once', () => {
    const rec = parseTree(tree`
      total 10
        f 10
          g 10
            f 10
              h 7
    `);
    expect(filtered(rec, [hide('^f$')])).toBe(tree`
      total 10
        g 10
          h 7
    `);
    expect(filtered(rec, [focus('^f$')])).toBe(printTree(rec));
    expect(filtered(rec, [ignore('^h$')])).toBe(tree`
      total 3
        f 3
          g 3
            f 3
    `);
  });

  it('focus keeps whole stacks through a match, frames above and below alike', () => {
    expect(filtered(p, [focus('^main\\.work$')])).toBe(tree`
      total 30
        runtime.main 30
          main.main 30
            main.work 30
              runtime.mallocgc 20
    `);
  });

  it('ignore drops every stack through a match', () => {
    expect(filtered(p, [ignore('main\\.')])).toBe(tree`
      total 50
        runtime.mcall 50
          runtime.schedule 50
            runtime.findrunnable 50
    `);
  });

  it('several focus patterns are one alternation; ignore wins over focus on the same stack', () => {
    expect(filtered(p, [focus('main.idle', 'exact'), focus('main.callback', 'exact')])).toBe(tree`
      total 20
        runtime.main 10
          main.main 10
            main.idle 10
        runtime.mcall 10
          runtime.schedule 10
            main.callback 10
    `);
    expect(applyFrameFilters(p, [focus('main'), ignore('main')]).profile.total[0]).toBe(0);
    expect(filtered(p, [focus('main\\.'), ignore('mallocgc')])).toBe(tree`
      total 30
        runtime.main 20
          main.main 20
            main.idle 10
            main.work 10
        runtime.mcall 10
          runtime.schedule 10
            main.callback 10
    `);
  });

  it('focus and ignore see the stack as recorded: a hidden frame still selects its stacks', () => {
    expect(filtered(p, [hide('runtime'), focus('runtime\\.schedule')])).toBe(tree`
      total 10
        main.callback 10
    `);
    expect(filtered(p, [ignore('mallocgc'), hide('mallocgc')])).toBe(tree`
      total 80
        runtime.main 20
          main.main 20
            main.idle 10
            main.work 10
        runtime.mcall 60
          runtime.schedule 60
            main.callback 10
            runtime.findrunnable 50
    `);
  });

  it('exact matches the whole name; a regex matches anywhere, Go syntax', () => {
    const q = parseTree(tree`
      total 3
        main.work 1
        main.worker 1
        mainXwork 1
    `);
    expect(filtered(q, [focus('main.work', 'exact')])).toBe('total 1\n  main.work 1');
    expect(filtered(q, [focus('main.work')])).toBe(printTree(q));
    expect(filtered(q, [focus('(?i)MAINX')])).toBe('total 1\n  mainXwork 1');
  });

  it('reports each filter: matched, unmatched, or invalid and left out', () => {
    const r = applyFrameFilters(p, [hide('nothing-like-this'), focus('(main'), focus('main.idle', 'exact'), hide('')]);
    expect(r.outcomes.map((o) => o.status)).toEqual(['unmatched', 'invalid', 'matched', 'invalid']);
    const invalid = r.outcomes[1];
    expect(invalid.status === 'invalid' && invalid.error).toBeInstanceOf(FilterPatternError);
    expect(invalid.status === 'invalid' && invalid.error.code).toBe('missing closing )');
    expect(r.outcomes[3].status === 'invalid' && r.outcomes[3].error.code).toBe('empty pattern');
    // The valid focus applied; the invalid one did not narrow anything.
    expect(r.profile.total[0]).toBe(10);
  });

  it('with no valid filter returns the profile itself', () => {
    expect(applyFrameFilters(p, []).profile).toBe(p);
    expect(applyFrameFilters(p, [focus('[')]).profile).toBe(p);
  });

  it('drops a stack with no frames (a value at the root) under any filter, as pprof drops an empty sample', () => {
    const b = new StackTreeBuilder();
    b.addStack([], 5);
    b.addStack([b.intern('main')], 10);
    const withRootSelf = b.build('count');
    expect(applyFrameFilters(withRootSelf, [hide('nothing')]).profile.total[0]).toBe(10);
    expect(applyFrameFilters(withRootSelf, [ignore('nothing')]).profile.total[0]).toBe(10);
  });

  it('filters both sides of a diff', () => {
    const d = parseTree(tree`
      total 10 | 20
        main 10 | 20
          runtime.mallocgc 4 | 15
          work 6 | 5
    `);
    const r = applyFrameFilters(d, [hide('^runtime\\.')]).profile;
    expect(printTree(r)).toBe('total 10 | 20\n  main 10 | 20\n    work 6 | 5');
    expect(r.self[1]).toBe(4);
    expect(r.right?.self[1]).toBe(15);
    expect(checkProfile(r)).toEqual([]);
  });
});

describe('pprof command line of a filter list', () => {
  it('quotes exact names and joins several patterns of a kind into one alternation', () => {
    expect(pprofPattern(focus('main.(*T).Run', 'exact'))).toBe('^main\\.\\(\\*T\\)\\.Run$');
    expect(pprofFlags([hide('^runtime\\.'), focus('a'), focus('b$', 'exact'), ignore('x'), hide('y')])).toEqual([
      '-focus=(?:a)|(?:^b\\$$)',
      '-ignore=x',
      '-hide=(?:^runtime\\.)|(?:y)',
    ]);
    expect(pprofFlags([hide('(bad')])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties, against a literal transcription of pprof's FilterSamplesByName over the profile's stacks.

/** Every stack of a profile (root-to-leaf names) with its value on each side. */
function stacksOf(p: Profile): Array<{ frames: string[]; left: number; right: number }> {
  const { parent } = indexOf(p);
  const out: Array<{ frames: string[]; left: number; right: number }> = [];
  for (let i = 0; i < p.level.length; i++) {
    const left = p.self[i];
    const right = p.right ? p.right.self[i] : 0;
    if (left === 0 && right === 0) {
      continue;
    }
    const frames: string[] = [];
    for (let j = i; j > 0; j = parent[j]) {
      frames.unshift(p.names[p.nameId[j]]);
    }
    out.push({ frames, left, right });
  }
  return out;
}

/** pprof's algorithm, sample by sample (profile/filter.go), then the tree built again. */
function referenceFilter(p: Profile, filters: FrameFilter[]): Profile {
  const valid = filters
    .map((f) => ({ f, test: compileFrameFilter(f) }))
    .filter((x): x is { f: FrameFilter; test: (s: string) => boolean } => !(x.test instanceof FilterPatternError));
  if (valid.length === 0) {
    return p;
  }
  const any = (kind: FrameFilter['kind'], name: string) => valid.some((x) => x.f.kind === kind && x.test(name));
  const hasFocus = valid.some((x) => x.f.kind === 'focus');
  const b = new StackTreeBuilder(p.right !== undefined);
  for (const s of stacksOf(p)) {
    let focused = false;
    let ignored = false;
    for (const name of s.frames) {
      if (any('ignore', name)) {
        ignored = true;
      } else if (!hasFocus || any('focus', name)) {
        focused = true;
      }
    }
    if (!focused || ignored) {
      continue;
    }
    const kept = s.frames.filter((name) => !any('hide', name));
    if (kept.length === 0) {
      continue;
    }
    const ids = kept.map((name) => b.intern(name));
    b.addStack(ids, s.left, 0);
    if (p.right) {
      b.addStack(ids, s.right, 1);
    }
  }
  return b.build(p.unit);
}

function folded(p: Profile): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of stacksOf(p)) {
    m.set(s.frames.join(';'), `${s.left}|${s.right}`);
  }
  return m;
}

const NAMES = FRAME_NAMES.filter((n) => n !== '');
const arbitraryFilter: fc.Arbitrary<FrameFilter> = fc.record({
  kind: fc.constantFrom('hide', 'focus', 'ignore'),
  mode: fc.constantFrom('regex', 'exact'),
  pattern: fc.oneof(
    fc.constantFrom(...NAMES),
    fc.constantFrom('^runtime\\.', 'a|b', '^[abc]$', '.', 'x', 'o', '^__', 'ü', '>x<', '(')
  ),
}) as fc.Arbitrary<FrameFilter>;

describe('applyFrameFilters properties', () => {
  it('equals pprof’s sample-by-sample algorithm on any profile and filter list, diff or not', () => {
    fc.assert(
      fc.property(
        fc.oneof(arbitraryProfile(), arbitraryProfile({ diff: true })),
        fc.array(arbitraryFilter, { maxLength: 4 }),
        (profile, filters) => {
          const r = applyFrameFilters(profile, filters).profile;
          expect(checkProfile(r, 1e-6)).toEqual([]);
          expect(folded(r)).toEqual(folded(referenceFilter(profile, filters)));
        }
      ),
      { numRuns: 300 }
    );
  });

  it('gives the same profile for every order of the list', () => {
    fc.assert(
      fc.property(
        arbitraryProfile({ diff: true }),
        fc.array(arbitraryFilter, { minLength: 2, maxLength: 5 }),
        fc.integer(),
        (profile, filters, seed) => {
          const shuffled = [...filters].sort((a, b) => (hashOf(a, seed) < hashOf(b, seed) ? -1 : 1));
          const a = applyFrameFilters(profile, filters).profile;
          const b = applyFrameFilters(profile, shuffled).profile;
          expect(printTree(b)).toBe(printTree(a));
          expect(Array.from(b.self)).toEqual(Array.from(a.self));
        }
      )
    );
  });

  it('hide of a pattern that matches nothing changes nothing', () => {
    fc.assert(
      fc.property(
        arbitraryProfile({ diff: true }),
        fc.constantFrom('zzz', '^nothing$', '\\d{9}'),
        (profile, pattern) => {
          const r = applyFrameFilters(profile, [hide(pattern)]);
          expect(r.outcomes).toEqual([{ status: 'unmatched' }]);
          expect(printTree(r.profile)).toBe(printTree(profile));
          expect(Array.from(r.profile.self)).toEqual(Array.from(profile.self));
          expect(Array.from(r.profile.right?.self ?? [])).toEqual(Array.from(profile.right?.self ?? []));
        }
      )
    );
  });

  it('focus and ignore of the same pattern split the total between them, on both sides', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), arbitraryFilter, (profile, f) => {
        const kept = applyFrameFilters(profile, [{ ...f, kind: 'focus' }]).profile;
        const dropped = applyFrameFilters(profile, [{ ...f, kind: 'ignore' }]).profile;
        if (compileFrameFilter(f) instanceof FilterPatternError) {
          return;
        }
        const t = (q: Profile) => (q.total.length > 0 ? q.total[0] : 0);
        const tr = (q: Profile) => (q.right && q.right.total.length > 0 ? q.right.total[0] : 0);
        expect(t(kept) + t(dropped)).toBeCloseTo(t(profile), 6);
        expect(tr(kept) + tr(dropped)).toBeCloseTo(tr(profile), 6);
      })
    );
  });

  it('hide keeps the total but for the stacks it hides entirely', () => {
    fc.assert(
      fc.property(arbitraryProfile(), arbitraryFilter, (profile, f) => {
        const h = { ...f, kind: 'hide' as const };
        const test = compileFrameFilter(h);
        if (test instanceof FilterPatternError) {
          return;
        }
        const allHidden = stacksOf(profile)
          .filter((s) => s.frames.every(test))
          .reduce((sum, s) => sum + s.left, 0);
        const r = applyFrameFilters(profile, [h]).profile;
        expect(r.total[0]).toBeCloseTo(profile.total[0] - allHidden, 6);
      })
    );
  });

  it('filtering a diff is diffing the filtered sides', () => {
    fc.assert(
      fc.property(
        arbitraryProfile(),
        arbitraryProfile(),
        fc.array(arbitraryFilter, { maxLength: 3 }),
        (a, b, filters) => {
          const left = applyFrameFilters(mergeDiff(a, b), filters).profile;
          const right = mergeDiff(applyFrameFilters(a, filters).profile, applyFrameFilters(b, filters).profile);
          expect(folded(left)).toEqual(folded(right));
        }
      )
    );
  });
});

function hashOf(f: FrameFilter, seed: number): number {
  let h = seed | 0;
  for (const c of `${f.kind}:${f.mode}:${f.pattern}`) {
    h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 0x9e3779b1);
  }
  return h;
}

function findNode(p: Profile, name: string): number {
  for (let i = 0; i < p.level.length; i++) {
    if (p.names[p.nameId[i]] === name) {
      return i;
    }
  }
  return -1;
}
