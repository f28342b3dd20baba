/**
 * @jest-environment node
 */
import fc from 'fast-check';

import { checkProfile } from '../../src/model/profile';
import { parseTree, printTree, tree } from '../../src/model/testing/asciiTree';
import { arbitraryProfile } from '../../src/model/testing/arbitraryProfile';
import { filterByCallSite } from './callSite';
import { truncateProfile } from './truncate';

const PROGRAM = tree`
  total 100
    main 90
      parse 50
        lex 30
        tokens 5
      render 25
      log 4
    gc 10
`;

describe('truncateProfile', () => {
  it('keeps the maxNodes largest nodes and merges the rest into a trailing `other` per parent', () => {
    expect(printTree(truncateProfile(parseTree(PROGRAM), 4))).toBe(tree`
      total 100
        main 90
          parse 50
            lex 30
            other 5
          render 25
          other 4
        other 10
    `);
  });

  it('keeps everything when the tree is small enough, and compacts the string table', () => {
    const p = parseTree(PROGRAM);
    const cut = truncateProfile({ ...p, names: [...p.names, 'unused'] }, 8192);
    expect(printTree(cut)).toBe(PROGRAM);
    expect(cut.names).not.toContain('unused');
  });

  it('cuts a diff by the larger side of each node', () => {
    const diff = parseTree(tree`
      total 10 | 10
        a 6 | 1
        b 1 | 6
        c 3 | 3
    `);
    expect(printTree(truncateProfile(diff, 2))).toBe(tree`
      total 10 | 10
        a 6 | 1
        b 1 | 6
        other 3 | 3
    `);
  });

  it('keeps the model invariants and the root total (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), fc.integer({ min: 1, max: 30 }), (p, maxNodes) => {
        const cut = truncateProfile(p, maxNodes);
        expect(checkProfile(cut)).toEqual([]);
        expect([cut.total[0], cut.right?.total[0]]).toEqual([p.total[0], p.right?.total[0]]);
      })
    );
  });
});

describe('filterByCallSite', () => {
  it('keeps the stacks through the call site, without the self values above it', () => {
    expect(printTree(filterByCallSite(parseTree(PROGRAM), ['main', 'parse']))).toBe(tree`
      total 50
        main 50
          parse 50
            lex 30
            tokens 5
    `);
    expect(filterByCallSite(parseTree(PROGRAM), ['main', 'nope']).total[0]).toBe(0);
  });
});
