/**
 * The host's time series panel, the core one of Grafana reduced to what the sandbox needs: @grafana/ui's TimeSeries
 * (uPlot) over the graphable frames, TooltipPlugin2 with the hover tooltip and Grafana's zoom — a drag across the
 * plot calls `onChangeTimeRange` (the dashboard range), a double click zooms out — plus the keyboard plugin, the
 * shared-crosshair sync from the panel context, and the annotation layer (see TimeSeriesAnnotations).
 */
import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { LegendDisplayMode, TooltipDisplayMode, type VizLegendOptions } from '@grafana/schema';
import { KeyboardPlugin, TimeSeries, TooltipPlugin2, usePanelContext, useStyles2 } from '@grafana/ui';

import type { TimeSeriesOptions } from './options';
import { prepareGraphableFrames } from './prepareFrames';
import { TimeSeriesAnnotations } from './TimeSeriesAnnotations';
import { TimeSeriesTooltip } from './TimeSeriesTooltip';

// TooltipPlugin2's hover modes (a const enum in @grafana/ui's types, so its values are written here).
const HOVER_ONE_SERIES = 0;
const HOVER_ALL_SERIES = 1;
type HoverMode = Parameters<typeof TooltipPlugin2>[0]['hoverMode'];

const DEFAULT_LEGEND: VizLegendOptions = {
  calcs: [],
  displayMode: LegendDisplayMode.List,
  placement: 'bottom',
  showLegend: true,
};

export function TimeSeriesPanel({
  data,
  timeRange,
  timeZone,
  width,
  height,
  options,
  onChangeTimeRange,
}: PanelProps<TimeSeriesOptions>) {
  const styles = useStyles2(getStyles);
  const { sync, eventsScope } = usePanelContext();
  const frames = useMemo(() => prepareGraphableFrames(data.series), [data.series]);
  const annotations = data.annotations ?? [];

  if (!frames) {
    return (
      <div className={styles.noData} data-testid="timeseries-no-data">
        {data.series.length === 0 ? 'No data' : 'Data has no time and number fields to draw'}
      </div>
    );
  }

  const legend: VizLegendOptions = { ...DEFAULT_LEGEND, ...(options.legend as Partial<VizLegendOptions> | undefined) };
  const tooltipMode = options.tooltip?.mode ?? TooltipDisplayMode.Single;
  const hoverMode = (tooltipMode === TooltipDisplayMode.Single ? HOVER_ONE_SERIES : HOVER_ALL_SERIES) as HoverMode;

  return (
    <TimeSeries
      frames={frames}
      structureRev={data.structureRev}
      timeRange={timeRange}
      timeZone={timeZone}
      width={width}
      height={height}
      legend={legend}
      options={options}
    >
      {(config, alignedFrame) => (
        <>
          <KeyboardPlugin config={config} />
          <TooltipPlugin2
            config={config}
            hoverMode={hoverMode}
            queryZoom={onChangeTimeRange}
            clientZoom={true}
            syncMode={sync?.()}
            syncScope={eventsScope}
            maxWidth={options.tooltip?.maxWidth}
            render={(_u, dataIdxs, seriesIdx, _isPinned, _dismiss, _range, viaSync) =>
              tooltipMode === TooltipDisplayMode.None && !viaSync ? null : (
                <TimeSeriesTooltip
                  frame={alignedFrame}
                  dataIdxs={dataIdxs}
                  seriesIdx={seriesIdx}
                  mode={viaSync ? TooltipDisplayMode.Multi : tooltipMode}
                  sortOrder={options.tooltip?.sort}
                />
              )
            }
          />
          {annotations.length > 0 && (
            <TimeSeriesAnnotations config={config} annotations={annotations} timeZone={timeZone} />
          )}
        </>
      )}
    </TimeSeries>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  noData: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    color: theme.colors.text.secondary,
  }),
});
