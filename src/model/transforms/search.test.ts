import fc from 'fast-check';

import { arbitraryProfile } from '../testing/arbitraryProfile';
import { parseTree, tree } from '../testing/asciiTree';
import { SearchQueryError, lowerCased, searchProfile, warmSearch } from './search';

describe('searchProfile', () => {
  const p = parseTree(tree`
    total 100
      main 100
        encoding/json.Marshal 30
          encoding/json.(*encodeState).marshal 30
        flowAdv 50
          encoding/json.Unmarshal 45
        serve 20
  `);

  it('finds substrings case-insensitively and counts nested matches once', () => {
    const r = searchProfile(p, { text: 'JSON' });
    expect(r.nodeCount).toBe(3);
    expect(r.matchedTotal).toBe(75);
    expect(Array.from(r.matchedNodes)).toEqual([0, 0, 1, 1, 0, 1, 0]);
  });

  it('supports regular expressions and case sensitivity', () => {
    expect(searchProfile(p, { text: '^flow', regex: true }).matchedTotal).toBe(50);
    expect(searchProfile(p, { text: 'JSON', caseSensitive: true }).nodeCount).toBe(0);
    expect(searchProfile(p, { text: '' }).nodeCount).toBe(0);
  });

  it('reports an invalid regex as a SearchQueryError', () => {
    expect(() => searchProfile(p, { text: '(', regex: true })).toThrow(SearchQueryError);
  });

  it('never counts more than the root total (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), fc.constantFrom('a', 'b', 'proto', 'x'), (profile, text) => {
        const r = searchProfile(profile, { text });
        expect(r.matchedTotal).toBeLessThanOrEqual(profile.total[0]);
      })
    );
  });
});

describe('lowerCased', () => {
  it('lowercases a string table once and shares it with the warmed search', () => {
    const profile = parseTree(tree`
      total 3
        Main.Run 2
        ÉCOLE.x 1
    `);
    warmSearch(profile);
    const lower = lowerCased(profile.names);
    expect(lower).toEqual(profile.names.map((n) => n.toLowerCase()));
    expect(lowerCased(profile.names)).toBe(lower);
    expect(lowerCased([...profile.names])).not.toBe(lower);
  });
});
