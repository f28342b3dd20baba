import { FrameTable, frameKey, frameName, parseFrameKey } from './frames';

describe('frame keys', () => {
  it('round-trips a frame with source information', () => {
    const f = { name: 'main.work', filename: 'main.go', startLine: 10, line: 13, inlined: true };
    expect(parseFrameKey(frameKey(f))).toEqual(f);
    expect(frameName(frameKey(f))).toBe('main.work');
  });

  it('writes a frame without source information as its plain name', () => {
    const f = { name: 'a;b "c"', filename: '', startLine: 0, line: 0, inlined: false };
    expect(frameKey(f)).toBe('a;b "c"');
    expect(parseFrameKey('a;b "c"')).toEqual(f);
  });

  it.each(['\u0000', '\u0000[1,2]', '\u0000["a","b",1,2,3]', '\u0000{'])(
    'keeps %j, which is not a key, as a name',
    (s) => {
      expect(parseFrameKey(s)).toEqual({ name: s, filename: '', startLine: 0, line: 0, inlined: false });
    }
  );

  it('numbers frames once and names them through the name table', () => {
    const names: string[] = [];
    const table = new FrameTable((n) => (names.includes(n) ? names.indexOf(n) : names.push(n) - 1));
    const a12 = frameKey({ name: 'a', filename: 'a.go', startLine: 1, line: 12, inlined: false });
    const a13 = frameKey({ name: 'a', filename: 'a.go', startLine: 1, line: 13, inlined: false });
    expect([table.intern(a12), table.intern(a13), table.intern(a12), table.intern('a')]).toEqual([0, 1, 0, 2]);
    expect(table.nameIds).toEqual([0, 0, 0]);
    expect(names).toEqual(['a']);
    expect(table.bytesEstimate()).toBeGreaterThan(0);
  });
});
