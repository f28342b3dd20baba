import { renderHook, waitFor } from '@testing-library/react';

import { profileToDataFrame } from '../model/frame';
import { parseTree } from '../model/testing/asciiTree';
import { readPanelInput } from './panelData';
import { randomProfile } from './render/testing/syntheticProfiles';
import { SLICED_READ_MIN_ROWS, usePanelInput } from './usePanelInput';

const small = [profileToDataFrame(parseTree('total 10\n  main 10'))];
const bigProfile = randomProfile(SLICED_READ_MIN_ROWS + 10, 7);
const big = [profileToDataFrame(bigProfile)];
const other = [profileToDataFrame(randomProfile(SLICED_READ_MIN_ROWS + 20, 8))];

describe('usePanelInput', () => {
  it('reads a small frame during render', () => {
    const { result } = renderHook(() => usePanelInput(small));
    expect(result.current).toEqual(readPanelInput(small));
  });

  it('reads a large frame in later tasks: undefined first, then the same input as a direct read', async () => {
    const { result } = renderHook(() => usePanelInput(big));
    expect(result.current).toBeUndefined();
    await waitFor(() => expect(result.current).toBeDefined(), { timeout: 20_000 });
    const read = result.current;
    expect(read?.problem).toBeUndefined();
    expect(read?.profile?.level).toEqual(bigProfile.level);
    expect(read?.profile?.total).toEqual(bigProfile.total);
    expect(read?.profile?.nameId).toEqual(bigProfile.nameId);
  });

  it('drops a read that a newer answer replaced, and never shows an input of another answer', async () => {
    const seen: unknown[] = [];
    const { result, rerender } = renderHook(
      ({ series }) => {
        const input = usePanelInput(series);
        seen.push(input?.frame);
        return input;
      },
      { initialProps: { series: big } }
    );
    rerender({ series: other });
    expect(result.current).toBeUndefined();
    await waitFor(() => expect(result.current).toBeDefined(), { timeout: 20_000 });
    expect(result.current?.frame).toBe(other[0]);
    expect(seen).not.toContain(big[0]);
  });
});
