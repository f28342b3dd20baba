import fc from 'fast-check';

import { filterByCallSite } from '../../../sandbox/pyroscope/callSite';
import { truncateProfile } from '../../../sandbox/pyroscope/truncate';
import { checkProfile, indexOf, nodeCount, type Profile } from '../profile';
import { mergeDiff } from './diff';
import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, printTree, tree } from '../testing/asciiTree';
import { callSiteOf, describeCallSite, findCallSite, RefineError, spliceSubtree, subtreeIsTruncated } from './refine';

const truncated = parseTree(tree`
  total 100
    main 90
      work 60
        parse 30
        other 30
      idle 30
    other 10
`);

describe('callSiteOf / findCallSite', () => {
  it('names a node by the frames from the root, and finds it again', () => {
    expect(callSiteOf(truncated, 3)).toEqual(['main', 'work', 'parse']);
    expect(callSiteOf(truncated, 0)).toEqual([]);
    expect(findCallSite(truncated, ['main', 'work', 'parse'])).toBe(3);
    expect(findCallSite(truncated, [])).toBe(0);
    expect(findCallSite(truncated, ['main', 'parse'])).toBe(-1);
  });
});

describe('subtreeIsTruncated', () => {
  it('is true when an `other` node is anywhere below the node', () => {
    expect(subtreeIsTruncated(truncated, 1)).toBe(true); // main: other under work
    expect(subtreeIsTruncated(truncated, 2)).toBe(true); // work
    expect(subtreeIsTruncated(truncated, 3)).toBe(false); // parse
    expect(subtreeIsTruncated(truncated, 5)).toBe(false); // idle
  });

  it('is false for the root, for an `other` node, and for a profile without `other`', () => {
    expect(subtreeIsTruncated(truncated, 0)).toBe(false);
    expect(subtreeIsTruncated(truncated, 4)).toBe(false);
    expect(subtreeIsTruncated(parseTree('total 5\n  main 5\n    a 5'), 1)).toBe(false);
  });
});

describe('spliceSubtree', () => {
  const refined = parseTree(tree`
    total 60
      main 60
        work 60
          parse 30
          encode 20
          hash 10
  `);

  it('replaces the call site subtree with the refined one and keeps everything else', () => {
    const out = spliceSubtree(truncated, ['main', 'work'], refined);
    expect(printTree(out.profile)).toBe(tree`
      total 100
        main 90
          work 60
            parse 30
            encode 20
            hash 10
          idle 30
        other 10
    `);
    expect(out).toMatchObject({ node: 2, exact: true, delta: 0 });
    expect(checkProfile(out.profile)).toEqual([]);
  });

  it('moves the ancestors by the difference when the refined total differs, so totals stay consistent', () => {
    const more = parseTree('total 64\n  main 64\n    work 64\n      parse 34\n      encode 30');
    const out = spliceSubtree(truncated, ['main', 'work'], more);
    expect(out.delta).toBe(4);
    expect(printTree(out.profile)).toBe(tree`
      total 104
        main 94
          work 64
            parse 34
            encode 30
          idle 30
        other 10
    `);
    expect(checkProfile(out.profile)).toEqual([]);
  });

  it('says when the refined subtree is still truncated', () => {
    const partly = parseTree('total 60\n  main 60\n    work 60\n      parse 30\n      other 30');
    expect(spliceSubtree(truncated, ['main', 'work'], partly).exact).toBe(false);
  });

  it('splices both sides of a diff', () => {
    const diff = parseTree(tree`
      total 100 | 80
        main 100 | 80
          work 70 | 50
            other 70 | 50
          idle 30 | 30
    `);
    const answer = parseTree(tree`
      total 70 | 50
        main 70 | 50
          work 70 | 50
            a 40 | 10
            b 30 | 40
    `);
    const out = spliceSubtree(diff, ['main', 'work'], answer);
    expect(printTree(out.profile)).toBe(tree`
      total 100 | 80
        main 100 | 80
          work 70 | 50
            a 40 | 10
            b 30 | 40
          idle 30 | 30
    `);
    expect(checkProfile(out.profile)).toEqual([]);
    expect(out.deltaRight).toBe(0);
  });

  it('refuses a call site the profile or the answer lacks, and an answer of the other kind', () => {
    expect(() => spliceSubtree(truncated, ['main', 'nope'], refined)).toThrow(RefineError);
    expect(() => spliceSubtree(truncated, ['main', 'idle'], refined)).toThrow(
      "The server's answer has no stack through main → idle"
    );
    const diffAnswer = parseTree('total 1 | 1\n  main 1 | 1\n    work 1 | 1');
    expect(() => spliceSubtree(truncated, ['main', 'work'], diffAnswer)).toThrow('The refined answer is a comparison');
  });

  it('describes long call sites by their last frames', () => {
    expect(describeCallSite(['a', 'b', 'c', 'd', 'e'])).toBe('… → c → d → e');
    expect(describeCallSite([])).toBe('the root');
  });
});

/** Every node of `p`'s subtree at `node` as `path total [| right]` lines, children in name order. */
function subtreeLines(p: Profile, node: number): string[] {
  const end = indexOf(p).subtreeEnd[node];
  const lines: string[] = [];
  for (let i = node; i < end; i++) {
    const right = p.right ? ` | ${p.right.total[i]}` : '';
    lines.push(`${callSiteOf(p, i).join(';')} ${p.total[i]}${right}`);
  }
  return lines.sort();
}

/** What the test server answers for a call site: each side of a diff filtered on its own, then compared. */
function serverAnswer(full: Profile, callSite: string[]): Profile {
  if (!full.right) {
    return filterByCallSite(full, callSite);
  }
  const right = { ...full, total: full.right.total, self: full.right.self, right: undefined };
  const left = { ...full, right: undefined };
  return mergeDiff(filterByCallSite(left, callSite), filterByCallSite(right, callSite));
}

describe('spliceSubtree on the test server’s answers (property)', () => {
  const cases = (diff: boolean) =>
    fc.tuple(arbitraryProfile({ diff, maxStacks: 60 }), fc.integer({ min: 2, max: 12 }), fc.nat());

  for (const diff of [false, true]) {
    it(`${diff ? 'diff' : 'single'}: after the splice the focused subtree equals the untruncated one`, () => {
      fc.assert(
        fc.property(cases(diff), ([full, maxNodes, pick]) => {
          const cut = truncateProfile(full, maxNodes);
          const candidates: number[] = [];
          for (let i = 1; i < nodeCount(cut); i++) {
            if (subtreeIsTruncated(cut, i)) {
              candidates.push(i);
            }
          }
          if (candidates.length === 0) {
            return;
          }
          const node = candidates[pick % candidates.length];
          const callSite = callSiteOf(cut, node);
          // The server's refined answer, with a budget large enough for the subtree.
          const answer = truncateProfile(serverAnswer(full, callSite), 0);
          const out = spliceSubtree(cut, callSite, answer);
          expect(checkProfile(out.profile)).toEqual([]);
          expect(out.exact).toBe(true);
          expect(out.delta).toBe(0);
          const exact = truncateProfile(full, 0);
          expect(subtreeLines(out.profile, out.node)).toEqual(subtreeLines(exact, findCallSite(exact, callSite)));
          // Outside the call site nothing moved: the root total is the same.
          expect(out.profile.total[0]).toBe(cut.total[0]);
        })
      );
    });
  }
});
