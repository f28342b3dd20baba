import fc from 'fast-check';

import { ProfileDecodeError } from '../errors';
import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, printTree, tree } from '../testing/asciiTree';
import { parseFolded, toFolded } from './folded';

describe('folded stacks', () => {
  it('writes one line per node with self, without the synthetic root', () => {
    const p = parseTree(tree`
      total 60
        main 60
          bar 20
          foo 30
    `);
    expect(toFolded(p)).toBe('main 10\nmain;bar 20\nmain;foo 30\n');
  });

  it('reads lines split at the last space, so frames may contain spaces', () => {
    const p = parseFolded('main;Foo::bar(int a) 3\n\nmain 1\n', 'count');
    expect(printTree(p)).toBe(tree`
      total 4
        main 4
          Foo::bar(int a) 3
    `);
  });

  it('names the bad line', () => {
    expect(() => parseFolded('a;b 1\na;b x\n', 'count')).toThrow(ProfileDecodeError);
    expect(() => parseFolded('a;b 1\na;b x\n', 'count')).toThrow(/offset 2/);
  });

  it('round-trips any profile (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), (p) => {
        expect(printTree(parseFolded(toFolded(p), p.unit))).toBe(printTree(p));
      })
    );
  });
});
