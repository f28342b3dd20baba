import type { PprofLines } from '../../model/pprofLines';
import { linesSummary, noLinesMessage, shortFileName } from './linesRows';

const lines: PprofLines = {
  functionName: 'runtime.findrunnable',
  total: 470e6,
  unit: 'nanoseconds',
  sampleTypes: [{ type: 'cpu', unit: 'nanoseconds' }],
  sampleTypeIndex: 0,
  rows: [
    { file: '/go/src/runtime/proc.go', line: 2605, flat: 0, cum: 220e6 },
    { file: '/go/src/runtime/proc.go', line: 2879, flat: 30e6, cum: 30e6 },
    { file: '/go/src/runtime/proc.go', line: 2916, flat: 0, cum: 160e6 },
  ],
  files: [{ file: '/go/src/runtime/proc.go', flat: 30e6, cum: 410e6 }],
  flat: 30e6,
  cum: 410e6,
};

describe('linesSummary', () => {
  it('formats values, shares of the profile total, and marks the hot lines', () => {
    const { rows, totals, fileCount } = linesSummary(lines);
    expect(rows.map((r) => [r.shortFile, r.line, r.flat, r.flatShare, r.cum, r.cumShare, r.hot])).toEqual([
      ['runtime/proc.go', 2605, '.', '0.00%', '220 ms', '46.81%', true],
      ['runtime/proc.go', 2879, '30 ms', '6.38%', '30 ms', '6.38%', true],
      ['runtime/proc.go', 2916, '.', '0.00%', '160 ms', '34.04%', true],
    ]);
    expect(rows.map((r) => Number(r.heat.toFixed(3)))).toEqual([1, 0.136, 0.727]);
    expect(rows[0].key).toBe('/go/src/runtime/proc.go:2605');
    expect(totals).toBe('flat 30 ms (6.38%) · cum 410 ms (87.23%) of 470 ms');
    expect(fileCount).toBe(1);
  });

  it('does not mark a cool line without the most flat', () => {
    const more = { ...lines, rows: [...lines.rows, { file: 'a.go', line: 1, flat: 1e6, cum: 1e6 }] };
    expect(linesSummary(more).rows.find((r) => r.file === 'a.go')?.hot).toBe(false);
  });
});

describe('shortFileName and messages', () => {
  it('keeps the last two parts of a path', () => {
    expect(shortFileName('/opt/go/src/runtime/proc.go')).toBe('runtime/proc.go');
    expect(shortFileName('bytes/buffer.go')).toBe('bytes/buffer.go');
    expect(shortFileName('main.go')).toBe('main.go');
  });

  it('says why there are no rows', () => {
    expect(noLinesMessage('profile-has-no-lines', 'f')).toMatch(/^This profile has no line numbers/);
    expect(noLinesMessage('function-has-no-lines', 'f')).toMatch(/no line numbers for f/);
    expect(noLinesMessage('function-not-found', 'f')).toMatch(/passes through f/);
  });
});
