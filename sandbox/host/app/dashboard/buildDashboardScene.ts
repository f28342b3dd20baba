/**
 * Grafana's dashboard save model (the provisioned JSON) → the dashboard's scene, as Grafana core's
 * `transformSaveModelToScene` does for the parts the sandbox supports: the time range (`time`, `timezone`,
 * `weekStart`, `fiscalYearStartMonth`) with the time picker and the refresh picker (`refresh`,
 * `timepicker.refresh_intervals`), the variables with their selectors, the annotation queries as data layers with
 * their toggles, the panels on the grid, and cursor sync from `graphTooltip`. URL state (`from`, `to`, `timezone`,
 * `refresh`, `var-*`, `viewPanel`) is scenes' own URL sync, set up by the page.
 */
import type { AnnotationQuery } from '@grafana/data';
import {
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  VariableValueSelectors,
  behaviors,
  type SceneTimeRangeState,
} from '@grafana/scenes';
import { DashboardCursorSync, type Dashboard, type Panel, type RowPanel } from '@grafana/schema';

import { AnnotationToggles } from './AnnotationToggles';
import { annotationLayersFromModel } from './annotationsFromModel';
import { DashboardScene } from './DashboardScene';
import { gridFromModel } from './panelsFromModel';
import { variablesFromModel, type SavedVariable } from './variablesFromModel';

/** Grafana's default range for a dashboard without `time`. */
const DEFAULT_TIME = { from: 'now-6h', to: 'now' };

export function buildDashboardScene(dashboard: Dashboard): DashboardScene {
  const time = { ...DEFAULT_TIME, ...dashboard.time };
  const timepicker = (dashboard.timepicker ?? {}) as { refresh_intervals?: string[]; hidden?: boolean };
  const refreshPicker = new SceneRefreshPicker({
    key: 'refresh-picker',
    refresh: dashboard.refresh || '',
    ...(timepicker.refresh_intervals?.length ? { intervals: timepicker.refresh_intervals } : {}),
    withText: true,
  });
  return new DashboardScene({
    uid: dashboard.uid ?? '',
    title: dashboard.title ?? '',
    description: dashboard.description,
    $timeRange: new SceneTimeRange({
      from: time.from,
      to: time.to,
      timeZone: dashboard.timezone || undefined,
      weekStart: (dashboard.weekStart || undefined) as SceneTimeRangeState['weekStart'],
      fiscalYearStartMonth: dashboard.fiscalYearStartMonth,
    }),
    $variables: variablesFromModel((dashboard.templating?.list ?? []) as SavedVariable[]),
    $data: annotationLayersFromModel((dashboard.annotations?.list ?? []) as AnnotationQuery[]),
    $behaviors: [new behaviors.CursorSync({ sync: (dashboard.graphTooltip ?? 0) as DashboardCursorSync })],
    timeControls: timepicker.hidden
      ? []
      : [new SceneTimePicker({ key: 'time-picker', isOnCanvas: true }), refreshPicker],
    variableControls: [
      new VariableValueSelectors({ key: 'variable-selectors' }),
      new AnnotationToggles({ key: 'annotation-toggles' }),
    ],
    body: gridFromModel((dashboard.panels ?? []) as Array<Panel | RowPanel>),
  });
}
