import fc from 'fast-check';

import type { Profile } from '../profile';
import { StackTreeBuilder } from '../treeBuilder';
import type { ValueUnit } from '../units';

/** Frame names that stress escaping and object-key handling, plus ordinary ones. */
export const FRAME_NAMES = [
  'main',
  'a',
  'b',
  'c',
  'd',
  'runtime.mallocgc',
  '__proto__',
  'constructor',
  '<b>x</b>',
  'ünï;cødé',
  '',
];

/**
 * fast-check arbitrary of valid profiles: random stacks over a small alphabet (so siblings and recursion happen),
 * merged with the trie builder; optionally a diff with independent right-side stacks.
 */
export function arbitraryProfile(
  options: { diff?: boolean; unit?: ValueUnit; maxStacks?: number } = {}
): fc.Arbitrary<Profile> {
  const frame = fc.constantFrom(...FRAME_NAMES.filter((n) => n !== '' && !n.includes(';')));
  const stack = fc.tuple(fc.array(frame, { minLength: 1, maxLength: 7 }), fc.integer({ min: 1, max: 1e6 }));
  const stacks = fc.array(stack, { maxLength: options.maxStacks ?? 40 });
  const sides = options.diff ? fc.tuple(stacks, stacks) : fc.tuple(stacks, fc.constant([]));
  return sides.map(([left, right]) => {
    const b = new StackTreeBuilder(Boolean(options.diff));
    for (const [frames, value] of left) {
      b.addStack(
        frames.map((f) => b.intern(f)),
        value,
        0
      );
    }
    for (const [frames, value] of right) {
      b.addStack(
        frames.map((f) => b.intern(f)),
        value,
        1
      );
    }
    return b.build(options.unit ?? 'count');
  });
}
