/**
 * For `flamelensHost.ready`: tells when every panel of a dashboard scene has its plugin and its first query result
 * (done or failed), then waits two animation frames so that the panels have drawn it.
 */
import { LoadingState } from '@grafana/data';
import { SceneQueryRunner, type SceneObject, type VizPanel } from '@grafana/scenes';

import type { DashboardScene } from './DashboardScene';

function answered(runner: SceneQueryRunner): boolean {
  const state = runner.state.data?.state;
  return state === LoadingState.Done || state === LoadingState.Error;
}

function pluginSettled(panel: VizPanel): boolean {
  return Boolean(panel.getPlugin() || panel.state._pluginLoadError);
}

/** Calls `onDone` once, when every panel of the grid has answered; returns the cancel function. */
export function onFirstResults(scene: DashboardScene, onDone: () => void): () => void {
  const panels = scene.getPanelFrames().map((f) => f.state.panel);
  const runners = panels.map((p) => p.state.$data).filter((d): d is SceneQueryRunner => d instanceof SceneQueryRunner);
  let finished = false;
  const check = () => {
    if (!finished && runners.every(answered) && panels.every(pluginSettled)) {
      finished = true;
      subscriptions.forEach((s) => s.unsubscribe());
      requestAnimationFrame(() => requestAnimationFrame(onDone));
    }
  };
  const watched: SceneObject[] = [...runners, ...panels];
  const subscriptions = watched.map((o) => o.subscribeToState(check));
  check();
  return () => {
    finished = true;
    subscriptions.forEach((s) => s.unsubscribe());
  };
}
