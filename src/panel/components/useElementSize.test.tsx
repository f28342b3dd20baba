import React from 'react';
import { act, render } from '@testing-library/react';

import { useElementSize } from './useElementSize';

/** A ResizeObserver stand-in the test drives: `report` delivers an entry as the browser's rendering step would. */
class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  observed: Element[] = [];
  disconnected = false;
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.all.push(this);
  }
  observe(el: Element) {
    this.observed.push(el);
  }
  unobserve() {}
  disconnect() {
    this.disconnected = true;
  }
  report(width: number, height: number) {
    const entry = { target: this.observed[0], borderBoxSize: [{ inlineSize: width, blockSize: height }] };
    this.callback([entry as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
}

describe('useElementSize', () => {
  const original = globalThis.ResizeObserver;
  beforeEach(() => {
    FakeResizeObserver.all = [];
    globalThis.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;
  });
  afterEach(() => {
    globalThis.ResizeObserver = original;
  });

  function Probe({ onRender }: { onRender: (w: number, h: number) => void }) {
    const [ref, size] = useElementSize<HTMLDivElement>();
    onRender(size.width, size.height);
    return <div ref={ref} />;
  }

  it('mounts in one render with no measurement, then follows the observer’s border-box reports, rounded up', () => {
    const renders: Array<[number, number]> = [];
    const view = render(<Probe onRender={(w, h) => renders.push([w, h])} />);
    // No state set while committing: a forced layout and a second render would delay the first paint.
    expect(renders).toEqual([[0, 0]]);
    const [observer] = FakeResizeObserver.all;
    expect(observer.observed).toHaveLength(1);
    act(() => observer.report(300.2, 41.5));
    expect(renders[renders.length - 1]).toEqual([301, 42]);
    const count = renders.length;
    // The same rounded size renders nothing.
    act(() => observer.report(300.9, 41.9));
    expect(renders).toHaveLength(count);
    act(() => observer.report(280, 41));
    expect(renders[renders.length - 1]).toEqual([280, 41]);
    view.unmount();
    expect(observer.disconnected).toBe(true);
  });
});
