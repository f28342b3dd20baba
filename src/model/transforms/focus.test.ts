import fc from 'fast-check';

import { checkProfile } from '../profile';
import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, printTree, tree } from '../testing/asciiTree';
import { focusSubtree } from './focus';

describe('focusSubtree', () => {
  const p = parseTree(tree`
    total 10 | 12
      a 6 | 2
        b 5 | 2
          c 1 | 0
      d 4 | 10
  `);

  it('makes the chosen node the root, with its whole subtree and both diff sides', () => {
    expect(printTree(focusSubtree(p, 1))).toBe(tree`
      a 6 | 2
        b 5 | 2
          c 1 | 0
    `);
    expect(printTree(focusSubtree(p, 4))).toBe('d 4 | 10');
  });

  it('rejects a node outside the profile', () => {
    expect(() => focusSubtree(p, 99)).toThrow(RangeError);
  });

  it('keeps the invariants for every node of any profile (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), fc.nat(), (profile, k) => {
        const node = k % profile.level.length;
        const sub = focusSubtree(profile, node);
        expect(checkProfile(sub)).toEqual([]);
        expect(sub.total[0]).toBe(profile.total[node]);
      })
    );
  });
});
