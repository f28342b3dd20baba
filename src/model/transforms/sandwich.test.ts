import fc from 'fast-check';

import { checkProfile } from '../profile';
import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, printTree, tree } from '../testing/asciiTree';
import { sandwich } from './sandwich';
import { topTable } from './topTable';

describe('sandwich', () => {
  const p = parseTree(tree`
    total 20
      main 20
        handler 12
          json 8
            reflect 5
        worker 8
          json 6
            json 2
  `);
  const json = p.names.indexOf('json');

  it('puts the callers above the function, inverted', () => {
    expect(printTree(sandwich(p, json).callers)).toBe(tree`
      json 14
        handler 8
          main 8
        worker 6
          main 6
    `);
  });

  it('merges everything the function calls below it, counting recursion once', () => {
    expect(printTree(sandwich(p, json).callees)).toBe(tree`
      json 14
        json 2
        reflect 5
    `);
  });

  it('has the top-table total at both roots and keeps invariants (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), fc.nat(), (profile, k) => {
        const id = profile.nameId[1 + (k % Math.max(1, profile.level.length - 1))] ?? 0;
        if (profile.level.length < 2) {
          return;
        }
        const s = sandwich(profile, id);
        const t = topTable(profile);
        const row = Array.from(t.nameId).indexOf(id);
        expect(s.callers.total[0]).toBeCloseTo(t.total[row]);
        expect(s.callees.total[0]).toBeCloseTo(t.total[row]);
        expect(s.callees.right!.total[0]).toBeCloseTo(t.totalRight![row]);
        expect(checkProfile(s.callers, 1e-6)).toEqual([]);
        expect(checkProfile(s.callees, 1e-6)).toEqual([]);
      })
    );
  });
});
