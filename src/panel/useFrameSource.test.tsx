import { act, renderHook, waitFor } from '@testing-library/react';
import type { DataFrame, DataQueryRequest } from '@grafana/data';
import { getDataSourceSrv, setDataSourceSrv } from '@grafana/runtime';

import type { DataSourceLookup } from './profileSource';
import { useFrameSource, type FindFrameSource } from './useFrameSource';

/** The lookup the panel's pprof download and refine on focus share: found, not found, failed, looked up again. */

const frameA = { name: 'a', fields: [], length: 0 } as DataFrame;
const frameB = { name: 'b', fields: [], length: 0 } as DataFrame;
const request = { targets: [] } as unknown as DataQueryRequest;
const runtimeSrv = { get: jest.fn() } as unknown as ReturnType<typeof getDataSourceSrv>;

beforeAll(() => setDataSourceSrv(runtimeSrv));

it('gives what the finder found for the frame, through Grafana’s runtime', async () => {
  const seen: DataSourceLookup[] = [];
  const find: FindFrameSource<string> = async (frame, _req, srv) => {
    seen.push(srv);
    return `source of ${frame?.name}`;
  };
  const { result, rerender } = renderHook(({ frame }) => useFrameSource(find, frame, request), {
    initialProps: { frame: frameA },
  });
  expect(result.current).toBeUndefined();
  await waitFor(() => expect(result.current).toBe('source of a'));
  expect(seen[0]).toBe(runtimeSrv);
  rerender({ frame: frameB });
  await waitFor(() => expect(result.current).toBe('source of b'));
});

it('is undefined when the lookup fails', async () => {
  const find: FindFrameSource<string> = () => Promise.reject(new Error('datasource not found'));
  const { result } = renderHook(() => useFrameSource(find, frameA, request));
  await act(() => new Promise((r) => setTimeout(r, 0)));
  expect(result.current).toBeUndefined();
});

it('drops an answer that comes after the frame changed', async () => {
  const pending: Array<(v: string) => void> = [];
  const find: FindFrameSource<string> = () => new Promise((resolve) => pending.push(resolve));
  const { result, rerender } = renderHook(({ frame }) => useFrameSource(find, frame, request), {
    initialProps: { frame: frameA },
  });
  rerender({ frame: frameB });
  expect(pending).toHaveLength(2);
  await act(async () => pending[1]('for b'));
  await act(async () => pending[0]('stale, for a'));
  expect(result.current).toBe('for b');
});
