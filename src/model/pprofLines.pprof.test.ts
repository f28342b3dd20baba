import * as fs from 'fs';
import * as path from 'path';

import { agreesWithPrinted, pprofTop, type PprofValue } from '../../tests/support/goPprof';
import { pprofList } from '../../tests/support/goPprofList';
import { indexPprofLines, linesOf, pprofLines, type PprofLines } from './pprofLines';
import { pprofFlags, type FrameFilter } from './transforms/frameFilters';

/**
 * The per-line view against `go tool pprof -list '^name$'` on the Go fixtures: for the hottest functions by flat
 * and by cum (taken from pprof's own `-top`, not listed here), the same files in the same order with the same
 * totals, and the same sampled lines with the same flat and cum, to the precision pprof prints. The oracle needs
 * Debian's golang-go (CI installs it); without it these tests fail and say how to install it.
 */

const FIXTURES = path.join(__dirname, '../../fixtures/pprof');
/** Functions per fixture and sample type: the top N by flat and the top N by cum, merged. */
const TOP_N = 5;

interface Case {
  file: string;
  /** Sample type by name; default: the profile's default, which pprof shows too. */
  sampleType?: string;
}

const CASES: Case[] = [
  { file: 'go-cpu' },
  { file: 'go-heap' },
  { file: 'go-heap', sampleType: 'alloc_space' },
  { file: 'go-heap-large' },
];

function agree(value: number, printed: PprofValue, what: string): void {
  if (!agreesWithPrinted(value, printed)) {
    throw new Error(`${what}: ours ${value}, pprof printed ${printed.text} (${printed.value})`);
  }
}

/** Our lines of `name` are pprof's: total, files in order with their sums, and each sampled line. */
function expectSameLines(ours: PprofLines, theirs: ReturnType<typeof pprofList>, name: string): void {
  agree(ours.total, theirs.total, 'Total');
  expect(theirs.routines.every((r) => r.name === name)).toBe(true);
  expect(ours.files.map((f) => f.file)).toEqual(theirs.routines.map((r) => r.file));
  ours.files.forEach((f, i) => {
    const routine = theirs.routines[i];
    agree(f.flat, routine.flat, `${name} in ${f.file}: flat`);
    agree(f.cum, routine.cum, `${name} in ${f.file}: cum`);
    const rows = ours.rows.filter((row) => row.file === f.file);
    expect(rows.map((row) => row.line)).toEqual(routine.rows.map((row) => row.line));
    rows.forEach((row, j) => {
      agree(row.flat, routine.rows[j].flat, `${name} ${f.file}:${row.line} flat`);
      agree(row.cum, routine.rows[j].cum, `${name} ${f.file}:${row.line} cum`);
    });
  });
  expect(ours.noLines).toBeUndefined();
}

/** Hot functions of the profile, as pprof's `-top` and `-top -cum` rank them (after `filters`). */
function hotFunctions(
  file: string,
  sampleUnit: string,
  sampleType: string | undefined,
  filters: readonly FrameFilter[] = []
): string[] {
  const names = new Set<string>();
  const flags = Object.fromEntries(
    pprofFlags(filters).map((f) => [f.slice(1, f.indexOf('=')), f.slice(f.indexOf('=') + 1)])
  );
  for (const cum of [false, true]) {
    const top = pprofTop(file, { sampleUnit, sampleIndex: sampleType, nodeCount: TOP_N, cum, ...flags });
    top.rows.forEach((row) => names.add(row.name));
  }
  return [...names];
}

describe.each(CASES.map((c) => ({ ...c, type: c.sampleType ?? 'default type' })))(
  'source lines of $file ($type) against go tool pprof -list',
  ({ file, sampleType }) => {
    const fixture = path.join(FIXTURES, `${file}.pb.gz`);
    const bytes = new Uint8Array(fs.readFileSync(fixture));
    const probe = pprofLines(bytes, '', { sampleType });
    const sampleUnit = probe.sampleTypes[probe.sampleTypeIndex].unit;
    const functions = hotFunctions(fixture, sampleUnit, sampleType);
    const results: PprofLines[] = [];

    it('has hot functions to compare', () => {
      expect(functions.length).toBeGreaterThanOrEqual(TOP_N);
    });

    it.each(functions)('%s: same files, totals, lines, flat and cum', (name) => {
      const ours = pprofLines(bytes, name, { sampleType });
      results.push(ours);
      const theirs = pprofList(fixture, name, { sampleUnit, sampleIndex: sampleType });
      expectSameLines(ours, theirs, name);
    });

    it('compared functions with several lines, flat and cum', () => {
      expect(results.length).toBe(functions.length);
      expect(results.some((r) => r.rows.length >= 2)).toBe(true);
      expect(results.some((r) => r.flat > 0)).toBe(true);
      expect(results.some((r) => r.flat === 0 && r.cum > 0)).toBe(true);
    });
  }
);

interface FilterCase {
  file: string;
  filters: FrameFilter[];
  what: string;
}

const hide = (pattern: string): FrameFilter => ({ kind: 'hide', pattern, mode: 'regex' });
const focus = (pattern: string): FrameFilter => ({ kind: 'focus', pattern, mode: 'regex' });
const ignore = (pattern: string): FrameFilter => ({ kind: 'ignore', pattern, mode: 'regex' });

const FILTER_CASES: FilterCase[] = [
  { file: 'go-cpu', filters: [hide('^runtime\\.(kevent|pthread_cond_wait)$')], what: 'hidden leaves: flat moves up' },
  { file: 'go-cpu', filters: [focus('netpoll')], what: 'focus on a middle frame' },
  { file: 'go-cpu', filters: [ignore('kevent'), hide('mcall')], what: 'ignore and hide' },
  { file: 'go-heap', filters: [focus('cache'), hide('newNode|makeSlice')], what: 'focus and hidden leaves' },
  {
    file: 'go-heap',
    filters: [ignore('badger'), { kind: 'hide', pattern: '(', mode: 'regex' }],
    what: 'invalid left out',
  },
];

describe.each(FILTER_CASES)('source lines of $file after filters ($what) against go tool pprof -list', (c) => {
  const fixture = path.join(FIXTURES, `${c.file}.pb.gz`);
  const index = indexPprofLines(new Uint8Array(fs.readFileSync(fixture)));
  const sampleUnit = index.sampleTypes[index.sampleTypeIndex].unit;
  const functions = hotFunctions(fixture, sampleUnit, undefined, c.filters);

  it.each(functions)('%s', (name) => {
    const ours = linesOf(index, name, c.filters);
    const theirs = pprofList(fixture, name, { sampleUnit, flags: pprofFlags(c.filters) });
    expectSameLines(ours, theirs, name);
  });
});
