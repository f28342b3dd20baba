/**
 * One panel: runs its queries (again when the range, the dashboard refresh, the targets or the variables they use
 * change, and only once the variables are resolved) and renders the plugin inside @grafana/ui's PanelChrome with
 * the interpolated title, the loading bar, the error indicator (the query errors' messages) and an "Edit" menu item
 * (`?editPanel=<id>`). The dashboard grid and the panel editor use the same component.
 */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  CoreApp,
  EventBusSrv,
  LoadingState,
  urlUtil,
  type AbsoluteTimeRange,
  type DataQuery,
  type InterpolateFunction,
  type PanelData,
  type ScopedVars,
  type TimeRange,
} from '@grafana/data';
import { getTemplateSrv, locationService } from '@grafana/runtime';
import { DashboardCursorSync, type Panel } from '@grafana/schema';
import { LoadingPlaceholder, Menu, PanelChrome, PanelContextProvider } from '@grafana/ui';

import { usePanelAnnotations, withDashboardAnnotations } from './annotationsPanel';
import { useDashboardContext } from './DashboardContext';
import { PanelContent } from './PanelContent';
import { PanelQueryRunner } from './queryRunner';
import { usePanelPlugin } from './usePanelPlugin';

export interface PanelViewProps {
  panel: Panel;
  dashboardUid: string;
  timeRange: TimeRange;
  width: number;
  height: number;
  onChangeTimeRange?: (r: AbsoluteTimeRange) => void;
  onData?: (d: PanelData) => void;
  /** Where option changes made by the panel go (the dashboard keeps them in the session); default: this view only. */
  onOptionsChange?: (options: Record<string, unknown>) => void;
}

export function PanelView(props: PanelViewProps) {
  const { panel, dashboardUid, timeRange, width, height } = props;
  const dashboard = useDashboardContext();
  const ready = dashboard?.state.variablesReady ?? true;
  const revision = dashboard?.state.revision ?? 0;
  const refreshKey = dashboard?.state.refreshKey ?? 0;
  const timeZone = dashboard?.state.timeZone ?? 'browser';
  const { plugin, error: pluginError } = usePanelPlugin(panel.type);
  const [data, setData] = useState<PanelData>();
  const [localOptions, setLocalOptions] = useState<Record<string, unknown>>();

  const runner = useMemo(() => new PanelQueryRunner(), []);
  useEffect(() => () => runner.destroy(), [runner]);
  // Latest callback and width for the effects below, which must not re-run when only these change.
  const onDataRef = useRef(props.onData);
  const widthRef = useRef(width);
  useEffect(() => {
    onDataRef.current = props.onData;
    widthRef.current = width;
  });
  useEffect(() => {
    const subscription = runner.getData().subscribe((d) => {
      setData(d);
      onDataRef.current?.(d);
    });
    return () => subscription.unsubscribe();
  }, [runner]);

  // Without its plugin nothing can run: the panel shows the error like a failed query. A plugin that takes no
  // data (skipDataQuery) is done at once.
  const skipQuery = Boolean(plugin?.meta?.skipDataQuery);
  const fixedData = useMemo((): PanelData | undefined => {
    if (pluginError) {
      const error = { message: pluginError };
      return { state: LoadingState.Error, series: [], error, errors: [error], timeRange };
    }
    return skipQuery ? { state: LoadingState.Done, series: [], timeRange } : undefined;
  }, [pluginError, skipQuery, timeRange]);
  useEffect(() => {
    if (fixedData) {
      onDataRef.current?.(fixedData);
    }
  }, [fixedData]);

  // The queries as they will be sent: a change of a variable they use changes this text, other variables do not.
  const interpolatedQuery = useMemo(
    () =>
      getTemplateSrv().replace(JSON.stringify([panel.targets, panel.datasource, panel.interval, panel.maxDataPoints])),
    // `revision` stands for the variable values the template service holds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [panel.targets, panel.datasource, panel.interval, panel.maxDataPoints, revision]
  );
  useEffect(() => {
    if (!ready || !plugin || skipQuery) {
      return;
    }
    void runner.run({
      datasource: panel.datasource,
      queries: (panel.targets ?? []) as unknown as DataQuery[],
      panelId: panel.id,
      dashboardUID: dashboardUid,
      timezone: timeZone,
      timeRange,
      maxDataPoints: panel.maxDataPoints ?? Math.max(1, Math.round(widthRef.current)),
      minInterval: panel.interval,
      app: CoreApp.Dashboard,
    });
    // Re-run on what changes the request; the panel object itself changes with unrelated edits (title, options).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, plugin, skipQuery, timeRange, refreshKey, interpolatedQuery, panel.targets, runner]);
  // Dashboard annotations join the panel's own, filtered for this panel, as in Grafana.
  const dashboardAnnotations = usePanelAnnotations(panel.id);
  const shown = useMemo(
    () => withDashboardAnnotations(fixedData ?? data, dashboardAnnotations),
    [fixedData, data, dashboardAnnotations]
  );

  const eventBus = useMemo(
    () => dashboard?.eventBus.newScopedBus(`panel-${panel.id}`, { onlyLocal: false }) ?? new EventBusSrv(),
    [dashboard?.eventBus, panel.id]
  );
  const scopedVars = shown?.request?.scopedVars;
  const replaceVariables: InterpolateFunction = useCallback(
    (value, extraVars, format) =>
      getTemplateSrv().replace(value, { ...scopedVars, ...(extraVars as ScopedVars) }, format),
    [scopedVars]
  );
  const onChangeTimeRange = useCallback(
    (range: AbsoluteTimeRange) => {
      if (props.onChangeTimeRange) {
        props.onChangeTimeRange(range);
      } else {
        dashboard?.session.setTimeRange(range);
      }
    },
    [props, dashboard?.session]
  );
  const { onOptionsChange: persistOptions } = props;
  const onOptionsChange = useCallback(
    (options: Record<string, unknown>) => {
      setLocalOptions(options);
      persistOptions?.(options);
    },
    [persistOptions]
  );

  const title = getTemplateSrv().replace(panel.title ?? '', undefined, 'text');
  const errorMessage = errorMessageOf(shown);
  const graphTooltip = Number(dashboard?.state.dashboard.graphTooltip ?? 0) as DashboardCursorSync;
  const panelContext = useMemo(
    () => ({ eventsScope: 'global', eventBus, sync: () => graphTooltip, app: CoreApp.Dashboard }),
    [eventBus, graphTooltip]
  );

  return (
    <div data-panel-id={panel.id} data-testid={`panel-${panel.id}`} style={{ width, height }}>
      <PanelChrome
        width={width}
        height={height}
        title={title}
        description={panel.description ? () => getTemplateSrv().replace(panel.description ?? '') : undefined}
        displayMode={panel.transparent ? 'transparent' : 'default'}
        loadingState={shown?.state}
        statusMessage={errorMessage}
        menu={<Menu>{panel.id !== undefined && <Menu.Item label="Edit" icon="edit" url={editUrl(panel.id)} />}</Menu>}
      >
        {(innerWidth, innerHeight) => {
          if (pluginError) {
            return <div role="alert">{pluginError}</div>;
          }
          if (!plugin || !shown) {
            return <LoadingPlaceholder text="Loading..." />;
          }
          return (
            <PanelContextProvider value={panelContext}>
              <PanelContent
                plugin={plugin}
                panel={panel}
                options={localOptions ?? (panel.options as Record<string, unknown> | undefined)}
                data={shown}
                width={innerWidth}
                height={innerHeight}
                timeRange={shown.timeRange ?? timeRange}
                timeZone={timeZone}
                title={title}
                eventBus={eventBus}
                replaceVariables={replaceVariables}
                onOptionsChange={onOptionsChange}
                onFieldConfigChange={() => undefined}
                onChangeTimeRange={onChangeTimeRange}
              />
            </PanelContextProvider>
          );
        }}
      </PanelChrome>
    </div>
  );
}

/** The messages of a panel's query errors, one per line (undefined when there are none). */
export function errorMessageOf(data: PanelData | undefined): string | undefined {
  if (!data) {
    return undefined;
  }
  const errors = data.errors?.length ? data.errors : data.error ? [data.error] : [];
  const messages = errors.map((e) => e.message ?? e.data?.message ?? 'Query error').filter(Boolean);
  return messages.length > 0 ? messages.join('\n') : undefined;
}

/** The current URL with `editPanel=<id>`, what Grafana's panel menu "Edit" opens. */
function editUrl(panelId: number): string {
  const location = locationService.getLocation();
  return urlUtil.renderUrl(location.pathname, { ...locationService.getSearchObject(), editPanel: panelId });
}
