import fs from 'fs';
import path from 'path';
import fc from 'fast-check';

import { type ConnectFlameGraphDiff } from './connect';
import { encodeConnectFlameGraph } from '../../sandbox/pyroscope/wire/connectFlameGraph';
import { decodeConnectFlameGraphDiffText, decodeConnectFlameGraphText } from './connectText';
import { checkProfile, nodeName, rootTotal, type Profile } from './profile';
import { arbitraryProfile } from './testing/arbitraryProfile';
import { printTree, tree } from './testing/asciiTree';
import { expectAgreesWithObjectPath, expectSameProfile, objectDecode, textDecode } from './testing/connectTextOracle';

const fixtureText = fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api/flamegraph.json'), 'utf8');

/** Deterministic PRNG so a fast-check seed reproduces the whole body. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values of unknown members: nesting, escapes, unicode, and look-alikes of the keys the decoder reads. */
const NASTY_VALUES = [
  '{"a":[1,{"b":"\\"]}"}],"c":{}}',
  '"\\u005d\\"]}\\\\"',
  '[[[[[]]],[{}]]]',
  '"ünï😀\\ud83d\\ude00\\n\\t\\/"',
  '-1.5e-3',
  '0',
  'true',
  'false',
  'null',
  '"names"',
  '{"levels":[{"values":["x"]}],"names":[1]}',
  '{"flamegraph":null}',
  '[{"values":"nope"}]',
  '""',
];

interface Noise {
  seed: number;
  /** Serialised unknown values to sprinkle in. */
  extras: string[];
  /** Write int64 values as bare numbers instead of protojson's strings. */
  bare: boolean;
  /** Send only the `flamegraph` object, as some proxies do. */
  unwrapped: boolean;
}

/**
 * Writes a Connect flame graph as JSON text with random whitespace between tokens, random key order and unknown
 * members (with the nasty values above) in random positions of every object.
 */
function noisyJson(fg: ConnectFlameGraphDiff, noise: Noise): string {
  const rnd = random(noise.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const ws = (): string => (rnd() < 0.7 ? '' : pick([' ', '\n', '\t', '\r\n', '  \n  ']));
  const extraValue = (): string => (noise.extras.length > 0 && rnd() < 0.5 ? pick(noise.extras) : pick(NASTY_VALUES));
  // `flamegraph` as an unknown key only where it means nothing: inside the flame graph object and level rows.
  const object = (members: Array<[string, string]>, top = false): string => {
    const all = [...members];
    const keys = ['x', 'extra', '__proto__', 'flamegraphs', 'value', 'ünï', 'a"b', ...(top ? [] : ['flamegraph'])];
    for (let k = Math.floor(rnd() * 3); k > 0; k--) {
      all.push([pick(keys), extraValue()]);
    }
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [all[i], all[j]] = [all[j], all[i]];
    }
    return `{${ws()}${all.map(([k, v]) => `${JSON.stringify(k)}${ws()}:${ws()}${v}`).join(`${ws()},${ws()}`)}${ws()}}`;
  };
  const array = (items: string[]): string => `[${ws()}${items.join(`${ws()},${ws()}`)}${ws()}]`;
  const int64 = (v: string | number): string => (noise.bare ? String(Number(v)) : JSON.stringify(String(v)));
  const members: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(fg)) {
    if (key === 'names' && Array.isArray(value)) {
      members.push([key, array(value.map((n) => JSON.stringify(n)))]);
    } else if (key === 'levels' && Array.isArray(value)) {
      const rows = (fg.levels ?? []).map((row) => object(row.values ? [['values', array(row.values.map(int64))]] : []));
      members.push([key, array(rows)]);
    } else if (typeof value === 'string' || typeof value === 'number') {
      members.push([key, int64(value)]);
    }
  }
  return noise.unwrapped ? object(members, true) : object([['flamegraph', object(members)]], true);
}

const noiseArb: fc.Arbitrary<Noise> = fc.record({
  seed: fc.integer(),
  extras: fc.array(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    { maxLength: 3 }
  ),
  bare: fc.boolean(),
  unwrapped: fc.boolean(),
});

/** Names that need escapes or are not ASCII, added to the profile's own. */
const NAME_SUFFIXES = [
  '',
  '"quoted"',
  'back\\slash',
  'ünïcødé',
  '😀 astral',
  'line\nbreak',
  '\u2028',
  'tab\t',
  'nul\u0000',
  '\\"}]',
];

describe('decodeConnectFlameGraphText', () => {
  it('decodes the recorded SelectMergeStacktraces response exactly as JSON.parse plus the object path does', () => {
    const p = decodeConnectFlameGraphText(fixtureText, 'nanoseconds');
    expectSameProfile(p, objectDecode(fixtureText));
    expect(p.level.length).toBe(2110);
    expect(rootTotal(p)).toBe(11_100_000_000);
    expect(p.names.length).toBe(1071);
    expect(nodeName(p, 0)).toBe('total');
    expect(checkProfile(p, 0)).toEqual([]);
  });

  it('decodes the worked example of the API notes, spread over lines', () => {
    const text = `{
      "flamegraph": {
        "names": ["total", "main", "foo", "bar"],
        "levels": [
          {"values": ["0", "60", "0", "0"]},
          {"values": ["0", "60", "10", "1"]},
          {"values": ["10", "20", "20", "3", "0", "30", "30", "2"]}
        ],
        "total": "60", "maxSelf": "30"
      }
    }\n`;
    expect(printTree(decodeConnectFlameGraphText(text, 'count'))).toBe(tree`
      total 60
        main 60
          bar 20
          foo 30
    `);
  });

  it('decodes a Diff response: 7 numbers per node, each side delta-encoded on its own', () => {
    const text =
      '{"flamegraph":{"names":["total","a","b","c"],"levels":[{"values":["0","10","0","0","14","0","0"]},' +
      '{"values":["0","10","0","0","14","0","1"]},' +
      '{"values":["0","10","10","0","4","4","2","0","0","0","0","10","10","3"]}],"total":"24","leftTicks":"10","rightTicks":"14"}}';
    expect(printTree(decodeConnectFlameGraphDiffText(text, 'count'))).toBe(tree`
      total 10 | 14
        a 10 | 14
          b 10 | 4
          c 0 | 10
    `);
  });

  it.each([
    ['no flamegraph (empty answer)', '{}'],
    ['null flamegraph', '{"flamegraph":null}'],
    [
      'null flamegraph beside top-level levels',
      '{"flamegraph":null,"names":["total"],"levels":[{"values":["0","5","5","0"]}]}',
    ],
    ['empty flamegraph', '{"flamegraph":{}}'],
    ['names but no levels', '{"flamegraph":{"names":["total"]}}'],
    ['null levels', '{"flamegraph":{"names":null,"levels":null}}'],
    ['unknown keys only', '{"other":{"levels":[1]}}'],
  ])('reads %s as the empty profile, as the object path does', (_what, text) => {
    const p = textDecode(text);
    expectSameProfile(p, objectDecode(text));
    expect(p.level.length).toBe(1);
    expect(rootTotal(p)).toBe(0);
  });

  it.each([
    ['bare numbers', '[0,5,0,0]', '[0,5,5,1]'],
    ['fractions and exponents', '[0,"5.0",0,0]', '["0","0.5e1","5e0",1]'],
    ['strings Number() accepts', '["0"," 5 ","00","0"]', '["-0","0x5","\\u0035",1]'],
    ['negative zero', '["-0",5,-0,0]', '[0,5,5,1]'],
  ])('reads %s like the object path', (_what, root, child) => {
    const text = `{"flamegraph":{"names":["total","a"],"levels":[{"values":${root}},{"values":${child}}]}}`;
    expectSameProfile(textDecode(text), objectDecode(text));
  });

  it('reads int64 values beyond 2^53 with the same rounding as Number()', () => {
    const big = ['9007199254740993', '12345678901234567', '1234567890123456789'];
    for (const v of big) {
      const text = `{"flamegraph":{"names":["total"],"levels":[{"values":["0","${v}","${v}","0"]}]}}`;
      expect(textDecode(text).total[0]).toBe(Number(v));
      expectSameProfile(textDecode(text), objectDecode(text));
    }
  });

  it('lets the last of duplicate keys win, as JSON.parse does', () => {
    const text =
      '{"flamegraph":{"names":[1]},"flamegraph":{"names":["x","total"],"names":["total"],' +
      '"levels":[{"values":["0","1","1","0"],"values":["0","2","2","0"]}]}}';
    expectSameProfile(textDecode(text), objectDecode(text));
    expect(rootTotal(textDecode(text))).toBe(2);
  });

  it('ignores wrong types in members the object path ignores', () => {
    const text = `{"levels":"nope","names":[1],${fixtureText.slice(1)}`;
    expectSameProfile(textDecode(text), objectDecode(text));
  });

  it('keeps raw lone surrogates and astral characters in names exactly as JSON.parse does', () => {
    const text =
      '{"flamegraph":{"names":["total","a\ud800b","\udc00","😀\\ud83d"],"levels":[{"values":["0","3","0","0"]},' +
      '{"values":["0","1","1","1","0","1","1","2","0","1","1","3"]}]}}';
    expect(textDecode(text).names).toEqual(['total', 'a\ud800b', '\udc00', '😀\ud83d']);
    expectSameProfile(textDecode(text), objectDecode(text));
  });

  it('skips unknown values nested 100,000 deep without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const text = `{"junk":${deep},${fixtureText.slice(1)}`;
    expect(textDecode(text).level.length).toBe(2110);
  });

  it('matches the object path on any profile written with any indentation (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), fc.constantFrom(undefined, 0, 1, 2, '\t', '\r\n '), (p, indent) => {
        const text = JSON.stringify(encodeConnectFlameGraph(p), null, indent);
        const back = textDecode(text);
        expectSameProfile(back, objectDecode(text));
        expect(printTree(back)).toBe(printTree(p));
      })
    );
  });

  it('matches the object path on any diff profile (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile({ diff: true }), fc.constantFrom(undefined, 2), (p, indent) => {
        const text = JSON.stringify(encodeConnectFlameGraph(p), null, indent);
        expectSameProfile(textDecode(text, true), objectDecode(text, true));
      })
    );
  });

  it('matches the object path with unknown members, shuffled keys, whitespace, bare numbers and escaped names (property)', () => {
    fc.assert(
      fc.property(arbitraryProfile(), fc.boolean(), noiseArb, (p, diffFormat, noise) => {
        const renamed: Profile = {
          ...p,
          names: p.names.map((n, i) => (i === 0 ? n : n + NAME_SUFFIXES[i % NAME_SUFFIXES.length])),
        };
        const text = noisyJson(encodeConnectFlameGraph(renamed).flamegraph, noise);
        // A single profile read as a diff fails the same way in both paths (rows are not multiples of 7).
        const got = expectAgreesWithObjectPath(text, diffFormat);
        if (!diffFormat) {
          expect(printTree(got as Profile)).toBe(printTree(renamed));
        }
      }),
      { numRuns: 200 }
    );
  });
});
