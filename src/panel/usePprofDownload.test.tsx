import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';

import type { ProfileSource } from './profileSource';
import { PprofDownloadError, usePprofDownload } from './usePprofDownload';

/** The panel's download runner: saves the file under the source's name, shows a failure, offers nothing without source. */

function Harness({ source }: { source?: ProfileSource }) {
  const state = usePprofDownload(source);
  return (
    <div>
      {state.onExportPprof && <button onClick={state.onExportPprof}>Download pprof</button>}
      <PprofDownloadError state={state} />
    </div>
  );
}

describe('usePprofDownload', () => {
  let clicked: Array<{ href: string; download: string }>;
  beforeEach(() => {
    clicked = [];
    URL.createObjectURL = jest.fn(() => 'blob:pprof');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('offers nothing without a source', () => {
    render(<Harness />);
    expect(screen.queryByRole('button', { name: 'Download pprof' })).toBeNull();
  });

  it('saves the bytes under the file name', async () => {
    const loadPprof = jest.fn(() => Promise.resolve(new Uint8Array([0x1f, 0x8b, 1])));
    render(<Harness source={{ fileName: 'svc_cpu_a_b.pb.gz', loadPprof }} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Download pprof' }));
    });
    expect(loadPprof).toHaveBeenCalledWith(expect.any(AbortSignal));
    expect(clicked).toEqual([{ href: 'blob:pprof', download: 'svc_cpu_a_b.pb.gz' }]);
    const blob = (URL.createObjectURL as jest.Mock).mock.calls[0][0] as Blob;
    expect(blob.size).toBe(3);
    expect(screen.queryByTestId('flamelens-pprof-error')).toBeNull();
  });

  it('shows why a download failed, until dismissed', async () => {
    const loadPprof = () => Promise.reject(new Error('The pprof download failed: No profile to download'));
    render(<Harness source={{ fileName: 'x.pb.gz', loadPprof }} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Download pprof' }));
    });
    const alert = screen.getByTestId('flamelens-pprof-error');
    expect(alert).toHaveTextContent('Download pprof failed');
    expect(alert).toHaveTextContent('The pprof download failed: No profile to download');
    expect(clicked).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: /close|remove/i }));
    expect(screen.queryByTestId('flamelens-pprof-error')).toBeNull();
  });

  it('drops the answer of a download a newer one replaced', async () => {
    let resolveFirst: (b: Uint8Array) => void = () => undefined;
    const signals: AbortSignal[] = [];
    const loadPprof = jest
      .fn<Promise<Uint8Array>, [AbortSignal?]>()
      .mockImplementationOnce((signal) => {
        signals.push(signal!);
        return new Promise((r) => (resolveFirst = r));
      })
      .mockImplementationOnce((signal) => {
        signals.push(signal!);
        return Promise.resolve(new Uint8Array([2]));
      });
    render(<Harness source={{ fileName: 'x.pb.gz', loadPprof }} />);
    const button = screen.getByRole('button', { name: 'Download pprof' });
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    expect(signals[0].aborted).toBe(true);
    await act(async () => resolveFirst(new Uint8Array([1])));
    expect(clicked).toHaveLength(1);
  });
});
