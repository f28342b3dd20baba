import { act, renderHook } from '@testing-library/react';
import { dateTime, type DataFrame, type DataQueryRequest } from '@grafana/data';
import { setDataSourceSrv } from '@grafana/runtime';

import { profileToDataFrame } from '../model/frame';
import { checkProfile, type Profile } from '../model/profile';
import { parseTree, printTree, tree } from '../model/testing/asciiTree';
import { useRefineOnFocus } from './useRefineOnFocus';

/**
 * The panel's refine on focus with a stand-in datasource found through Grafana's runtime (as the panel finds the
 * real one): when it asks, what it splices, cancellation, caching, pyroscope-io's refusal and failures. The real
 * datasource and test server are in tests/refineOnFocus.integration.test.ts, the built panel in
 * tests/browser/refineOnFocus.browser.test.ts.
 */

const truncated = parseTree(tree`
  total 100
    main 100
      work 70
        parse 40
        other 30
      idle 30
        other 5
`);
const workAnswer = parseTree('total 70\n  main 70\n    work 70\n      parse 40\n      encode 20\n      hash 10');
const mainAnswer = parseTree(tree`
  total 100
    main 100
      work 70
        parse 40
        other 30
      idle 30
        sleep 30
`);

interface Call {
  callSite: readonly string[];
  signal: AbortSignal;
  resolve: (answer: unknown) => void;
  reject: (err: Error) => void;
}

function setup(kind: 'grafana' | 'og' = 'grafana') {
  const calls: Call[] = [];
  const ds = {
    fetchSubtree: (_q: unknown, _r: unknown, callSite: readonly string[], o: { signal: AbortSignal }) =>
      kind === 'og'
        ? Promise.resolve({ supported: false, reason: 'pyroscope-io cannot fetch exact subtrees', flavor: 'og' })
        : new Promise((resolve, reject) => calls.push({ callSite, signal: o.signal, resolve, reject })),
  };
  setDataSourceSrv({ get: () => Promise.resolve(ds) } as never);
  const frame = { refId: 'A', fields: [], length: 0 } as unknown as DataFrame;
  const range = { from: dateTime(0), to: dateTime(1), raw: { from: 'now-1h', to: 'now' } };
  const request = { targets: [{ refId: 'A', datasource: { uid: 'x' } }], range } as unknown as DataQueryRequest;
  return { calls, frame, request };
}

const answerOf = (p: Profile) => ({ supported: true, frame: profileToDataFrame(p, { refId: 'A' }), maxNodes: 10 });

async function mount(kind: 'grafana' | 'og' = 'grafana', base: Profile = truncated) {
  const env = setup(kind);
  const hook = renderHook(({ profile }) => useRefineOnFocus(profile, env.frame, env.request), {
    initialProps: { profile: base },
  });
  await act(async () => undefined); // the datasource lookup
  return { ...env, hook };
}

describe('useRefineOnFocus', () => {
  it('asks for a truncated focus, says it is loading, then splices the exact subtree', async () => {
    const { calls, hook } = await mount();
    act(() => hook.result.current.onFocusCallSite(['main', 'work']));
    expect(calls.map((c) => c.callSite)).toEqual([['main', 'work']]);
    expect(hook.result.current.status).toEqual({ kind: 'loading', callSite: ['main', 'work'] });
    await act(async () => calls[0].resolve(answerOf(workAnswer)));
    expect(printTree(hook.result.current.profile!)).toBe(tree`
      total 100
        main 100
          work 70
            parse 40
            encode 20
            hash 10
          idle 30
            other 5
    `);
    expect(checkProfile(hook.result.current.profile!)).toEqual([]);
    expect(hook.result.current.status).toEqual({ kind: 'refined', callSite: ['main', 'work'], exact: true });
    // A frame below the refined one is exact too, and asks nothing.
    act(() => hook.result.current.onFocusCallSite(['main', 'work', 'encode']));
    expect(hook.result.current.status).toMatchObject({ kind: 'refined', callSite: ['main', 'work'] });
    // Elsewhere (the root here), the header still says the view holds a refined subtree.
    act(() => hook.result.current.onFocusCallSite(undefined));
    expect(hook.result.current.status).toEqual({ kind: 'refined', callSite: ['main', 'work'], exact: true, others: 0 });
    expect(calls).toHaveLength(1);
  });

  it('asks nothing for the root or a frame whose subtree is whole', async () => {
    const { calls, hook } = await mount();
    act(() => hook.result.current.onFocusCallSite(['main', 'work', 'parse']));
    act(() => hook.result.current.onFocusCallSite(undefined));
    expect(calls).toHaveLength(0);
    expect(hook.result.current.status).toBeUndefined();
  });

  it('renders nothing again while the focus moves between frames whose subtrees are whole', async () => {
    const env = setup();
    let renders = 0;
    const hook = renderHook(
      ({ profile }) => {
        renders++;
        return useRefineOnFocus(profile, env.frame, env.request);
      },
      { initialProps: { profile: truncated } }
    );
    await act(async () => undefined);
    const before = renders;
    act(() => hook.result.current.onFocusCallSite(['main', 'work', 'parse']));
    act(() => hook.result.current.onFocusCallSite(['main', 'idle', 'other']));
    act(() => hook.result.current.onFocusCallSite(undefined));
    expect(renders).toBe(before);
    // A truncated frame still asks, and the render that says "loading" follows.
    act(() => hook.result.current.onFocusCallSite(['main', 'idle']));
    expect(env.calls.map((c) => c.callSite)).toEqual([['main', 'idle']]);
    expect(renders).toBeGreaterThan(before);
  });

  it('aborts the request when the focus moves on, and when new data arrives', async () => {
    const { calls, hook } = await mount();
    act(() => hook.result.current.onFocusCallSite(['main', 'work']));
    act(() => hook.result.current.onFocusCallSite(['main', 'idle']));
    expect(calls[0].signal.aborted).toBe(true);
    expect(calls[1].callSite).toEqual(['main', 'idle']);
    await act(async () => calls[0].resolve(answerOf(workAnswer)));
    expect(hook.result.current.profile).toBe(truncated);
    const next = parseTree(printTree(truncated));
    hook.rerender({ profile: next });
    expect(calls[1].signal.aborted).toBe(true);
    // The new data's own request for the same focus.
    expect(calls).toHaveLength(3);
    expect(hook.result.current.profile).toBe(next);
  });

  it('keeps answers per call site: refocusing a frame cut again by an ancestor’s answer asks nothing', async () => {
    const { calls, hook } = await mount();
    act(() => hook.result.current.onFocusCallSite(['main', 'work']));
    await act(async () => calls[0].resolve(answerOf(workAnswer)));
    // main's subtree still has `other` under idle: main is asked for, and its answer cuts work again.
    act(() => hook.result.current.onFocusCallSite(['main']));
    expect(calls.map((c) => c.callSite)).toEqual([['main', 'work'], ['main']]);
    await act(async () => calls[1].resolve(answerOf(mainAnswer)));
    expect(printTree(hook.result.current.profile!)).not.toContain('encode 20');
    // Focusing work again splices the kept answer, without a request.
    act(() => hook.result.current.onFocusCallSite(['main', 'work']));
    expect(calls).toHaveLength(2);
    expect(hook.result.current.status).toMatchObject({ kind: 'refined', callSite: ['main', 'work'], exact: true });
    expect(printTree(hook.result.current.profile!)).toContain('encode 20');
    expect(printTree(hook.result.current.profile!)).toContain('sleep 30');
  });

  it('says pyroscope-io cannot, for truncated frames only', async () => {
    const { hook } = await mount('og');
    await act(async () => hook.result.current.onFocusCallSite(['main', 'work']));
    expect(hook.result.current.status).toEqual({
      kind: 'unsupported',
      reason: 'pyroscope-io cannot fetch exact subtrees',
    });
    act(() => hook.result.current.onFocusCallSite(['main', 'work', 'parse']));
    expect(hook.result.current.status).toBeUndefined();
    expect(hook.result.current.profile).toBe(truncated);
  });

  it('says why a request failed or an answer did not fit, and asks again after the focus came back', async () => {
    const { calls, hook } = await mount();
    act(() => hook.result.current.onFocusCallSite(['main', 'work']));
    await act(async () => calls[0].reject(new Error('The subtree request failed: HTTP 500')));
    expect(hook.result.current.status).toEqual({
      kind: 'error',
      callSite: ['main', 'work'],
      message: 'The subtree request failed: HTTP 500',
    });
    act(() => hook.result.current.onFocusCallSite(['main']));
    act(() => hook.result.current.onFocusCallSite(['main', 'work']));
    expect(calls).toHaveLength(3);
    await act(async () => calls[2].resolve(answerOf(parseTree('total 1\n  elsewhere 1'))));
    expect(hook.result.current.status).toMatchObject({
      kind: 'error',
      message: "The server's answer has no stack through main → work",
    });
    expect(hook.result.current.profile).toBe(truncated);
    act(() => hook.result.current.onFocusCallSite(['main', 'idle']));
    await act(async () => calls[3].resolve({ supported: true, frame: { fields: [] } }));
    expect(hook.result.current.status).toMatchObject({ kind: 'error', message: expect.stringMatching(/flame graph/) });
  });
});
