import { useEffect, useMemo, useState } from 'react';

import type { DiffPalette } from '../../model/contract';
import type { Profile } from '../../model/profile';
import { callGraph, type CallGraphOptions } from '../../model/transforms/callGraph';
import type { ThemeMode } from '../render/colors';
import { loadDot, type DotEngine } from '../graph/dotLayout';
import { graphScene, type GraphScene } from '../graph/graphScene';

/** The scene of a profile's call graph, or why there is none yet. */
export type SceneState =
  | { status: 'pending' }
  | { status: 'ready'; scene: GraphScene; buildMs: number }
  | { status: 'error'; message: string };

/**
 * Builds the call graph and lays it out off React's render path: the view first paints its "Laying out…" state,
 * then, once Graphviz's WebAssembly is loaded (or has failed to load: dagre then lays out), one task does the work
 * (docs/call-graph.md has its times) and the result comes back as state. A newer input cancels the older one's task.
 */
export function useCallGraphScene(
  profile: Profile,
  options: CallGraphOptions,
  theme: ThemeMode,
  diffPalette: DiffPalette
): SceneState {
  const { nodeCount, nodeFraction, edgeFraction } = options;
  // The inputs a result was made for: a result for older inputs reads as pending.
  const inputs = useMemo(
    () => ({ profile, nodeCount, nodeFraction, edgeFraction, theme, diffPalette }),
    [profile, nodeCount, nodeFraction, edgeFraction, theme, diffPalette]
  );
  const [result, setResult] = useState<{ inputs: typeof inputs; state: SceneState } | undefined>(undefined);
  useEffect(() => {
    const setState = (state: SceneState) => setResult({ inputs, state });
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = (dot: DotEngine | undefined) => {
      try {
        const start = performance.now();
        const graph = callGraph(profile, { nodeCount, nodeFraction, edgeFraction });
        const buildMs = performance.now() - start;
        const scene = graphScene(graph, { unit: profile.unit, theme, diffPalette }, dot, () => performance.now());
        setState({ status: 'ready', scene, buildMs });
      } catch (error) {
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    };
    const frame = requestAnimationFrame(() => {
      loadDot().then(
        (dot) => !cancelled && (timer = setTimeout(() => run(dot), 0)),
        () => !cancelled && (timer = setTimeout(() => run(undefined), 0))
      );
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    };
  }, [inputs, profile, nodeCount, nodeFraction, edgeFraction, theme, diffPalette]);
  return result && result.inputs === inputs ? result.state : { status: 'pending' };
}
