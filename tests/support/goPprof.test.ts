import { agreesWithPrinted, goBinary, parsePprofTop, pprofOrder, readPprofValue } from './goPprof';

describe('the go tool pprof oracle helpers', () => {
  it('fails, saying how to install Go, when there is no go binary', () => {
    expect(() => goBinary('', [])).toThrow(/install Debian's golang-go \(apt-get install golang-go\)/);
  });

  it('reads values in pprof display units back in the sample unit', () => {
    expect(readPprofValue('250ms', 'nanoseconds')).toEqual({
      text: '250ms',
      value: 250e6,
      tolerance: 0.005 * 1e6 * (1 + 1e-9),
    });
    expect(readPprofValue('1.20s', 'nanoseconds').value).toBeCloseTo(1.2e9, 3);
    expect(readPprofValue('8849ms', 'microseconds').value).toBeCloseTo(8_849_000, 6);
    expect(readPprofValue('458.03MB', 'bytes').value).toBeCloseTo(458.03 * 2 ** 20, 3);
    expect(readPprofValue('512kB', 'bytes').value).toBe(512 * 1024);
    expect(readPprofValue('1261594', 'count').value).toBe(1261594);
    expect(readPprofValue('0', 'nanoseconds').value).toBe(0);
    expect(() => readPprofValue('3MB', 'nanoseconds')).toThrow(/not one of sample unit/);
    expect(() => readPprofValue('n/a', 'count')).toThrow(/cannot read/);
  });

  it('agrees with a printed value within pprof rounding, not beyond', () => {
    const printed = readPprofValue('458.03MB', 'bytes');
    expect(agreesWithPrinted(480_277_120, printed)).toBe(true); // 458.0256 MB
    expect(agreesWithPrinted(480_277_120 + 0.01 * 2 ** 20, printed)).toBe(false);
  });

  it('parses a -top report: totals, rows, inline labels, names with spaces', () => {
    const text = [
      'Type: cpu',
      'Active filters:',
      '   hide=runtime',
      'Showing nodes accounting for 10ms, 2.13% of 470ms total',
      '      flat  flat%   sum%        cum   cum%',
      '      10ms  2.13%  2.13%       10ms  2.13%  main.work (inline)',
      '         0     0%  2.13%       10ms  2.13%  main.main',
      '         0     0%  2.13%       10ms  2.13%  void G1CMTask::process<true> (partial-inline)',
      '',
    ].join('\n');
    const top = parsePprofTop(text, 'nanoseconds');
    expect(top.total.value).toBe(470e6);
    expect(top.shown.value).toBe(10e6);
    expect(top.rows.map((r) => [r.name, r.inline, r.flat.value, r.cum.value, r.flatPercent, r.cumPercent])).toEqual([
      ['main.work', 'inline', 10e6, 10e6, 2.13, 2.13],
      ['main.main', '', 0, 10e6, 0, 2.13],
      ['void G1CMTask::process<true>', 'partial-inline', 0, 10e6, 0, 2.13],
    ]);
    expect(top.header).toContain('   hide=runtime');
    expect(() => parsePprofTop('no table', 'count')).toThrow(/no table/);
  });

  it('orders rows as pprof does: flat, then name, then cum (or cum first with -cum)', () => {
    const rows = [
      { name: 'b', flat: 1, cum: 5 },
      { name: 'a', flat: 1, cum: 2 },
      { name: 'c', flat: 3, cum: 3 },
    ];
    expect([...rows].sort(pprofOrder(false)).map((r) => r.name)).toEqual(['c', 'a', 'b']);
    expect([...rows].sort(pprofOrder(true)).map((r) => r.name)).toEqual(['b', 'c', 'a']);
  });
});
