import type { FlameIndex } from '../render/flameIndex';
import type { Orientation } from '../render/viewport';

/**
 * Keyboard navigation between frames: towards the leaves (Down in icicle, Up in flame orientation) goes to the
 * first child, towards the root to the parent, Left/Right to the neighbour in the same row. Returns undefined for
 * keys it does not handle, and the same node when there is nowhere to go.
 */
export function nextNodeForKey(
  index: FlameIndex,
  key: string,
  node: number,
  orientation: Orientation
): number | undefined {
  if (index.nodeCount === 0) {
    return undefined;
  }
  const current = node >= 0 && node < index.nodeCount ? node : 0;
  const towardsLeaves = orientation === 'icicle' ? 'ArrowDown' : 'ArrowUp';
  const towardsRoot = orientation === 'icicle' ? 'ArrowUp' : 'ArrowDown';
  switch (key) {
    case towardsLeaves: {
      const child = current + 1;
      // In pre-order the first child, if any, is the next node.
      return child < index.subtreeEnd[current] ? child : current;
    }
    case towardsRoot:
      return index.parent[current] >= 0 ? index.parent[current] : current;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const row = index.levelNodes[index.level[current]];
      const pos = index.positionInLevel[current] + (key === 'ArrowLeft' ? -1 : 1);
      return pos >= 0 && pos < row.length ? row[pos] : current;
    }
    default:
      return undefined;
  }
}
