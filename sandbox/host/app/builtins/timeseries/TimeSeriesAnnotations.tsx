/**
 * Where the time series panel draws annotations (Grafana's AnnotationsPlugin2: markers for points in time,
 * regions for ranges). The panel renders this inside the plot with `data.annotations` (frames of annotation events:
 * `time`, `timeEnd`, `text`, `color`...) whenever there are any; it draws nothing yet — the annotation task fills it
 * in, using `config` to hook into uPlot's draw and `timeZone` to format times.
 */
import type { DataFrame, TimeZone } from '@grafana/data';
import type { UPlotConfigBuilder } from '@grafana/ui';

export interface TimeSeriesAnnotationsProps {
  config: UPlotConfigBuilder;
  annotations: DataFrame[];
  timeZone: TimeZone;
}

export function TimeSeriesAnnotations(_props: TimeSeriesAnnotationsProps): null {
  return null;
}
