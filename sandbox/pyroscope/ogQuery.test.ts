/**
 * @jest-environment node
 */
import { parseLabelSet } from './labelSet';
import { ogMatches, parseFlameQL } from './ogQuery';

describe('parseFlameQL', () => {
  it('reads app names and double-quoted matchers', () => {
    const q = parseFlameQL(' my-app.cpu{env="prod",pod=~"web-.*", zone!="b"} ');
    expect(q.appName).toBe('my-app.cpu');
    expect(q.text).toBe('my-app.cpu{env="prod",pod=~"web-.*", zone!="b"}');
    expect(q.matchers.map((m) => [m.key, m.op, m.value])).toEqual([
      ['env', '=', 'prod'],
      ['pod', '=~', 'web-.*'],
      ['zone', '!=', 'b'],
    ]);
    expect(parseFlameQL('app.cpu{}').matchers).toEqual([]);
  });

  it.each([
    ['', 'application name is required'],
    ['{a="b"}', 'application name is required'],
    ['app.cpu{a="b"', 'invalid query syntax: expected } at the end'],
    ['app cpu', 'invalid application name: app '],
    ['app.cpu{a=b}', 'invalid tag value syntax: a=b'],
    ['app.cpu{__name__="x"}', 'tag key is reserved: __name__'],
    ['app.cpu{a=~"("}', 'Invalid regular expression'],
  ])('rejects %j with the server message', (text, message) => {
    expect(() => parseFlameQL(text)).toThrow(message);
  });

  it('matches like pyroscope-io: unanchored regexes, absent labels only pass negative matchers', () => {
    const m = (q: string) => parseFlameQL(`a{${q}}`).matchers;
    expect(ogMatches(m('env=~"ro"'), { env: 'prod' })).toBe(true);
    expect(ogMatches(m('env!="dev"'), {})).toBe(true);
    expect(ogMatches(m('env=~".*"'), {})).toBe(false);
    expect(ogMatches(m('env!~".*"'), {})).toBe(true);
  });
});

describe('parseLabelSet (ingest name)', () => {
  it('reads unquoted tags, trimming keys and values', () => {
    expect(parseLabelSet('my-app.cpu{ env = prod ,process.runtime.name=go}')).toEqual({
      name: 'my-app.cpu',
      tags: { env: 'prod', 'process.runtime.name': 'go' },
    });
    expect(parseLabelSet('app')).toEqual({ name: 'app', tags: {} });
  });

  it('rejects bad names and keys like the server', () => {
    expect(() => parseLabelSet('')).toThrow('service name is required');
    expect(() => parseLabelSet('a{b c=1}')).toThrow("invalid label name: b c: character is not allowed: ' '");
  });
});
