import * as fs from 'fs';
import * as path from 'path';

import {
  agreesWithPrinted,
  pprofOrder,
  pprofTop,
  type PprofTop,
  type TopRowValues,
} from '../../../tests/support/goPprof';
import { indexOf, type Profile } from '../profile';
import { decodePprof } from '../pprof';
import { applyFrameFilters, pprofFlags, type FrameFilter } from './frameFilters';
import { topTable } from './topTable';

/**
 * The frame filters against `go tool pprof -hide/-focus/-ignore -top` on the Go fixtures: after each filter list,
 * the total and the top functions by flat and by cum — names, order and values — are pprof's. The oracle needs
 * Debian's golang-go (CI installs it); without it these tests fail and say how to install it.
 *
 * pprof runs with `-relative_percentages` so that its total is the filtered profile's (by default it prints the
 * total before filtering), and `-nodefraction=0` so that its top N is decided by the sort alone.
 */

const FIXTURES = path.join(__dirname, '../../../fixtures/pprof');
const TOP_N = 20;

const hide = (pattern: string, mode: FrameFilter['mode'] = 'regex'): FrameFilter => ({ kind: 'hide', pattern, mode });
const focus = (pattern: string, mode: FrameFilter['mode'] = 'regex'): FrameFilter => ({ kind: 'focus', pattern, mode });
const ignore = (pattern: string, mode: FrameFilter['mode'] = 'regex'): FrameFilter => ({
  kind: 'ignore',
  pattern,
  mode,
});

interface Case {
  file: string;
  /** Sample type, by name; default: the one pprof shows. */
  sampleType?: string;
  filters: FrameFilter[];
  /** What the case is about. */
  what: string;
}

const GO_CPU: Case[] = [
  { file: 'go-cpu', filters: [hide('^runtime\\.')], what: 'hide roots, middles and leaves; all-runtime stacks go' },
  { file: 'go-cpu', filters: [hide('runtime.mcall', 'exact')], what: 'hide a root' },
  { file: 'go-cpu', filters: [hide('runtime.kevent', 'exact')], what: 'hide a leaf: its self moves to the caller' },
  { file: 'go-cpu', filters: [hide('netpoll$|notesleep')], what: 'hide middles' },
  { file: 'go-cpu', filters: [hide('zzz_nothing')], what: 'hide nothing' },
  { file: 'go-cpu', filters: [hide('.')], what: 'hide everything' },
  { file: 'go-cpu', filters: [focus('^main\\.')], what: 'focus on the program' },
  { file: 'go-cpu', filters: [focus('runtime.schedule', 'exact')], what: 'focus on a middle frame' },
  { file: 'go-cpu', filters: [focus('zzz_nothing')], what: 'focus on nothing' },
  { file: 'go-cpu', filters: [focus('.')], what: 'focus on everything' },
  { file: 'go-cpu', filters: [ignore('runtime.findrunnable', 'exact')], what: 'ignore a middle frame' },
  { file: 'go-cpu', filters: [ignore('zzz_nothing')], what: 'ignore nothing' },
  { file: 'go-cpu', filters: [ignore('.')], what: 'ignore everything' },
  { file: 'go-cpu', filters: [focus('^main\\.'), focus('kevent$')], what: 'two focus filters: either' },
  { file: 'go-cpu', filters: [focus('schedule'), ignore('schedule')], what: 'focus and ignore the same' },
  {
    file: 'go-cpu',
    filters: [focus('runtime\\.schedule'), ignore('netpoll'), hide('^runtime\\.(?:mcall|park_m)$')],
    what: 'focus, ignore and hide together',
  },
  { file: 'go-cpu', filters: [hide('runtime'), focus('runtime\\.main')], what: 'focus sees hidden frames' },
  { file: 'go-cpu', filters: [hide('(?i)RUNTIME\\.(NOTE|SEMA)')], what: 'case-insensitive regex' },
  { file: 'go-cpu', sampleType: 'samples', filters: [hide('^runtime\\.'), ignore('kevent')], what: 'sample counts' },
];

// Patterns here never match go-heap's mapping file (/usr/bin/pyroscope), which pprof also tests (see below).
const GO_HEAP: Case[] = [
  { file: 'go-heap', filters: [focus('tree\\.')], what: 'focus on a package' },
  { file: 'go-heap', filters: [hide('^github\\.com/dgraph-io/')], what: 'hide a module' },
  { file: 'go-heap', filters: [hide('^runtime\\.')], what: 'hide the runtime' },
  { file: 'go-heap', filters: [hide('net/http.HandlerFunc.ServeHTTP', 'exact')], what: 'hide a recursive frame' },
  { file: 'go-heap', filters: [focus('net/http.HandlerFunc.ServeHTTP', 'exact')], what: 'focus on a recursive frame' },
  { file: 'go-heap', filters: [ignore('\\(\\*MessageInfo\\)\\.unmarshalPointer')], what: 'ignore a recursive frame' },
  {
    file: 'go-heap',
    filters: [ignore('github.com/pyroscope-io/pyroscope/pkg/storage/tree.Deserialize', 'exact'), hide('^bytes\\.')],
    what: 'ignore and hide',
  },
  {
    file: 'go-heap',
    sampleType: 'alloc_space',
    filters: [focus('badger'), hide('^github\\.com/dgraph-io/badger/v2/table\\.')],
    what: 'alloc_space: focus and hide in one module',
  },
  {
    file: 'go-heap',
    sampleType: 'alloc_objects',
    filters: [hide('HandlerFunc\\.ServeHTTP$'), ignore('^runtime\\.')],
    what: 'alloc_objects (a count)',
  },
  {
    file: 'go-heap',
    sampleType: 'inuse_objects',
    filters: [focus('^google\\.golang\\.org/protobuf/'), hide('impl\\.')],
    what: 'inuse_objects',
  },
];

function load(file: string, sampleType?: string) {
  const decoded = decodePprof(new Uint8Array(fs.readFileSync(path.join(FIXTURES, `${file}.pb.gz`))), {
    ...(sampleType ? { sampleType } : {}),
  });
  return { ...decoded, unit: decoded.sampleTypes[decoded.sampleTypeIndex].unit };
}

/** Our rows in pprof's order: the filtered profile through the top table. */
function ourRows(profile: Profile, cum: boolean): TopRowValues[] {
  const t = topTable(profile);
  return Array.from(t.nameId, (id, r) => ({ name: profile.names[id], flat: t.self[r], cum: t.total[r] })).sort(
    pprofOrder(cum)
  );
}

/** The same flags as pprofFlags, as options of pprofTop. */
function flagOptions(filters: FrameFilter[]): { focus?: string; ignore?: string; hide?: string } {
  const out: Record<string, string> = {};
  for (const flag of pprofFlags(filters)) {
    const m = /^-(focus|ignore|hide)=([\s\S]*)$/.exec(flag);
    if (m) {
      out[m[1]] = m[2];
    }
  }
  return out;
}

const EXACT_UNIT: Record<string, string | undefined> = { nanoseconds: 'ns', bytes: 'B', count: undefined };

function expectSameTop(top: PprofTop, profile: Profile, cum: boolean, exact: boolean): void {
  const total = profile.total.length > 0 ? profile.total[0] : 0;
  const rows = ourRows(profile, cum).slice(0, TOP_N);
  const context = top.command;
  if (exact) {
    expect({ context, total: top.total.value }).toEqual({ context, total });
    expect({ context, rows: top.rows.map((r) => [r.name, r.flat.value, r.cum.value]) }).toEqual({
      context,
      rows: rows.map((r) => [r.name, r.flat, r.cum]),
    });
    expect(top.shown.value).toBe(rows.reduce((s, r) => s + r.flat, 0));
    return;
  }
  expect({ context, total: agreesWithPrinted(total, top.total) }).toEqual({ context, total: true });
  expect({ context, names: top.rows.map((r) => r.name) }).toEqual({ context, names: rows.map((r) => r.name) });
  top.rows.forEach((r, k) => {
    const ours = rows[k];
    const row = `${context}: ${r.name} ${r.flat.text} ${r.cum.text} vs ${ours.flat} ${ours.cum}`;
    expect({ row, flat: agreesWithPrinted(ours.flat, r.flat), cum: agreesWithPrinted(ours.cum, r.cum) }).toEqual({
      row,
      flat: true,
      cum: true,
    });
    // Percentages of the filtered total, as printed: two decimals from 1%, two significant digits below.
    const pct = (v: number) => (total === 0 ? 0 : (100 * v) / total);
    const close = (ours: number, printed: number) =>
      ours >= 99.95 || Math.abs(ours - printed) <= percentTolerance(ours) + 1e-12;
    expect({ row, flatPct: close(pct(ours.flat), r.flatPercent), cumPct: close(pct(ours.cum), r.cumPercent) }).toEqual({
      row,
      flatPct: true,
      cumPct: true,
    });
  });
}

/** Half the last digit pprof prints of a percentage: `%5.2f` from 1%, `%5.2g` (two significant digits) below. */
function percentTolerance(p: number): number {
  if (p >= 1 || p === 0) {
    return 0.005;
  }
  return 0.5 * 10 ** (Math.floor(Math.log10(p)) - 1);
}

describe.each([...GO_CPU, ...GO_HEAP].map((c) => [`${c.file}${c.sampleType ? ` ${c.sampleType}` : ''}: ${c.what}`, c]))(
  '%s',
  (_, c: Case) => {
    const { profile, unit } = load(c.file, c.sampleType);
    const filtered = applyFrameFilters(profile, c.filters);
    const file = path.join(FIXTURES, `${c.file}.pb.gz`);
    const base = { sampleUnit: unit, sampleIndex: c.sampleType, nodeCount: TOP_N, ...flagOptions(c.filters) };

    it('every filter is valid', () => {
      expect(filtered.outcomes.every((o) => o.status !== 'invalid')).toBe(true);
    });

    it.each([false, true])('top %#: by flat, then by cum (-cum), in exact units', (i) => {
      const cum = Boolean(i);
      const top = pprofTop(file, { ...base, cum, unit: EXACT_UNIT[unit] });
      expectSameTop(top, filtered.profile, cum, true);
    });

    it('top by flat in the units pprof picks, within its rounding', () => {
      expectSameTop(pprofTop(file, base), filtered.profile, false, false);
    });
  }
);

describe('the cases test what they say', () => {
  it('go-heap has recursive frames where the recursion cases filter', () => {
    const { profile } = load('go-heap');
    const { parent } = indexOf(profile);
    const recursive = new Set<string>();
    for (let i = 1; i < profile.level.length; i++) {
      for (let j = parent[i]; j > 0; j = parent[j]) {
        if (profile.nameId[j] === profile.nameId[i]) {
          recursive.add(profile.names[profile.nameId[i]]);
        }
      }
    }
    expect(recursive).toContain('net/http.HandlerFunc.ServeHTTP');
    expect(recursive).toContain('google.golang.org/protobuf/internal/impl.(*MessageInfo).unmarshalPointer');
  });

  it('hide of the runtime on go-cpu drops stacks (pprof too), and hide of a leaf keeps the total', () => {
    const { profile } = load('go-cpu');
    expect(applyFrameFilters(profile, [hide('^runtime\\.')]).profile.total[0]).toBe(10_000_000);
    expect(applyFrameFilters(profile, [hide('runtime.kevent', 'exact')]).profile.total[0]).toBe(profile.total[0]);
  });
});

describe('where pprof differs: it also matches the file names, and the mapping (binary) file', () => {
  it('-focus=pyroscope keeps all of go-heap in pprof (its binary is /usr/bin/pyroscope), only pyroscope functions here', () => {
    const { profile, unit } = load('go-heap');
    const ours = applyFrameFilters(profile, [focus('pyroscope')]).profile;
    const top = pprofTop(path.join(FIXTURES, 'go-heap.pb.gz'), { sampleUnit: unit, focus: 'pyroscope', unit: 'B' });
    expect(top.total.value).toBe(profile.total[0]);
    expect(ours.total[0]).toBeLessThan(profile.total[0]);
    expect(ours.total[0]).toBeGreaterThan(0);
  });
});
