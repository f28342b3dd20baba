/**
 * @jest-environment node
 */
import { MultipartError, multipartBoundary, parseMultipart } from './multipart';
import { multipartBody } from './testClient';

describe('parseMultipart', () => {
  it('reads the parts agents send, binary data untouched', () => {
    const binary = new Uint8Array([0x1f, 0x8b, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const { body, contentType } = multipartBody([
      { name: 'profile', filename: 'profile.pprof', data: binary },
      {
        name: 'sample_type_config',
        filename: 'sample_type_config.json',
        data: '{"a":1}',
        contentType: 'application/json',
      },
    ]);
    const parts = parseMultipart(body, contentType);
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['profile', 'profile.pprof', 'application/octet-stream'],
      ['sample_type_config', 'sample_type_config.json', 'application/json'],
    ]);
    expect(Array.from(parts[0].data)).toEqual(Array.from(binary));
    expect(new TextDecoder().decode(parts[1].data)).toBe('{"a":1}');
  });

  it('reads quoted boundaries and preambles', () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('text/plain; boundary=x')).toBeUndefined();
    const body = new TextEncoder().encode(
      'preamble\r\n--xyz\r\nContent-Disposition: form-data; name="f"\r\n\r\nhello\r\n--xyz--\r\n'
    );
    expect(
      parseMultipart(body, 'multipart/form-data; boundary=xyz').map((p) => new TextDecoder().decode(p.data))
    ).toEqual(['hello']);
  });

  it('explains truncated or boundary-less bodies', () => {
    const truncated = new TextEncoder().encode('--xyz\r\nContent-Disposition: form-data; name="f"\r\n\r\nhel');
    expect(() => parseMultipart(truncated, 'multipart/form-data; boundary=xyz')).toThrow(/closing boundary/);
    expect(() => parseMultipart(truncated, 'multipart/form-data')).toThrow(MultipartError);
  });
});
