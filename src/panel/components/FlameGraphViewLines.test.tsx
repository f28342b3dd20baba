import React from 'react';
import * as fs from 'fs';
import * as path from 'path';
import { fireEvent, render, screen } from '@testing-library/react';

import { decodePprof } from '../../model/pprof';
import { profileToDataFrame } from '../../model/frame';
import { DEFAULT_OPTIONS } from '../options';
import { FlameGraphView } from './FlameGraphView';
import type { ProfileSource } from '../profileSource';

/**
 * The Lines view inside the panel's view: opened from the top table's selected row, it takes the place of the flame
 * graph and the table until closed; without a profile source there is no way to open it.
 */

const BYTES = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../../fixtures/pprof/go-cpu.pb.gz')));
const { profile } = decodePprof(BYTES);
const frame = profileToDataFrame(profile);

function renderView(profileSource?: ProfileSource) {
  return render(
    <FlameGraphView
      profile={profile}
      frame={frame}
      options={{ ...DEFAULT_OPTIONS, view: 'table' }}
      widthPx={900}
      heightPx={500}
      profileSource={profileSource}
    />
  );
}

describe('FlameGraphView source lines', () => {
  it('opens the lines of the table row selected, instead of the table, and closes back to it', async () => {
    const source = { fileName: 'x.pb.gz', loadPprof: jest.fn(async () => BYTES) };
    renderView(source);
    fireEvent.click(await screen.findByText('runtime.findrunnable'));
    fireEvent.click(screen.getByRole('button', { name: /Source lines/ }));
    expect(await screen.findByTestId('flamelens-lines-table')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Source lines of runtime.findrunnable' })).toBeInTheDocument();
    expect(screen.queryByPlaceholderText('Filter functions')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Close source lines' }));
    expect(screen.queryByTestId('flamelens-lines')).toBeNull();
    expect(screen.getByPlaceholderText('Filter functions')).toBeInTheDocument();
  });

  it('closes the lines when another view is chosen', async () => {
    renderView({ fileName: 'x.pb.gz', loadPprof: jest.fn(async () => BYTES) });
    fireEvent.click(await screen.findByText('runtime.findrunnable'));
    fireEvent.click(screen.getByRole('button', { name: /Source lines/ }));
    await screen.findByTestId('flamelens-lines-table');
    fireEvent.click(screen.getByRole('radio', { name: /Both/ }));
    expect(screen.queryByTestId('flamelens-lines')).toBeNull();
    expect(screen.getByPlaceholderText('Filter functions')).toBeInTheDocument();
  });

  it('offers no source lines without a profile source', async () => {
    renderView(undefined);
    fireEvent.click(await screen.findByText('runtime.findrunnable'));
    expect(screen.queryByRole('button', { name: /Source lines/ })).toBeNull();
  });
});
