import { parseTree } from '../../model/testing/asciiTree';
import { applyFrameFilters } from '../../model/transforms/frameFilters';
import { sameName, samePathNode } from './carryView';

const before = parseTree(`
total 100
  runtime.main 60
    main.main 60
      main.work 40
        runtime.mallocgc 20
      main.idle 20
  runtime.mcall 40
    main.work 40
`);

const node = (p: typeof before, name: string, nth = 0) =>
  Array.from(p.nameId).flatMap((id, i) => (p.names[id] === name ? [i] : []))[nth];

describe('samePathNode', () => {
  it('finds the same call path in the next profile', () => {
    const after = applyFrameFilters(before, [{ kind: 'ignore', mode: 'exact', pattern: 'main.idle' }]).profile;
    const work = node(before, 'main.work');
    const carried = samePathNode(before, work, after);
    expect(after.names[after.nameId[carried]]).toBe('main.work');
    expect(after.level[carried]).toBe(3);
    // The other main.work, under runtime.mcall, is another path.
    const other = samePathNode(before, node(before, 'main.work', 1), after);
    expect(after.level[other]).toBe(2);
  });

  it('gives the root when the path is gone or the node is the root', () => {
    const after = applyFrameFilters(before, [{ kind: 'hide', mode: 'regex', pattern: '^runtime\\.' }]).profile;
    expect(samePathNode(before, node(before, 'main.work'), after)).toBe(0);
    expect(samePathNode(before, 0, after)).toBe(0);
    expect(samePathNode(before, 999, after)).toBe(0);
  });
});

describe('sameName', () => {
  it('keeps a function the next profile still has, by name', () => {
    const after = applyFrameFilters(before, [{ kind: 'hide', mode: 'regex', pattern: '^runtime\\.' }]).profile;
    const work = before.names.indexOf('main.work');
    expect(after.names[sameName(before, work, after)!]).toBe('main.work');
    expect(sameName(before, before.names.indexOf('runtime.mcall'), after)).toBeUndefined();
    expect(sameName(before, undefined, after)).toBeUndefined();
  });
});
