import type { Profile } from '../../../../model/profile';
import { seededRandom } from '../../../../model/seededRandom';
import { StackTreeBuilder } from '../../../../model/treeBuilder';

/**
 * A large pseudo-random profile for decode tests: `stacks` stacks 1–40 frames deep over 2,000 names, each frame
 * drawn near its caller so prefixes are shared as in real profiles; values up to 2^40 (int64 strings in Connect
 * JSON), and with `diff` a right side of its own stacks.
 */
export function bigProfile(stacks: number, seed: number, diff = false): Profile {
  const random = seededRandom(seed);
  const b = new StackTreeBuilder(diff);
  const names = Array.from({ length: 2000 }, (_, i) => b.intern(`pkg${i % 37}/sub.(*T${i}).Method${i % 11}`));
  const add = (side: 0 | 1) => {
    const depth = 1 + Math.floor(random() * 40);
    const frames: number[] = [];
    let at = Math.floor(random() * 8);
    for (let d = 0; d < depth; d++) {
      at = (at * 7 + Math.floor(random() * 6)) % names.length;
      frames.push(names[at]);
    }
    b.addStack(frames, Math.floor(random() * 2 ** 40) + 1, side);
  };
  for (let i = 0; i < stacks; i++) {
    add(0);
    if (diff) {
      add(1);
    }
  }
  return b.build('nanoseconds');
}
