import * as fs from 'fs';
import * as path from 'path';
import React from 'react';
import { render, screen } from '@testing-library/react';

import { pprofOrder, pprofTop, type TopRowValues } from '../../tests/support/goPprof';
import { profileToDataFrame } from '../model/frame';
import { decodePprof } from '../model/pprof';
import type { FilterEntry } from '../model/transforms/filterEntries';
import { pprofFlags } from '../model/transforms/frameFilters';
import { topTable } from '../model/transforms/topTable';
import { FlameGraphPanel } from './FlameGraphPanel';
import { deriveFilterView } from './frameFilterView';
import { panelProps } from './testing/panelProps';
import { readPanelInput } from './panelData';

/**
 * The panel's own path — the frame as the datasource writes it, read by the panel, filtered by the entries of its
 * options (chips, presets, context-menu filters) — against `go tool pprof -hide/-focus/-ignore -top` on the Go
 * fixtures: the header's "showing X of Y" is pprof's "Showing nodes accounting for X, …% of Y total" (Y before
 * filtering, as pprof prints by default), and the top functions of the filtered profile are pprof's rows.
 */

const FIXTURES = path.join(__dirname, '../../fixtures/pprof');
const FROM = Date.UTC(2024, 4, 1, 1, 0);
const TO = FROM + 60_000;

interface Case {
  file: string;
  entries: FilterEntry[];
  what: string;
}

const CASES: Case[] = [
  { file: 'go-cpu', entries: [{ preset: 'go' }], what: 'the Go preset chip' },
  {
    file: 'go-cpu',
    entries: [
      { kind: 'focus', mode: 'exact', pattern: 'runtime.schedule' },
      { kind: 'ignore', mode: 'regex', pattern: 'netpoll' },
    ],
    what: 'focus on a function (context menu) and ignore a regex',
  },
  { file: 'go-cpu', entries: [{ kind: 'hide', mode: 'exact', pattern: 'runtime.kevent' }], what: 'hide a leaf' },
  {
    file: 'go-heap',
    entries: [{ kind: 'hide', mode: 'exact', pattern: 'net/http.HandlerFunc.ServeHTTP' }, { preset: 'go' }],
    what: 'hide a recursive function and the Go preset',
  },
];

const EXACT_UNIT: Record<string, string> = { nanoseconds: 'ns', bytes: 'B' };

function flagOptions(flags: string[]): { focus?: string; ignore?: string; hide?: string } {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const m = /^-(focus|ignore|hide)=([\s\S]*)$/.exec(flag);
    if (m) {
      out[m[1]] = m[2];
    }
  }
  return out;
}

describe.each(CASES.map((c) => [`${c.file}: ${c.what}`, c] as const))('%s', (_, c) => {
  const file = path.join(FIXTURES, `${c.file}.pb.gz`);
  const decoded = decodePprof(new Uint8Array(fs.readFileSync(file)));
  const sampleUnit = decoded.sampleTypes[decoded.sampleTypeIndex].unit;
  const frame = profileToDataFrame(decoded.profile, {
    refId: 'A',
    name: 'flamegraph',
    custom: { fromMs: FROM, toMs: TO },
  });
  // The panel's reading and derivation, as FlameGraphPanel runs them.
  const input = readPanelInput([frame]);
  const view = deriveFilterView(
    input.profile!,
    c.entries.map((entry) => ({ entry, source: 'panel' as const }))
  );
  const flags = flagOptions(pprofFlags(view.filters));

  it("the header's numbers are pprof's: shown of the total before filtering", () => {
    const top = pprofTop(file, { sampleUnit, unit: EXACT_UNIT[sampleUnit], relativePercentages: false, ...flags });
    render(<FlameGraphPanel {...panelProps([frame], FROM, TO, { view: 'flamegraph', frameFilters: c.entries })} />);
    const summary = screen.getByTestId('flamelens-filter-summary');
    expect({
      command: top.command,
      shown: Number(summary.dataset.shown),
      total: Number(summary.dataset.total),
    }).toEqual({
      command: top.command,
      shown: top.shown.value,
      total: top.total.value,
    });
    // The same share pprof prints after "accounting for".
    const share = /, (\S+)% of/.exec(top.header.find((l) => l.startsWith('Showing')) ?? '')?.[1];
    expect(summary.textContent).toContain(`(${Number(share) === 100 ? '100' : share}%)`);
  });

  it.each([false, true])('the top functions of what the panel shows are pprof -top rows (cum: %s)', (cum) => {
    const top = pprofTop(file, { sampleUnit, unit: EXACT_UNIT[sampleUnit], nodeCount: 20, cum, ...flags });
    const t = topTable(view.profile);
    const rows: TopRowValues[] = Array.from(t.nameId, (id, r) => ({
      name: view.profile.names[id],
      flat: t.self[r],
      cum: t.total[r],
    })).sort(pprofOrder(cum));
    expect({ command: top.command, rows: top.rows.map((r) => [r.name, r.flat.value, r.cum.value]) }).toEqual({
      command: top.command,
      rows: rows.slice(0, 20).map((r) => [r.name, r.flat, r.cum]),
    });
  });
});
