/** Options of the host's time series panel: Grafana's legend and tooltip options (@grafana/ui's builders). */
import type { PanelOptionsEditorBuilder } from '@grafana/data';
import type { OptionsWithLegend, OptionsWithTooltip } from '@grafana/schema';
import { commonOptionsBuilder } from '@grafana/ui';

export interface TimeSeriesOptions extends OptionsWithLegend, OptionsWithTooltip {}

export function addTimeSeriesOptions(builder: PanelOptionsEditorBuilder<TimeSeriesOptions>): void {
  commonOptionsBuilder.addTooltipOptions(builder);
  commonOptionsBuilder.addLegendOptions(builder);
}
