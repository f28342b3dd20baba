import { parseTree, tree } from '../../model/testing/asciiTree';
import { buildFlameIndex } from '../render/flameIndex';
import { nextNodeForKey } from './keyboardNav';

describe('nextNodeForKey', () => {
  // Nodes: 0 total, 1 a, 2 b, 3 c, 4 d
  const index = buildFlameIndex(
    parseTree(tree`
      total 10
        a 6
          b 5
        c 3
          d 2
    `)
  );

  it('moves towards the leaves and the root by orientation', () => {
    expect(nextNodeForKey(index, 'ArrowDown', 0, 'icicle')).toBe(1);
    expect(nextNodeForKey(index, 'ArrowUp', 1, 'icicle')).toBe(0);
    expect(nextNodeForKey(index, 'ArrowUp', 0, 'flame')).toBe(1);
    expect(nextNodeForKey(index, 'ArrowDown', 1, 'flame')).toBe(0);
    expect(nextNodeForKey(index, 'ArrowDown', 2, 'icicle')).toBe(2);
  });

  it('moves between neighbours in a row, across parents', () => {
    expect(nextNodeForKey(index, 'ArrowRight', 1, 'icicle')).toBe(3);
    expect(nextNodeForKey(index, 'ArrowRight', 2, 'icicle')).toBe(4);
    expect(nextNodeForKey(index, 'ArrowLeft', 4, 'icicle')).toBe(2);
    expect(nextNodeForKey(index, 'ArrowLeft', 1, 'icicle')).toBe(1);
  });

  it('ignores other keys', () => {
    expect(nextNodeForKey(index, 'a', 1, 'icicle')).toBeUndefined();
  });
});
