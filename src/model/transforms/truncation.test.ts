import fc from 'fast-check';

import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, tree } from '../testing/asciiTree';
import { mergedIntoOther, TRUNCATED_NODE_NAME } from './truncation';

describe('mergedIntoOther', () => {
  it('sums every `other` node the server folded the cut nodes into, as a share of the total', () => {
    const p = parseTree(tree`
      total 100
        main 70
          work 40
          other 25
        other 20
        gc 10
    `);
    expect(mergedIntoOther(p)).toEqual({ value: 45, share: 0.45 });
  });

  it('does not count an `other` below another `other` twice', () => {
    const p = parseTree(tree`
      total 10
        other 8
          other 3
    `);
    expect(mergedIntoOther(p)).toEqual({ value: 8, share: 0.8 });
  });

  it('gives each side of a diff its own share', () => {
    const p = parseTree(tree`
      total 100 | 50
        main 80 | 30
          other 20 | 10
        other 0 | 5
    `);
    expect(mergedIntoOther(p)).toEqual({ value: 20, share: 0.2, right: { value: 15, share: 0.3 } });
  });

  it('is undefined for a profile that was not truncated, and 0 shares for an empty total', () => {
    expect(mergedIntoOther(parseTree('total 5\n  main 5'))).toBeUndefined();
    // The root itself is never the cut node.
    expect(mergedIntoOther(parseTree('other 5\n  main 5'))).toBeUndefined();
    expect(mergedIntoOther(parseTree('total 0\n  other 0'))).toEqual({ value: 0, share: 0 });
  });

  it('never exceeds the total on either side (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), (generated) => {
        // `a` plays the cut node: it appears at any depth, nested in itself too.
        const p = { ...generated, names: generated.names.map((n) => (n === 'a' ? TRUNCATED_NODE_NAME : n)) };
        const m = mergedIntoOther(p);
        expect(m !== undefined).toBe(generated.nameId.some((id, i) => i > 0 && generated.names[id] === 'a'));
        for (const side of m ? [m, m.right!] : []) {
          expect(side.share).toBeGreaterThanOrEqual(0);
          expect(side.share).toBeLessThanOrEqual(1 + 1e-9);
        }
      })
    );
  });
});
