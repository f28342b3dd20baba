import { act, renderHook } from '@testing-library/react';

import { useAfterPaint } from './useAfterPaint';

describe('useAfterPaint', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps the old value until an animation frame and a task have passed', () => {
    const { result, rerender } = renderHook(({ v }) => useAfterPaint(v), { initialProps: { v: 1 } });
    rerender({ v: 2 });
    expect(result.current).toBe(1);
    act(() => {
      jest.advanceTimersByTime(16);
    });
    act(() => {
      jest.runOnlyPendingTimers();
    });
    expect(result.current).toBe(2);
  });
});
