/**
 * The host's time series panel, the core one of Grafana reduced to what the sandbox needs: @grafana/ui's TimeSeries
 * (uPlot) over the graphable frames, TooltipPlugin2 with the hover tooltip and Grafana's zoom — a drag across the
 * plot calls `onChangeTimeRange` (the dashboard range), a double click zooms out; a click near a series pins the
 * tooltip with the field's data links — plus the keyboard plugin, the shared-crosshair sync from the panel context,
 * and the annotation layer (see TimeSeriesAnnotations).
 */
import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { DataFrame, GrafanaTheme2, InterpolateFunction, PanelProps, TimeZone } from '@grafana/data';
import { LegendDisplayMode, TooltipDisplayMode, type VizLegendOptions } from '@grafana/schema';
import {
  KeyboardPlugin,
  TimeSeries,
  TooltipPlugin2,
  usePanelContext,
  useStyles2,
  type UPlotConfigBuilder,
} from '@grafana/ui';

import { alignedDataLinks, withAlignedDataLinks } from './dataLinks';
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
  replaceVariables,
}: PanelProps<TimeSeriesOptions>) {
  const styles = useStyles2(getStyles);
  const frames = useMemo(() => prepareGraphableFrames(data.series), [data.series]);

  if (!frames) {
    return (
      <div className={styles.noData} data-testid="timeseries-no-data">
        {/* As Grafana decides: no rows is "No data", even when a backend sent an empty frame to carry its meta. */}
        {data.series.every((frame) => frame.length === 0) ? 'No data' : 'Data has no time and number fields to draw'}
      </div>
    );
  }

  const legend: VizLegendOptions = { ...DEFAULT_LEGEND, ...(options.legend as Partial<VizLegendOptions> | undefined) };
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
        <TimeSeriesPlugins
          config={config}
          alignedFrame={alignedFrame}
          frames={frames}
          annotations={data.annotations}
          options={options}
          timeZone={timeZone}
          replaceVariables={replaceVariables}
          onChangeTimeRange={onChangeTimeRange}
        />
      )}
    </TimeSeries>
  );
}

interface PluginsProps {
  config: UPlotConfigBuilder;
  alignedFrame: DataFrame;
  frames: DataFrame[];
  annotations: DataFrame[] | undefined;
  options: TimeSeriesOptions;
  timeZone: TimeZone;
  replaceVariables: InterpolateFunction;
  onChangeTimeRange: PanelProps['onChangeTimeRange'];
}

/** What runs inside the plot: keyboard, tooltip (with data links) and annotations. */
function TimeSeriesPlugins(props: PluginsProps) {
  const { config, options, timeZone, replaceVariables } = props;
  const { sync, eventsScope } = usePanelContext();
  const linked = useMemo(
    () => withAlignedDataLinks(props.alignedFrame, props.frames, replaceVariables, timeZone),
    // replaceVariables changes identity with every render of the panel; the frames decide.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.alignedFrame, props.frames, timeZone]
  );
  const tooltipMode = options.tooltip?.mode ?? TooltipDisplayMode.Single;
  const hoverMode = (tooltipMode === TooltipDisplayMode.Single ? HOVER_ONE_SERIES : HOVER_ALL_SERIES) as HoverMode;
  return (
    <>
      <KeyboardPlugin config={config} />
      <TooltipPlugin2
        config={config}
        hoverMode={hoverMode}
        queryZoom={props.onChangeTimeRange}
        clientZoom={true}
        syncMode={sync?.()}
        syncScope={eventsScope}
        maxWidth={options.tooltip?.maxWidth}
        getDataLinks={(seriesIdx, dataIdx) => alignedDataLinks(linked, seriesIdx, dataIdx)}
        render={(_u, dataIdxs, seriesIdx, isPinned, _dismiss, _range, viaSync, dataLinks) =>
          tooltipMode === TooltipDisplayMode.None && !viaSync ? null : (
            <TimeSeriesTooltip
              frame={linked}
              dataIdxs={dataIdxs}
              seriesIdx={seriesIdx}
              mode={viaSync ? TooltipDisplayMode.Multi : tooltipMode}
              sortOrder={options.tooltip?.sort}
              isPinned={isPinned}
              dataLinks={dataLinks}
            />
          )
        }
      />
      <TimeSeriesAnnotations config={config} annotations={props.annotations ?? []} timeZone={timeZone} />
    </>
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
