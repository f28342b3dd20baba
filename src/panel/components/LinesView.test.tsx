import React from 'react';
import * as fs from 'fs';
import * as path from 'path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';

import { indexPprofLines, linesOf, pprofLines } from '../../model/pprofLines';
import type { FrameFilter } from '../../model/transforms/frameFilters';
import { buildPprof } from '../../model/testing/pprofBuilder';
import { formatValue } from '../../model/units';
import type { ProfileSource } from '../profileSource';
import { LinesView } from './LinesView';

const GO_CPU = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../../fixtures/pprof/go-cpu.pb.gz')));
const HOT = 'runtime.findrunnable';

function source(load: () => Promise<Uint8Array>): ProfileSource & { loadPprof: jest.Mock } {
  return { fileName: 'app_cpu_1_2.pb.gz', loadPprof: jest.fn(load) };
}

function renderView(props: { frame?: object; src: ProfileSource; name?: string; onClose?: () => void }) {
  const onClose = props.onClose ?? jest.fn();
  const utils = render(
    <LinesView
      functionName={props.name ?? HOT}
      frame={props.frame ?? {}}
      source={props.src}
      heightPx={400}
      onClose={onClose}
    />
  );
  return { ...utils, onClose };
}

describe('LinesView', () => {
  it('shows loading, then one row per line with the model numbers, hot lines marked', async () => {
    let resolve: (b: Uint8Array) => void = () => undefined;
    const src = source(() => new Promise((r) => (resolve = r)));
    renderView({ src });
    expect(screen.getByText('Downloading the profile…')).toBeInTheDocument();
    resolve(GO_CPU);
    const table = await screen.findByTestId('flamelens-lines-table');
    const expected = pprofLines(GO_CPU, HOT);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual(
      expected.rows.map((r) => String(r.line))
    );
    expect(rows.map((r) => within(r).getAllByRole('cell')[4].textContent)).toEqual(
      expected.rows.map((r) => (r.cum === 0 ? '.' : formatValue(r.cum, 'nanoseconds')))
    );
    expect(rows.some((r) => r.dataset.hot === 'true')).toBe(true);
    expect(screen.getByTestId('flamelens-lines-totals').textContent).toContain('of 470 ms');
  });

  it('downloads once per frame: another function of the same frame reuses the profile', async () => {
    const frame = {};
    const src = source(() => Promise.resolve(GO_CPU));
    const first = renderView({ frame, src });
    await screen.findByTestId('flamelens-lines-table');
    first.unmount();
    renderView({ frame, src, name: 'runtime.mcall' });
    await screen.findByTestId('flamelens-lines-table');
    expect(src.loadPprof).toHaveBeenCalledTimes(1);
    renderView({ frame: {}, src, name: 'runtime.mcall' });
    await waitFor(() => expect(src.loadPprof).toHaveBeenCalledTimes(2));
  });

  it('says so when the download fails, and tries again next time', async () => {
    const frame = {};
    const failing = source(() => Promise.reject(new Error('the server answered 500: boom')));
    const view = renderView({ frame, src: failing });
    expect(await screen.findByText('the server answered 500: boom')).toBeInTheDocument();
    expect(screen.getByText('Could not read the source lines')).toBeInTheDocument();
    view.unmount();
    renderView({ frame, src: failing });
    await screen.findByText('the server answered 500: boom');
    expect(failing.loadPprof).toHaveBeenCalledTimes(2);
  });

  it('says the file is not a profile when the bytes are not pprof', async () => {
    renderView({ src: source(() => Promise.resolve(new Uint8Array([0x1f, 0x8b, 0, 1, 2]))) });
    expect(await screen.findByText(/^pprof profile: /)).toBeInTheDocument();
  });

  it('says the profile has no line numbers when it has functions only', async () => {
    const functionsOnly = buildPprof({
      sampleTypes: [['cpu', 'nanoseconds']],
      functions: [{ id: 1, name: 'main' }],
      locations: [{ id: 1, functionIds: [1], lines: [0] }],
      samples: [{ locationIds: [1], values: [10] }],
    });
    renderView({ src: source(() => Promise.resolve(functionsOnly)), name: 'main' });
    const empty = await screen.findByTestId('flamelens-lines-empty');
    expect(empty.textContent).toMatch(/This profile has no line numbers/);
    expect(screen.queryByTestId('flamelens-lines-table')).toBeNull();
  });

  it('applies the frame filters to the lines and says so', async () => {
    const filters: FrameFilter[] = [{ kind: 'hide', pattern: 'runtime.kevent', mode: 'exact' }];
    render(
      <LinesView
        functionName="runtime.netpoll"
        frame={{}}
        source={source(() => Promise.resolve(GO_CPU))}
        heightPx={400}
        onClose={jest.fn()}
        frameFilters={filters}
      />
    );
    const table = await screen.findByTestId('flamelens-lines-table');
    const expected = linesOf(indexPprofLines(GO_CPU), 'runtime.netpoll', filters);
    expect(expected.flat).toBeGreaterThan(0);
    const flats = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[2].textContent);
    expect(flats).toEqual(expected.rows.map((r) => (r.flat === 0 ? '.' : formatValue(r.flat, 'nanoseconds'))));
    expect(screen.getByTestId('flamelens-lines-filters').textContent).toContain('hide:exact:runtime.kevent');
  });

  it('keeps its rows when given an equal new filter list (a shell re-rendering)', async () => {
    const src = source(() => Promise.resolve(GO_CPU));
    const frame = {};
    const view = (filters: FrameFilter[]) => (
      <LinesView
        functionName="runtime.netpoll"
        frame={frame}
        source={src}
        heightPx={400}
        onClose={jest.fn()}
        frameFilters={filters}
      />
    );
    const { rerender } = render(view([{ kind: 'focus', pattern: 'netpoll', mode: 'regex' }]));
    await screen.findByTestId('flamelens-lines-table');
    rerender(view([{ kind: 'focus', pattern: 'netpoll', mode: 'regex' }]));
    expect(screen.getByTestId('flamelens-lines-table')).toBeInTheDocument();
    expect(screen.queryByText('Downloading the profile…')).toBeNull();
  });

  it('closes with its close button', async () => {
    const { onClose } = renderView({ src: source(() => Promise.resolve(GO_CPU)) });
    await screen.findByTestId('flamelens-lines-table');
    fireEvent.click(screen.getByRole('button', { name: 'Close source lines' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
