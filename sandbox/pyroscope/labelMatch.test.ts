/**
 * @jest-environment node
 */
import { matchesLabels, toJsRegex } from './labelMatch';

describe('matchesLabels (Prometheus semantics)', () => {
  const labels = { service_name: 'ad-server', pod: 'web-1', note: 'two\nlines' };

  it('anchors regexes at both ends', () => {
    expect(matchesLabels([{ name: 'pod', op: '=~', value: 'web' }], labels)).toBe(false);
    expect(matchesLabels([{ name: 'pod', op: '=~', value: 'web-.*' }], labels)).toBe(true);
    expect(matchesLabels([{ name: 'pod', op: '!~', value: 'web-.*' }], labels)).toBe(false);
    expect(matchesLabels([{ name: 'pod', op: '=~', value: 'x|web-1' }], labels)).toBe(true);
  });

  it('lets . match a line break, as `^(?s:re)$` does', () => {
    expect(matchesLabels([{ name: 'note', op: '=~', value: 'two.lines' }], labels)).toBe(true);
    expect(matchesLabels([{ name: 'note', op: '=~', value: '.*' }], labels)).toBe(true);
  });

  it('treats a missing label as the empty string', () => {
    expect(matchesLabels([{ name: 'env', op: '=', value: '' }], labels)).toBe(true);
    expect(matchesLabels([{ name: 'env', op: '!=', value: 'dev' }], labels)).toBe(true);
    expect(matchesLabels([{ name: 'env', op: '=~', value: '' }], labels)).toBe(true);
    expect(matchesLabels([{ name: '__proto__', op: '=', value: '' }], labels)).toBe(true);
  });

  it('matches code points, not UTF-16 halves', () => {
    expect(matchesLabels([{ name: 'e', op: '=~', value: '.' }], { e: '😀' })).toBe(true);
  });
});

describe('toJsRegex', () => {
  it('reads RE2 escapes of punctuation that JavaScript refuses in u mode', () => {
    expect(toJsRegex('web\\-1').test('web-1')).toBe(true);
    expect(toJsRegex('a\\"b\\,c').test('a"b,c')).toBe(true);
    expect(toJsRegex('[\\-\\"]').test('"')).toBe(true);
  });

  it('compiles the pattern alone first, so it cannot break out of the anchoring group', () => {
    expect(() => toJsRegex('a)|(b')).toThrow(SyntaxError);
    expect(() => toJsRegex('(')).toThrow(SyntaxError);
  });
});
