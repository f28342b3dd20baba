/**
 * @jest-environment node
 */
import { linePosition, parsePromSelector, SelectorSyntaxError } from './selector';

describe('parsePromSelector', () => {
  it('reads the four operators, quoted names, every quote style and the metric name', () => {
    expect(parsePromSelector('{a="b", c!~"x\\n", "k8s.pod"=~\'y\', d!=`z\\w`,}')).toEqual([
      { name: 'a', op: '=', value: 'b' },
      { name: 'c', op: '!~', value: 'x\n' },
      { name: 'k8s.pod', op: '=~', value: 'y' },
      { name: 'd', op: '!=', value: 'z\\w' },
    ]);
    expect(parsePromSelector('process_cpu:cpu:nanoseconds:cpu:nanoseconds{a="b"}')).toEqual([
      { name: 'a', op: '=', value: 'b' },
      { name: '__name__', op: '=', value: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds' },
    ]);
    expect(parsePromSelector('{"cpu", a="b"}')).toEqual([
      { name: '__name__', op: '=', value: 'cpu' },
      { name: 'a', op: '=', value: 'b' },
    ]);
    expect(parsePromSelector(' {} # comment')).toEqual([]);
  });

  it("decodes Go's escapes: octal and hex bytes as UTF-8, \\u and \\U code points", () => {
    const [m] = parsePromSelector('{a="\\xc3\\xa9\\303\\251\\u00e9\\U0001F600\\a\\v\\"\\\\"}');
    expect(m.value).toBe('ééé😀\u0007\u000b"\\');
    expect(parsePromSelector("{a='it\\'s'}")[0].value).toBe("it's");
    expect(parsePromSelector('{a="\\ufeffx"}')[0].value).toBe('\ufeffx');
  });

  it.each([
    ['', '1:1: parse error: unexpected end of input'],
    ['{a="b"', '1:7: parse error: unexpected end of input inside braces'],
    ['{a="b\nc"}', '1:4: parse error: unterminated quoted string'],
    ['{a="\\q"}', "1:4: parse error: unknown escape sequence U+0071 'q'"],
    ['{a="\\\'"}', "1:4: parse error: unknown escape sequence U+0027 '''"],
    ['{a="\\ud800"}', '1:4: parse error: escape sequence is an invalid Unicode code point'],
    ['{a="\\u12"}', "1:4: parse error: illegal character U+0022 '\"' in escape sequence"],
    ['{a="x\ufffd"}', '1:4: parse error: invalid UTF-8 rune'],
    ['{a="x\ud800"}', '1:4: parse error: invalid UTF-8 rune'],
    ['{a="b" b="c"}', '1:8: parse error: unexpected identifier "b" in label matching, expected "," or "}"'],
    ['{a}', '1:3: parse error: unexpected "}" in label matching, expected label matching operator'],
    ['{a=b}', '1:4: parse error: unexpected identifier "b" in label matching, expected string'],
    ['{a@"b"}', "1:3: parse error: unexpected character inside braces: '@'"],
    ['{a="b"}}', "1:8: parse error: unexpected right brace '}'"],
    ['foo{a="b"} + 1', '1:12: parse error: unexpected "+"'],
    ['foo[5m]', '1:4: parse error: unexpected "["'],
  ])('refuses %j as Prometheus does: %s', (text, message) => {
    expect(() => parsePromSelector(text)).toThrow(SelectorSyntaxError);
    expect(() => parsePromSelector(text)).toThrow(message);
  });

  it('refuses a regex that does not compile, at the matcher', () => {
    expect(() => parsePromSelector('{a="x", b=~"("}')).toThrow(/^1:9: parse error: error parsing regexp: /);
  });

  it('counts columns in UTF-8 bytes and lines from 1, as Prometheus positions are', () => {
    expect(linePosition('{é="x"', 3)).toBe('1:5');
    expect(linePosition('{a="b",\n c', 10)).toBe('2:3');
  });
});
