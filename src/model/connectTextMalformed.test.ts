import fs from 'fs';
import path from 'path';
import fc from 'fast-check';

import { encodeConnectFlameGraph } from '../../sandbox/pyroscope/wire/connectFlameGraph';
import { decodeConnectFlameGraphText } from './connectText';
import { ProfileDecodeError } from './errors';
import { arbitraryProfile } from './testing/arbitraryProfile';
import { expectAgreesWithObjectPath, textDecode } from './testing/connectTextOracle';

const fixtureText = fs.readFileSync(path.join(__dirname, '../../fixtures/pyroscope-api/flamegraph.json'), 'utf8');

const SMALL =
  '{"flamegraph":{"names":["total","a"],"levels":[{"values":["0","5","0","0"]},{"values":["0","5","5","1"]}],"total":"5"}}';

/** Decodes and returns the ProfileDecodeError it must throw. */
function decodeError(text: string): ProfileDecodeError {
  try {
    decodeConnectFlameGraphText(text, 'count');
  } catch (e) {
    if (e instanceof ProfileDecodeError) {
      return e;
    }
    throw new Error(`expected a ProfileDecodeError, got ${String(e)}`);
  }
  throw new Error('expected a ProfileDecodeError, but the body decoded');
}

const fg = (inner: string) => `{"flamegraph":{${inner}}}`;

describe('decodeConnectFlameGraphText on malformed bodies', () => {
  it.each([
    ['an empty body', '', /body is empty/],
    ['a blank body', ' \r\n\t', /body is empty/],
    [
      'an HTML error page',
      '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>',
      /server sent HTML, not JSON.*502 Bad Gateway/,
    ],
    ['HTML after whitespace', '\n  <html>', /server sent HTML/],
    [
      'a plain-text 404',
      '404 page not found\n',
      /server did not send JSON \(body starts with "404 page not found\\n"\)/,
    ],
    ['null', 'null', /expected a JSON object, got null/],
    ['an array', '[{"flamegraph":{}}]', /expected a JSON object, got an array/],
    ['a string', '"total"', /expected a JSON object, got a string "total"/],
    ['a truncated body', '{"flamegraph":{"names":["tot', /truncated/],
    ['data after the object', '{"flamegraph":{}} {}', /unexpected data after the JSON value/],
    ['a trailing comma', fg('"names":["total",]'), /not valid JSON: expected a JSON value.*field flamegraph\.names/],
    ['a single-quoted key', "{'flamegraph':{}}", /expected a string key/],
    ['a bad escape', fg('"names":["a\\x"]'), /invalid escape/],
    ['a short \\u escape', fg('"names":["\\u12"]'), /invalid \\u escape/],
    ['a raw control character', fg('"names":["a\u0001b"]'), /unescaped control character/],
    ['a raw NUL', fg('"names":["a\u0000"]'), /unescaped control character/],
    ['a byte-order mark', `\ufeff${SMALL}`, /did not send JSON/],
    ['NaN', fg('"levels":[{"values":[NaN]}]'), /not valid JSON.*field flamegraph\.levels\[0\]\.values/],
    ['a leading zero', fg('"levels":[{"values":[01]}]'), /not valid JSON: expected ',' or '\]'/],
    ['a bare minus', fg('"levels":[{"values":[-]}]'), /invalid number/],
    ['a misspelt literal', fg('"names":nul'), /expected null/],
    ['names not an array', fg('"names":"total"'), /expected an array of strings.*field flamegraph\.names/],
    ['a number in names', fg('"names":["total",7]'), /element 1 is a number 7.*field flamegraph\.names/],
    ['levels not an array', fg('"levels":{}'), /expected an array, got an object.*field flamegraph\.levels/],
    ['a null row', fg('"levels":[null]'), /expected \{values: \[\.\.\.\]\}, got null.*level 0/],
    ['values not an array', fg('"levels":[{"values":"0,1"}]'), /expected an array of numbers, got a string/],
    [
      'a word in values',
      fg('"levels":[{"values":["0","x"]}]'),
      /element 1 is a string "x", not a number.*levels\[0\]\.values, level 0/,
    ],
    ['an empty string in values', fg('"levels":[{"values":[""]}]'), /element 0 is a string "", not a number/],
    ['a boolean in values', fg('"levels":[{"values":[true]}]'), /a boolean true, not a number/],
    ['an infinite value', fg('"levels":[{"values":[1e999]}]'), /a number 1e999, not a number/],
    ['a flamegraph array', '{"flamegraph":[]}', /expected an object, got an array.*field flamegraph/],
    ['a row of 3 numbers', fg('"names":["total"],"levels":[{"values":["0","1","0"]}]'), /multiple of 4/],
    ['a bad name index', fg('"names":["total"],"levels":[{"values":["0","1","1","7"]}]'), /name index 7/],
  ])('rejects %s with a ProfileDecodeError that says what is wrong', (_what, text, message) => {
    expect(decodeError(text).message).toMatch(message);
    // The object path rejects it too (JSON.parse or its own checks).
    expectAgreesWithObjectPath(text);
  });

  it('says where: field, level and the UTF-8 byte offset of the bad value', () => {
    const text = fg('"names":["tötäl😀"],"levels":[{"values":["0","1","1","0"]},{"values":["0", "oops"]}]');
    const err = decodeError(text);
    expect(err.location).toEqual({
      field: 'flamegraph.levels[1].values',
      level: 1,
      offset: Buffer.byteLength(text.slice(0, text.indexOf('"oops"'))),
    });
  });

  it('names the field without the flamegraph prefix when the body is the flame graph itself', () => {
    expect(decodeError('{"names":["total"],"levels":[{"values":["0",{}]}]}').location.field).toBe('levels[0].values');
  });

  it('reports a syntax error inside a level row at that row', () => {
    const err = decodeError(fg('"names":["total"],"levels":[{"values":["0","1","1","0"]},{"values":["0" "1"]}]'));
    expect(err.message).toMatch(/not valid JSON: expected ',' or '\]' in an array/);
    expect(err.location.field).toBe('flamegraph.levels[1].values');
  });

  it('rejects every truncation of a small body, saying it is truncated', () => {
    for (let end = 0; end < SMALL.length; end++) {
      const err = decodeError(SMALL.slice(0, end));
      expect(err.message).toMatch(end === 0 ? /empty/ : /truncated/);
    }
  });

  it('rejects the recorded response truncated anywhere, saying it is truncated (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: fixtureText.length - 1 }), (end) => {
        expect(decodeError(fixtureText.slice(0, end)).message).toMatch(/truncated/);
      }),
      { numRuns: 300 }
    );
  });

  const mutation = (text: string) =>
    fc.record({
      at: fc.integer({ min: 0, max: text.length - 1 }),
      kind: fc.constantFrom('replace', 'delete', 'insert', 'duplicate'),
      char: fc.oneof(
        fc.constantFrom(...'{}[],:"\\ 0123456789-+.eEntfulr\n\t'.split('')),
        fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))
      ),
      length: fc.integer({ min: 1, max: 40 }),
    });

  const mutate = (text: string, m: { at: number; kind: string; char: string; length: number }): string => {
    switch (m.kind) {
      case 'replace':
        return text.slice(0, m.at) + m.char + text.slice(m.at + 1);
      case 'delete':
        return text.slice(0, m.at) + text.slice(m.at + m.length);
      case 'insert':
        return text.slice(0, m.at) + m.char + text.slice(m.at);
      default:
        return text.slice(0, m.at + m.length) + text.slice(m.at, m.at + m.length) + text.slice(m.at + m.length);
    }
  };

  it('gives the object path result or a ProfileDecodeError for any corruption of the recorded response (property)', () => {
    fc.assert(
      fc.property(fc.array(mutation(fixtureText), { minLength: 1, maxLength: 3 }), (mutations) => {
        expectAgreesWithObjectPath(mutations.reduce(mutate, fixtureText));
      }),
      { numRuns: 300 }
    );
  });

  it('gives the object path result or a ProfileDecodeError for any corruption of small bodies (property)', () => {
    fc.assert(
      fc.property(
        arbitraryProfile({ maxStacks: 8 }).chain((p) => {
          const text = JSON.stringify(encodeConnectFlameGraph(p));
          return fc.tuple(fc.constant(text), fc.array(mutation(text), { minLength: 1, maxLength: 4 }), fc.boolean());
        }),
        ([text, mutations, diff]) => {
          expectAgreesWithObjectPath(mutations.reduce(mutate, text), diff);
        }
      ),
      { numRuns: 500 }
    );
  });

  it('agrees with the object path on arbitrary JSON and arbitrary text (property)', () => {
    const anything = fc.oneof(
      fc.json({ maxDepth: 4 }),
      fc.string(),
      fc.jsonValue({ maxDepth: 3 }).map((v) => fg(`"names":["total"],"levels":${JSON.stringify(v)}`)),
      fc
        .jsonValue({ maxDepth: 3 })
        .map((v) => fg(`"names":${JSON.stringify(v)},"levels":[{"values":["0","0","0","0"]}]`)),
      fc
        .array(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)))
        .map((v) => fg(`"names":["total"],"levels":[{"values":${JSON.stringify(v)}}]`))
    );
    fc.assert(
      fc.property(anything, (text) => {
        expectAgreesWithObjectPath(text);
      }),
      { numRuns: 500 }
    );
  });

  it('throws a ProfileDecodeError, not a TypeError, when given something that is not text', () => {
    expect(() => textDecode(undefined as unknown as string)).toThrow(ProfileDecodeError);
  });
});
