import fc from 'fast-check';

import { checkProfile } from '../profile';
import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, printTree, tree } from '../testing/asciiTree';
import { mergeDiff } from './diff';
import { toFolded } from './folded';

describe('mergeDiff', () => {
  it('aligns paths by name and fills the missing side with zeros', () => {
    const before = parseTree(tree`
      total 10
        main 10
          json.Marshal 4
          serve 6
    `);
    const after = parseTree(tree`
      total 30
        main 30
          serve 5
          flowAdv 25
            json.Unmarshal 20
    `);
    expect(printTree(mergeDiff(before, after))).toBe(tree`
      total 10 | 30
        main 10 | 30
          flowAdv 0 | 25
            json.Unmarshal 0 | 20
          json.Marshal 4 | 0
          serve 6 | 5
    `);
  });

  it('refuses to compare different units', () => {
    expect(() => mergeDiff(parseTree('total 1', 'bytes'), parseTree('total 1', 'nanoseconds'))).toThrow(
      /different units/
    );
  });

  it('keeps each side equal to its input, per stack (property, against folded stacks as the reference)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), arbitraryProfile(), (a, b) => {
        const d = mergeDiff(a, b);
        expect(checkProfile(d)).toEqual([]);
        expect(d.total[0]).toBe(a.total[0]);
        expect(d.right?.total[0]).toBe(b.total[0]);
        const leftOnly = { ...d, right: undefined };
        const rightOnly = { ...d, total: d.right!.total, self: d.right!.self, right: undefined };
        expect(sortedLines(toFolded(leftOnly))).toEqual(sortedLines(toFolded(a)));
        expect(sortedLines(toFolded(rightOnly))).toEqual(sortedLines(toFolded(b)));
      })
    );
  });
});

function sortedLines(text: string): string[] {
  return text.split('\n').filter(Boolean).sort();
}
