import { PanelPlugin } from '@grafana/data';
import type { GraphFieldConfig } from '@grafana/schema';

import { timeSeriesFieldConfig } from './fieldConfig';
import { addTimeSeriesOptions, type TimeSeriesOptions } from './options';
import { TimeSeriesPanel } from './TimeSeriesPanel';

/** The host's built-in `timeseries` panel plugin (module id `core:plugin/timeseries`). */
export const plugin = new PanelPlugin<TimeSeriesOptions, GraphFieldConfig>(TimeSeriesPanel)
  .useFieldConfig(timeSeriesFieldConfig)
  .setPanelOptions(addTimeSeriesOptions)
  .setDataSupport({ annotations: true, alertStates: true });
