import { parsePprofList } from './goPprofList';

describe('the go tool pprof -list parser', () => {
  const text = [
    'Total: 470ms',
    'ROUTINE ======================== runtime.findrunnable in opt/go/src/runtime/proc.go',
    '         0      420ms (flat, cum) 89.36% of Total',
    '         .          .   2600:',
    '         .      220ms   2605:',
    '      10ms       10ms   2606:\tx := 1 // a line: with a colon',
    '         .          .   2607:',
    'ROUTINE ======================== main.(*T).work in main.go',
    '    1.50ms     2.25s (flat, cum)  2.13% of Total',
    ' Error: open main.go: no such file or directory',
    '',
  ].join('\n');

  it('reads the total, routines with their sums, and only the rows with samples', () => {
    const list = parsePprofList(text, 'nanoseconds');
    expect(list.total.value).toBe(470e6);
    expect(list.routines.map((r) => [r.name, r.file, r.flat.value, r.cum.value])).toEqual([
      ['runtime.findrunnable', 'opt/go/src/runtime/proc.go', 0, 420e6],
      ['main.(*T).work', 'main.go', 1.5e6, 2.25e9],
    ]);
    expect(list.routines[0].rows.map((r) => [r.line, r.flat.value, r.cum.value])).toEqual([
      [2605, 0, 220e6],
      [2606, 10e6, 10e6],
    ]);
    expect(list.routines[1].rows).toEqual([]);
  });

  it('reads byte values in the sample unit', () => {
    const list = parsePprofList(text.replace(/ms\b/g, 'MB').replace(/(\d)s\b/g, '$1GB'), 'bytes');
    expect(list.total.value).toBe(470 * 2 ** 20);
    expect(list.routines[1].flat.value).toBeCloseTo(1.5 * 2 ** 20);
    expect(list.routines[1].cum.value).toBeCloseTo(2.25 * 2 ** 30);
  });

  it('fails on output without a total or with a routine without sums', () => {
    expect(() => parsePprofList('no matches found', 'count')).toThrow(/no "Total:" line/);
    expect(() => parsePprofList('Total: 3\nROUTINE ===== f in a.go\n', 'count')).toThrow(/no "\(flat, cum\)" line/);
  });
});
