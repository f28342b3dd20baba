import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DataFrame, DataQueryRequest } from '@grafana/data';

import type { Profile } from '../model/profile';
import { findCallSite, spliceSubtree, subtreeIsTruncated } from '../model/transforms/refine';
import { findSubtreeSource, type SubtreeSource } from './subtreeSource';
import { useFrameSource } from './useFrameSource';

/**
 * Refine on focus, the panel's part (`docs/refine-on-focus.md`). The view reports the call site the user focused;
 * when the server cut that frame's subtree (an `other` node below it), the frame's datasource is asked for that call
 * site's exact subtree, and the answer is spliced into the profile the panel shows, before the frame filters, so
 * every view (flame graph, table, sandwich, search, diff) shows the exact numbers.
 *
 * One request at a time: a new focus, or new data, aborts the one in flight (its HTTP request is cancelled). Answers
 * are kept per profile and call site, so coming back to a frame costs no request; new data starts afresh.
 */

/** What the header says about refinement, for the focused call site. */
export type RefineStatus =
  | { kind: 'loading'; callSite: readonly string[] }
  /**
   * `callSite` is the refined ancestor-or-self of the focus (else, with the focus elsewhere, the last call site
   * refined, and `others` how many more are spliced in); `exact` false: the answer was cut again.
   */
  | { kind: 'refined'; callSite: readonly string[]; exact: boolean; others?: number }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'error'; callSite: readonly string[]; message: string };

export interface RefineOnFocus {
  /** The profile with the refined subtrees spliced in (the input itself until one arrives). */
  profile: Profile | undefined;
  status: RefineStatus | undefined;
  /** The view calls it with the focused call site (frame names from the root), or undefined for the root. */
  onFocusCallSite: (callSite: readonly string[] | undefined) => void;
}

interface Applied {
  key: string;
  callSite: readonly string[];
  exact: boolean;
}

interface State {
  base: Profile | undefined;
  profile: Profile | undefined;
  applied: readonly Applied[];
  error?: { key: string; callSite: readonly string[]; message: string };
  unsupported?: string;
  /** Answers by call site, for this base profile. */
  cache: Map<string, Profile>;
}

const initial = (base: Profile | undefined): State => ({ base, profile: base, applied: [], cache: new Map() });

/** One string per call site (frame names may hold any character but NUL-free joins are not guaranteed: JSON). */
export const callSiteKey = (callSite: readonly string[]): string => JSON.stringify(callSite);

function isPrefix(prefix: readonly string[], of: readonly string[]): boolean {
  return prefix.length <= of.length && prefix.every((name, i) => of[i] === name);
}

/** Splices `answer` at `callSite` into the state's profile; a refused splice becomes the status's error. */
function applyAnswer(s: State, callSite: readonly string[], answer: Profile): State {
  const key = callSiteKey(callSite);
  if (!s.profile) {
    return s;
  }
  try {
    const out = spliceSubtree(s.profile, callSite, answer);
    const applied = [...s.applied.filter((a) => !isPrefix(callSite, a.callSite)), { key, callSite, exact: out.exact }];
    return { ...s, profile: out.profile, applied, error: undefined };
  } catch (err) {
    return { ...s, error: { key, callSite, message: messageOf(err) } };
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The subtree source of the frame's datasource, once found (undefined while looking, and when there is none). */
export function useSubtreeSource(
  frame: DataFrame | undefined,
  request: DataQueryRequest | undefined
): SubtreeSource | undefined {
  return useFrameSource(findSubtreeSource, frame, request);
}

export function useRefineOnFocus(
  base: Profile | undefined,
  frame: DataFrame | undefined,
  request: DataQueryRequest | undefined
): RefineOnFocus {
  const source = useSubtreeSource(frame, request);
  const [focus, setFocus] = useState<Focus | undefined>(undefined);
  const [stored, setState] = useState<State>(() => initial(base));
  // The state and focus a focus report is judged against (set after each render): see `matters`.
  const latest = useRef<{ state: State; focusKey: string | undefined }>({ state: stored, focusKey: undefined });
  const onFocusCallSite = useCallback((callSite: readonly string[] | undefined) => {
    // A focus that neither asks for a subtree nor changes what the header says is kept as "no focus", so moving
    // between frames of an untruncated profile renders nothing (the panel would re-render after every focus).
    const next =
      callSite && callSite.length > 0 && matters(latest.current.state, callSite)
        ? { key: callSiteKey(callSite), callSite: [...callSite] }
        : undefined;
    // No setter is called when nothing changes: React may render once more even for an unchanged value.
    if (latest.current.focusKey !== next?.key) {
      latest.current.focusKey = next?.key;
      setFocus((prev) => (prev?.key === next?.key ? prev : next));
    }
    // A failure is said until the focus moves: coming back to the frame asks again.
    const error = latest.current.state.error;
    if (error && error.key !== next?.key) {
      setState((prev) => (prev.error && prev.error.key !== next?.key ? { ...prev, error: undefined } : prev));
    }
  }, []);
  // New data: refinements of the old profile do not apply (state adjusted during render, as React advises).
  const reset = stored.base !== base;
  const state = reset ? initial(base) : stored;
  if (reset) {
    setState(state);
  }
  // A layout effect: it runs before the view's passive effects report the focus of this same commit.
  useLayoutEffect(() => {
    latest.current = { state, focusKey: focus?.key };
  });
  const { profile, applied, unsupported, error, cache } = state;
  const hasSource = source !== undefined;
  const next = useMemo(
    () => nextStep(profile, applied, cache, focus, hasSource, unsupported, error),
    [profile, applied, cache, focus, hasSource, unsupported, error]
  );
  if (next.kind === 'cached' && focus) {
    // An answer fetched before for this call site: spliced in now, without a request.
    setState(applyAnswer(state, focus.callSite, next.answer));
  }
  useEffect(() => {
    if (next.kind !== 'fetch' || !source) {
      return;
    }
    const { callSite, key } = next.focus;
    const controller = new AbortController();
    const current = (prev: State) => prev.base === base && !controller.signal.aborted;
    source.fetch(callSite, controller.signal).then(
      (result) =>
        setState((prev) => {
          if (!current(prev)) {
            return prev;
          }
          if (result.kind === 'unsupported') {
            return { ...prev, unsupported: result.reason };
          }
          prev.cache.set(key, result.profile);
          return applyAnswer(prev, callSite, result.profile);
        }),
      (err: unknown) =>
        setState((prev) => (current(prev) ? { ...prev, error: { key, callSite, message: messageOf(err) } } : prev))
    );
    // A new focus, new data or unmounting aborts the request (its HTTP request is cancelled).
    return () => controller.abort();
  }, [next, source, base]);

  const status = useMemo(
    () =>
      next.kind === 'fetch' ? { kind: 'loading' as const, callSite: next.focus.callSite } : refineStatus(state, focus),
    // `state` matters through the fields refineStatus reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [next, profile, applied, unsupported, error, focus]
  );
  return { profile, status, onFocusCallSite };
}

interface Focus {
  key: string;
  callSite: readonly string[];
}

/**
 * Whether the focus on `callSite` can change anything: a fetch, a cached splice or the "cannot" message need its
 * subtree to be truncated; the header's "exact below" and error texts need refinements or an error to exist.
 */
function matters(s: State, callSite: readonly string[]): boolean {
  if (s.applied.length > 0 || s.error !== undefined) {
    return true;
  }
  if (!s.profile) {
    return false;
  }
  const node = findCallSite(s.profile, callSite);
  return node > 0 && subtreeIsTruncated(s.profile, node);
}

/** What to do for the focus: nothing, splice a cached answer, or fetch the call site's subtree. */
type NextStep = { kind: 'none' } | { kind: 'cached'; answer: Profile } | { kind: 'fetch'; focus: Focus };

const NONE: NextStep = { kind: 'none' };

function nextStep(
  profile: Profile | undefined,
  applied: readonly Applied[],
  cache: Map<string, Profile>,
  focus: Focus | undefined,
  hasSource: boolean,
  unsupported: string | undefined,
  error: State['error']
): NextStep {
  if (!focus || !profile || !hasSource || unsupported !== undefined || error?.key === focus.key) {
    return NONE;
  }
  // Once refined, a call site is not asked again, even when its answer was cut again (the budget is the same).
  if (applied.some((a) => a.key === focus.key)) {
    return NONE;
  }
  const node = findCallSite(profile, focus.callSite);
  if (node <= 0 || !subtreeIsTruncated(profile, node)) {
    return NONE;
  }
  const answer = cache.get(focus.key);
  return answer ? { kind: 'cached', answer } : { kind: 'fetch', focus };
}

/** What to say for the focused call site when nothing is loading. */
function refineStatus(s: State, focus: Focus | undefined): RefineStatus | undefined {
  if (!s.profile) {
    return undefined;
  }
  if (!focus) {
    return splicedElsewhere(s);
  }
  if (s.error && s.error.key === focus.key) {
    return { kind: 'error', callSite: s.error.callSite, message: s.error.message };
  }
  // The deepest refined call site at or above the focus.
  let refined: Applied | undefined;
  for (const a of s.applied) {
    if (isPrefix(a.callSite, focus.callSite) && (!refined || a.callSite.length > refined.callSite.length)) {
      refined = a;
    }
  }
  if (refined) {
    return { kind: 'refined', callSite: refined.callSite, exact: refined.exact };
  }
  if (s.unsupported !== undefined) {
    const node = findCallSite(s.profile, focus.callSite);
    if (node > 0 && subtreeIsTruncated(s.profile, node)) {
      return { kind: 'unsupported', reason: s.unsupported };
    }
  }
  return splicedElsewhere(s);
}

/** With the focus outside every refined subtree: the view still holds them, so the header says so. */
function splicedElsewhere(s: State): RefineStatus | undefined {
  const last = s.applied[s.applied.length - 1];
  return last
    ? { kind: 'refined', callSite: last.callSite, exact: last.exact, others: s.applied.length - 1 }
    : undefined;
}
