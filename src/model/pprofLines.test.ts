import { ProfileDecodeError } from './errors';
import { indexPprofLines, linesOf, pprofLines } from './pprofLines';
import { cleanPath, sourceFile } from './sourcePath';
import { buildPprof, type PprofSpec } from './testing/pprofBuilder';

/**
 * Unit tests of the per-line reader on hand-made profiles: how lines are counted (recursion, inlining, leaves),
 * the reasons for having no rows, and malformed input. Its agreement with `go tool pprof -list` on real profiles
 * is in pprofLines.pprof.test.ts.
 */

const CPU: PprofSpec['sampleTypes'] = [
  ['samples', 'count'],
  ['cpu', 'nanoseconds'],
];

/** main -> work (recursive) -> leaf; `leaf` is inlined into `work` at location 4. */
const RECURSIVE: PprofSpec = {
  sampleTypes: CPU,
  functions: [
    { id: 1, name: 'main', file: '/src/main.go' },
    { id: 2, name: 'work', file: '/proc/self/cwd/./pkg//work.go' },
    { id: 3, name: 'leaf', file: '/src/leaf.go' },
  ],
  locations: [
    { id: 1, functionIds: [1], lines: [10] },
    { id: 2, functionIds: [2], lines: [20] },
    { id: 3, functionIds: [2], lines: [25] },
    // leaf inlined into work: innermost line first.
    { id: 4, functionIds: [3, 2], lines: [5, 30] },
  ],
  samples: [
    // main:10 -> work:20 -> work:20 -> work:25 (leaf frame work:25)
    { locationIds: [3, 2, 2, 1], values: [1, 100] },
    // main:10 -> work:20 -> work:30 -> leaf:5
    { locationIds: [4, 2, 1], values: [1, 40] },
    // main:10 alone
    { locationIds: [1], values: [1, 7] },
    // a zero sample counts nowhere
    { locationIds: [3, 1], values: [0, 0] },
  ],
};

describe('pprofLines', () => {
  it('counts cum once per sample and line, flat at the leaf frame, inlined frames at their own lines', () => {
    const work = pprofLines(buildPprof(RECURSIVE), 'work');
    expect(work.total).toBe(147);
    expect(work.unit).toBe('nanoseconds');
    expect(work.rows).toEqual([
      { file: 'pkg/work.go', line: 20, flat: 0, cum: 140 },
      { file: 'pkg/work.go', line: 25, flat: 100, cum: 100 },
      { file: 'pkg/work.go', line: 30, flat: 0, cum: 40 },
    ]);
    expect(work.files).toEqual([{ file: 'pkg/work.go', flat: 100, cum: 280 }]);
    expect([work.flat, work.cum]).toEqual([100, 280]);
    expect(work.noLines).toBeUndefined();

    const leaf = pprofLines(buildPprof(RECURSIVE), 'leaf');
    expect(leaf.rows).toEqual([{ file: '/src/leaf.go', line: 5, flat: 40, cum: 40 }]);
    const main = pprofLines(buildPprof(RECURSIVE), 'main');
    expect(main.rows).toEqual([{ file: '/src/main.go', line: 10, flat: 7, cum: 147 }]);
  });

  it('reads the sample type chosen by index or name, like decodePprof', () => {
    const byName = pprofLines(buildPprof(RECURSIVE), 'work', { sampleType: 'samples' });
    expect(byName.sampleTypeIndex).toBe(0);
    expect(byName.unit).toBe('count');
    expect(byName.total).toBe(3);
    expect(byName.rows.map((r) => [r.line, r.flat, r.cum])).toEqual([
      [20, 0, 2],
      [25, 1, 1],
      [30, 0, 1],
    ]);
    expect(pprofLines(buildPprof(RECURSIVE), 'work', { sampleType: 0 }).total).toBe(3);
    expect(() => pprofLines(buildPprof(RECURSIVE), 'work', { sampleType: 'alloc' })).toThrow(/no sample type "alloc"/);
  });

  it('orders rows by file then line, and merges a line of several binaries into one row', () => {
    const spec: PprofSpec = {
      sampleTypes: CPU,
      mappings: [
        { id: 1, file: '/bin/a' },
        { id: 2, file: '/bin/b' },
      ],
      functions: [
        { id: 1, name: 'f', file: 'b.go' },
        { id: 2, name: 'f', file: 'a.go' },
      ],
      locations: [
        { id: 1, functionIds: [1], lines: [9], mappingId: 1 },
        { id: 2, functionIds: [1], lines: [9], mappingId: 2 },
        { id: 3, functionIds: [2], lines: [3] },
        { id: 4, functionIds: [1], lines: [2] },
      ],
      samples: [
        { locationIds: [1], values: [1, 5] },
        { locationIds: [2], values: [1, 6] },
        { locationIds: [3], values: [1, 1] },
        { locationIds: [4], values: [1, 2] },
      ],
    };
    const f = pprofLines(buildPprof(spec), 'f');
    expect(f.rows.map((r) => [r.file, r.line, r.flat])).toEqual([
      ['a.go', 3, 1],
      ['b.go', 2, 2],
      ['b.go', 9, 11],
    ]);
    expect(f.files.map((x) => x.file)).toEqual(['a.go', 'b.go']);
  });

  it('says the profile has no line numbers when no frame has one (functions only, as pyroscope-io writes)', () => {
    const spec: PprofSpec = {
      sampleTypes: CPU,
      functions: [{ id: 1, name: 'main' }],
      locations: [{ id: 1, functionIds: [1], lines: [0] }],
      samples: [{ locationIds: [1], values: [1, 10] }],
    };
    const lines = pprofLines(buildPprof(spec), 'main');
    expect(lines.rows).toEqual([]);
    expect(lines.noLines).toBe('profile-has-no-lines');
    expect(lines.total).toBe(10);
  });

  it('says the function has no line numbers when others have them, and when it has no file', () => {
    const spec: PprofSpec = {
      sampleTypes: CPU,
      functions: [
        { id: 1, name: 'main', file: 'main.go' },
        { id: 2, name: 'nofile' },
        { id: 3, name: 'zero', file: 'zero.go' },
      ],
      locations: [
        { id: 1, functionIds: [1], lines: [3] },
        { id: 2, functionIds: [2], lines: [4] },
        { id: 3, functionIds: [3], lines: [0] },
      ],
      samples: [{ locationIds: [3, 2, 1], values: [1, 10] }],
    };
    expect(pprofLines(buildPprof(spec), 'nofile').noLines).toBe('function-has-no-lines');
    const zero = pprofLines(buildPprof(spec), 'zero');
    expect(zero.noLines).toBe('function-has-no-lines');
    // Line 0 counts in the file total (pprof's ROUTINE header) but gets no row.
    expect(zero.files).toEqual([{ file: 'zero.go', flat: 10, cum: 10 }]);
  });

  it('says when the function has no samples at all', () => {
    expect(pprofLines(buildPprof(RECURSIVE), 'absent').noLines).toBe('function-not-found');
    // A name only a line without a function gets ([file]) is no function.
    expect(pprofLines(buildPprof(RECURSIVE), '<unknown>').noLines).toBe('function-not-found');
  });
});

describe('pprofLines after frame filters', () => {
  const index = indexPprofLines(buildPprof(RECURSIVE));

  it('focus keeps the samples through a matching frame; the total is the kept samples', () => {
    const work = linesOf(index, 'work', [{ kind: 'focus', pattern: 'leaf', mode: 'exact' }]);
    expect(work.total).toBe(40);
    expect(work.rows.map((r) => [r.line, r.flat, r.cum])).toEqual([
      [20, 0, 40],
      [30, 0, 40],
    ]);
  });

  it('ignore drops the samples through a matching frame', () => {
    const work = linesOf(index, 'work', [{ kind: 'ignore', pattern: '^le', mode: 'regex' }]);
    expect(work.total).toBe(107);
    expect(work.rows.map((r) => [r.line, r.flat, r.cum])).toEqual([
      [20, 0, 100],
      [25, 100, 100],
    ]);
  });

  it('hide removes frames: a hidden leaf gives its flat to the line that called it', () => {
    const work = linesOf(index, 'work', [{ kind: 'hide', pattern: 'leaf', mode: 'exact' }]);
    expect(work.total).toBe(147);
    expect(work.rows.find((r) => r.line === 30)).toEqual({ file: 'pkg/work.go', line: 30, flat: 40, cum: 40 });
    expect(linesOf(index, 'leaf', [{ kind: 'hide', pattern: 'leaf', mode: 'exact' }]).noLines).toBe(
      'function-not-found'
    );
    // Hiding every frame drops the samples.
    expect(linesOf(index, 'work', [{ kind: 'hide', pattern: '.', mode: 'regex' }]).total).toBe(0);
  });

  it('leaves invalid patterns out, as the flame graph does', () => {
    const work = linesOf(index, 'work', [{ kind: 'focus', pattern: '(', mode: 'regex' }]);
    expect(work.total).toBe(147);
    expect(work.rows).toEqual(linesOf(index, 'work').rows);
  });
});

describe('pprofLines on malformed input', () => {
  it('throws a pprof decode error for bytes that are not a profile', () => {
    expect(() => pprofLines(new Uint8Array([0xff, 0xff, 0xff]), 'f')).toThrow(ProfileDecodeError);
    expect(() => pprofLines(new Uint8Array([0x1f, 0x8b, 1, 2, 3]), 'f')).toThrow(ProfileDecodeError);
    expect(() => pprofLines(new Uint8Array(), 'f')).toThrow(/no sample types/);
  });

  it('throws for samples that name unknown locations or have the wrong number of values', () => {
    const unknown = { ...RECURSIVE, samples: [{ locationIds: [99], values: [1, 1] }] };
    expect(() => pprofLines(buildPprof(unknown), 'work')).toThrow(/unknown location id 99/);
    const short = { ...RECURSIVE, samples: [{ locationIds: [1], values: [1] }] };
    expect(() => pprofLines(buildPprof(short), 'work')).toThrow(/1 values for 2 sample types/);
    const negative = { ...RECURSIVE, samples: [{ locationIds: [1], values: [1, -5] }] };
    expect(() => pprofLines(buildPprof(negative), 'work')).toThrow(/negative/);
  });

  it('stops with an error instead of walking an unbounded number of frames', () => {
    const deep: PprofSpec = {
      ...RECURSIVE,
      samples: Array.from({ length: 50 }, () => ({ locationIds: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], values: [1, 1] })),
    };
    expect(() => pprofLines(buildPprof(deep), 'work', { maxFrames: 100 })).toThrow(/more than 100 frames/);
    expect(pprofLines(buildPprof(deep), 'work', { maxFrames: 1000 }).rows[0].cum).toBe(50);
  });
});

describe('source file names', () => {
  it('cleans paths as Go does', () => {
    expect(cleanPath('/a//b/./c/../d/')).toBe('/a/b/d');
    expect(cleanPath('../x/../../y')).toBe('../../y');
    expect(cleanPath('/../x')).toBe('/x');
    expect(cleanPath('./')).toBe('.');
  });

  it('drops the /proc/self/cwd prefixes pprof drops, and keeps no name empty', () => {
    expect(sourceFile('/proc/self/cwd/./main.go')).toBe('main.go');
    expect(sourceFile('/proc/self/cwd/pkg/x.go')).toBe('pkg/x.go');
    expect(sourceFile('')).toBe('');
  });
});
