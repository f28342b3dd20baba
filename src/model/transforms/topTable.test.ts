import fc from 'fast-check';

import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, tree } from '../testing/asciiTree';
import type { Profile } from '../profile';
import { runSteps } from '../steps';
import { topTable, topTableSteps } from './topTable';

function rows(p: Profile) {
  const t = topTable(p);
  return Array.from(t.nameId, (id, r) => [p.names[id], t.self[r], t.total[r]]);
}

describe('topTable', () => {
  it('sums self per function and counts recursion once in total', () => {
    const p = parseTree(tree`
      total 10
        main 10
          f 6
            f 4
              g 1
          g 4
    `);
    expect(rows(p)).toEqual([
      ['main', 0, 10],
      ['f', 5, 6],
      ['g', 5, 5],
    ]);
  });

  it('adds the compared side for diffs', () => {
    const t = topTable(parseTree('total 3 | 7\n  f 3 | 7'));
    expect(Array.from(t.selfRight!)).toEqual([7]);
    expect(Array.from(t.totalRight!)).toEqual([7]);
  });

  it('matches a slow reference that walks each path (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), (p) => {
        expect(rows(p).sort()).toEqual(reference(p).sort());
      })
    );
  });

  it('gives the same table in steps of any size, and caches it', () => {
    fc.assert(
      fc.property(arbitraryProfile(), fc.integer({ min: 1, max: 5 }), (profile, nodesPerStep) => {
        const expected = topTable({ ...profile });
        const table = runSteps(topTableSteps(profile, nodesPerStep));
        expect(table).toEqual(expected);
        expect(topTable(profile)).toBe(table);
      })
    );
  });
});

/** For each node, look at its whole path to decide whether the name already appears above it. */
function reference(p: Profile): Array<[string, number, number]> {
  const result = new Map<string, [number, number]>();
  const path: string[] = [];
  for (let i = 1; i < p.level.length; i++) {
    path.length = p.level[i] - 1;
    const name = p.names[p.nameId[i]];
    const row = result.get(name) ?? [0, 0];
    row[0] += p.self[i];
    if (!path.includes(name)) {
      row[1] += p.total[i];
    }
    result.set(name, row);
    path.push(name);
  }
  return [...result].map(([name, [self, total]]) => [name, self, total]);
}
