import fc from 'fast-check';

import { checkProfile } from '../profile';
import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, printTree, tree } from '../testing/asciiTree';
import { collapseChains } from './collapse';

describe('collapseChains', () => {
  const p = parseTree(tree`
    total 10
      main 10
        http.serve 10
          handler 10
            json 6
            db 4
  `);

  it('folds pass-through single children into the head of the chain', () => {
    const c = collapseChains(p);
    expect(printTree(c.profile)).toBe(tree`
      total 10
        main 10
          json 6
          db 4
    `);
    expect(Array.from(c.chainLength)).toEqual([1, 3, 1, 1]);
    expect(Array.from(c.source)).toEqual([0, 1, 4, 5]);
  });

  it('keeps a single child that loses more than the threshold', () => {
    const q = parseTree('total 10\n  main 10\n    work 5');
    expect(printTree(collapseChains(q).profile)).toBe(tree`
      total 10
        main 10
          work 5
    `);
    expect(printTree(collapseChains(q, 0.5).profile)).toBe(tree`
      total 10
        main 10
    `);
    // main keeps its own 5 and takes the 5 of the folded work frame.
    expect(collapseChains(q, 0.5).profile.self[1]).toBe(10);
  });

  it('keeps totals, invariants and node accounting for any profile (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), fc.constantFrom(1, 0.99, 0.5, 0), (profile, threshold) => {
        const c = collapseChains(profile, threshold);
        expect(checkProfile(c.profile, 1e-6)).toEqual([]);
        expect(c.profile.total[0]).toBe(profile.total[0]);
        expect(c.chainLength.reduce((a, b) => a + b, 0)).toBe(profile.level.length);
      })
    );
  });
});
