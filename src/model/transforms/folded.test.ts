import fc from 'fast-check';

import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, printTree, tree } from '../testing/asciiTree';
import { toFolded } from './folded';
import { parseFolded } from '../../../sandbox/pyroscope/folded';

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

  // Read back by the test server's folded reader, which agents' uploads go through.
  it('round-trips any profile (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), (p) => {
        expect(printTree(parseFolded(toFolded(p), p.unit))).toBe(printTree(p));
      })
    );
  });
});
