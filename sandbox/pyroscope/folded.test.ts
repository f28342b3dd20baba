/**
 * @jest-environment node
 */
import { printTree, tree } from '../../src/model/testing/asciiTree';
import { parseFolded } from './folded';
import { UploadDecodeError } from './uploadError';

describe('parseFolded', () => {
  it('reads lines split at the last space, so frames may contain spaces', () => {
    const p = parseFolded('main;Foo::bar(int a) 3\n\nmain 1\n', 'count');
    expect(printTree(p)).toBe(tree`
      total 4
        main 4
          Foo::bar(int a) 3
    `);
  });

  it('names the bad line', () => {
    expect(() => parseFolded('a;b 1\na;b x\n', 'count')).toThrow(UploadDecodeError);
    expect(() => parseFolded('a;b 1\na;b x\n', 'count')).toThrow(/line 2/);
  });
});
