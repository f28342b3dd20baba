import fc from 'fast-check';

import { checkProfile } from './profile';
import { parseTree, printTree, tree } from './testing/asciiTree';
import { StackTreeBuilder } from './treeBuilder';

function build(stacks: Array<[string, number]>, diffStacks: Array<[string, number]> = []) {
  const b = new StackTreeBuilder(diffStacks.length > 0);
  for (const [stack, value] of stacks) {
    b.addStack(
      stack.split(';').map((s) => b.intern(s)),
      value
    );
  }
  for (const [stack, value] of diffStacks) {
    b.addStack(
      stack.split(';').map((s) => b.intern(s)),
      value,
      1
    );
  }
  return b.build('count');
}

describe('StackTreeBuilder', () => {
  it('merges stacks, sums totals and orders siblings by name', () => {
    const p = build([
      ['main;foo', 30],
      ['main;bar', 20],
      ['main', 10],
    ]);
    expect(printTree(p)).toBe(tree`
      total 60
        main 60
          bar 20
          foo 30
    `);
    expect(Array.from(p.self)).toEqual([0, 10, 20, 30]);
    expect(checkProfile(p)).toEqual([]);
  });

  it('keeps both sides of a diff aligned on one shape', () => {
    const p = build([['a;b', 5]], [['a;c', 7]]);
    expect(printTree(p)).toBe(tree`
      total 5 | 7
        a 5 | 7
          b 5 | 0
          c 0 | 7
    `);
    expect(checkProfile(p)).toEqual([]);
  });

  it('round-trips through the ASCII picture', () => {
    const picture = tree`
      total 10
        x 4
          y 1
        z 6
    `;
    expect(printTree(parseTree(picture))).toBe(picture);
  });

  it('keeps the nested-set invariants for any set of stacks (property)', () => {
    const frame = fc.constantFrom('a', 'b', 'c', 'd', '__proto__', '<b>x</b>');
    const stacks = fc.array(fc.tuple(fc.array(frame, { minLength: 1, maxLength: 8 }), fc.nat(1000)), { maxLength: 60 });
    fc.assert(
      fc.property(stacks, (input) => {
        const p = build(input.map(([frames, v]) => [frames.join(';'), v]));
        const sum = input.reduce((acc, [, v]) => acc + v, 0);
        return checkProfile(p).length === 0 && p.total[0] === sum;
      })
    );
  });
});
