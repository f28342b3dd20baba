/** @jest-environment node */
import {
  cleanRelativePath,
  goEncodeQuery,
  goEscapedPath,
  goParseQuery,
  goPathUnescape,
  goQueryEscape,
  joinUrlFragments,
  validateDataSourceUrl,
} from './goUrl';

describe('joinUrlFragments', () => {
  it('joins with exactly one slash and leaves the left side alone for an empty right side', () => {
    expect(joinUrlFragments('/api', 'v1')).toBe('/api/v1');
    expect(joinUrlFragments('/api/', '/v1')).toBe('/api/v1');
    expect(joinUrlFragments('/api/', 'v1')).toBe('/api/v1');
    expect(joinUrlFragments('', 'querier.v1.QuerierService/ProfileTypes')).toBe(
      '/querier.v1.QuerierService/ProfileTypes'
    );
    expect(joinUrlFragments('/base', '')).toBe('/base');
  });
});

describe('cleanRelativePath', () => {
  it('cleans like Go: no climbing above the root, empty is "."', () => {
    expect(cleanRelativePath('')).toBe('.');
    expect(cleanRelativePath('a//b/./c/')).toBe('a/b/c');
    expect(cleanRelativePath('../../etc/passwd')).toBe('etc/passwd');
    expect(cleanRelativePath('api/../admin')).toBe('admin');
  });
});

describe('query encoding', () => {
  it('QueryEscape keeps unreserved characters, + for space, %XX for the rest (UTF-8)', () => {
    expect(goQueryEscape('a b&c=d/é!*')).toBe('a+b%26c%3Dd%2F%C3%A9%21%2A');
    expect(goQueryEscape('-_.~')).toBe('-_.~');
  });

  it('parses like URL.Query(): drops pairs with ";" or bad escapes, a bare key has an empty value', () => {
    const values = goParseQuery('b=2&a=1&flag&a=x+y&bad=%zz&semi=1;2');
    expect([...values.entries()]).toEqual([
      ['b', ['2']],
      ['a', ['1', 'x y']],
      ['flag', ['']],
    ]);
  });

  it('encodes with sorted keys, values in order', () => {
    expect(goEncodeQuery(goParseQuery('query=up{job="a"}&step=15&from=now-1h&a=2&a=1'))).toBe(
      'a=2&a=1&from=now-1h&query=up%7Bjob%3D%22a%22%7D&step=15'
    );
  });
});

describe('path escaping', () => {
  it('unescapes %XX as UTF-8 and rejects malformed escapes', () => {
    expect(goPathUnescape('/a%20b/%C3%A9')).toBe('/a b/é');
    expect(goPathUnescape('/a%zz')).toBeUndefined();
    expect(goPathUnescape('/100%')).toBeUndefined();
  });

  it('sends the raw path when it encodes the path, else escapes the path (Go EscapedPath)', () => {
    expect(goEscapedPath('/a b', '/a%20b')).toBe('/a%20b');
    expect(goEscapedPath('/a%20b', '/a%20b')).toBe('/a%2520b');
    expect(goEscapedPath('/q/x:y@z', '')).toBe('/q/x:y@z');
  });
});

describe('validateDataSourceUrl (Grafana datasource.ValidateURL)', () => {
  it('accepts an empty URL for plugin types but not for Prometheus', () => {
    expect(validateDataSourceUrl('flamelens-pyroscope-datasource', '')).toEqual({
      scheme: 'http',
      host: '',
      path: '',
      rawPath: '',
    });
    expect(validateDataSourceUrl('prometheus', ' ')).toEqual({ error: 'empty URL string' });
  });

  it('prepends http:// when the scheme is missing and splits host and path', () => {
    expect(validateDataSourceUrl('x', 'localhost:4040/prefix')).toEqual({
      scheme: 'http',
      host: 'localhost:4040',
      path: '/prefix',
      rawPath: '/prefix',
    });
    expect(validateDataSourceUrl('x', 'HTTPS://user:pw@[::1]:8443')).toMatchObject({
      scheme: 'https',
      host: '[::1]:8443',
    });
  });

  it('rejects what Go url.Parse rejects', () => {
    expect(validateDataSourceUrl('x', 'http://bad host')).toHaveProperty('error');
    expect(validateDataSourceUrl('x', '://nohost')).toHaveProperty('error');
    expect(validateDataSourceUrl('x', 'http://h:80a')).toHaveProperty('error');
  });
});
