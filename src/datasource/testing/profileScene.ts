import {
  CustomVariable,
  dataLayers,
  EmbeddedScene,
  SceneCanvasText,
  SceneDataLayerSet,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  SceneTimeRange,
  SceneVariableSet,
  TextBoxVariable,
  type SceneObject,
} from '@grafana/scenes';

type AnnotationsDataLayer = dataLayers.AnnotationsDataLayer;
import type { AnnotationQuery, DataFrame, DataQueryRequest, Field } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import { parseMoment } from '../../model/moment';
import type { TimeRangeMs } from '../api/types';
import type { ProfileQuery } from '../types';

/** The dashboard variables of the story, as a dashboard JSON would define them. */
export interface StoryVariables {
  focus: string;
  compare: string;
  service: string;
  /** A variable no Flamelens query names (a Prometheus panel's, say). */
  env: string;
}

/** A dashboard as Grafana's runtime builds it: time range, variables, an annotation layer, one runner per panel. */
export interface ProfileScene {
  scene: EmbeddedScene;
  runners: SceneQueryRunner[];
  annotations: AnnotationsDataLayer;
  variables: { focus: TextBoxVariable; compare: CustomVariable; service: CustomVariable; env: CustomVariable };
  /** Activates everything a rendered dashboard would; returns the deactivation. */
  activate(): () => void;
}

/** Builds the scene; `panels` are saved panel queries (raw JSON, as a dashboard stores them). */
export function profileScene(
  range: TimeRangeMs,
  vars: StoryVariables,
  panels: ProfileQuery[],
  annotation: AnnotationQuery<ProfileQuery>
): ProfileScene {
  const custom = (name: string, options: string[], value: string) =>
    new CustomVariable({ name, query: options.join(','), value, text: value });
  const variables = {
    focus: new TextBoxVariable({ name: 'focus', value: vars.focus }),
    compare: custom('compare', ['off', 'before', '1d', '1w'], vars.compare),
    service: custom('service', [vars.service], vars.service),
    env: custom('env', ['it', 'prod'], vars.env),
  };
  const runners = panels.map(
    (q) => new SceneQueryRunner({ datasource: q.datasource ?? undefined, queries: [q], maxDataPoints: 500 })
  );
  const items = runners.map((r) => new SceneFlexItem({ $data: r, body: new SceneCanvasText({ text: 'panel' }) }));
  const layout = new SceneFlexLayout({ children: items });
  const annotations = new dataLayers.AnnotationsDataLayer({ name: annotation.name, query: annotation });
  const scene = new EmbeddedScene({
    $timeRange: new SceneTimeRange({
      from: new Date(range.fromMs).toISOString(),
      to: new Date(range.toMs).toISOString(),
      timeZone: 'utc',
    }),
    $variables: new SceneVariableSet({ variables: Object.values(variables) }),
    $data: new SceneDataLayerSet({ layers: [annotations] }),
    body: layout,
  });
  // Rendering activates every object on the way down; scenes only notifies active objects of variable changes.
  const activate = () => {
    const stops = [scene.activate(), layout.activate(), ...items.map((i) => i.activate())];
    return () => stops.reverse().forEach((stop) => stop());
  };
  return { scene, runners, annotations, variables, activate };
}

/** The scene object a request was made for (scenes passes it in `scopedVars.__sceneObject`). */
export function requester(request: DataQueryRequest<DataQuery>): SceneObject | undefined {
  const wrapped: unknown = request.scopedVars?.__sceneObject?.value;
  return wrapped && typeof wrapped === 'object' ? (wrapped.valueOf() as SceneObject) : undefined;
}

/** The window a runner's flame graph shows, from the frame's meta (what the panel header reads). */
export function shownWindow(runner: SceneQueryRunner): Record<string, unknown> | undefined {
  const frame: DataFrame | undefined = runner.state.data?.series.find((f) => f.name?.startsWith('flamegraph'));
  const custom = frame?.meta?.custom;
  if (!custom) {
    return undefined;
  }
  const keys = ['fromMs', 'toMs', 'focusMs', 'compare', 'baselineFromMs', 'baselineToMs'];
  return Object.fromEntries(keys.filter((k) => custom[k] !== undefined).map((k) => [k, custom[k]]));
}

/**
 * The window a query must show for the dashboard's current values: the 5m around `focus` when the query names
 * `$focus` and it is set, else the dashboard range; the baseline for the comparison the query names.
 */
export function expectedWindow(q: ProfileQuery, range: TimeRangeMs, vars: StoryVariables): Record<string, unknown> {
  const focusMs = q.focusVariable === '$focus' && vars.focus !== '' ? focusMsOf(vars) : undefined;
  const window = focusMs === undefined ? { ...range } : { fromMs: focusMs - 150_000, toMs: focusMs + 150_000, focusMs };
  const compare = q.compare === '$compare' ? vars.compare : (q.compare ?? 'off');
  if (compare !== 'before') {
    return window;
  }
  const length = window.toMs - window.fromMs;
  return { ...window, compare, baselineFromMs: window.fromMs - length, baselineToMs: window.fromMs - 1 };
}

/** The focus moment the variables hold, in ms (links write it as ISO-8601, tests may set ms). */
export function focusMsOf(vars: StoryVariables): number | undefined {
  const r = parseMoment(vars.focus);
  return 'ms' in r ? r.ms : undefined;
}

/** The links of every annotation the layer shows, as URL parameters. */
export function annotationLinks(layer: AnnotationsDataLayer): URLSearchParams[] {
  const frame = layer.state.data?.series[0];
  const texts = (frame?.fields.find((f: Field) => f.name === 'text')?.values ?? []) as string[];
  return texts.flatMap((text) =>
    [...text.matchAll(/href="([^"]*)"/g)].map((m) => new URLSearchParams(m[1].replace(/&amp;/g, '&').split('?')[1]))
  );
}

/** The start times of the annotations the layer shows. */
export function annotationTimes(layer: AnnotationsDataLayer): number[] {
  const frame = layer.state.data?.series[0];
  return (frame?.fields.find((f: Field) => f.name === 'time')?.values ?? []) as number[];
}
