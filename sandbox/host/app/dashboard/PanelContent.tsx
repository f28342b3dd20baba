/**
 * Renders a panel plugin's component with the PanelProps Grafana gives it: options and field config merged with
 * the plugin's defaults (`getPanelOptionsWithDefaults`), the data with field config applied (`applyFieldOverrides`:
 * units, min, colours, display processors), the time range and zone, the size inside the chrome, the event bus,
 * `replaceVariables` with the panel's scoped variables, and the callbacks. Render errors stay inside the panel.
 */
import React, { useMemo, useState } from 'react';
import {
  applyFieldOverrides,
  compareArrayValues,
  compareDataFrameStructures,
  getPanelOptionsWithDefaults,
  type AbsoluteTimeRange,
  type EventBus,
  type FieldConfigSource,
  type InterpolateFunction,
  type PanelData,
  type PanelPlugin,
  type PanelProps,
  type TimeRange,
  type TimeZone,
} from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import type { Panel } from '@grafana/schema';

import { PanelErrorBoundary } from './PanelErrorBoundary';

export interface PanelContentProps {
  plugin: PanelPlugin;
  panel: Panel;
  options: Record<string, unknown> | undefined;
  data: PanelData;
  width: number;
  height: number;
  timeRange: TimeRange;
  timeZone: TimeZone;
  title: string;
  eventBus: EventBus;
  replaceVariables: InterpolateFunction;
  onOptionsChange: (options: Record<string, unknown>) => void;
  onFieldConfigChange: (config: FieldConfigSource) => void;
  onChangeTimeRange: (range: AbsoluteTimeRange) => void;
}

export function PanelContent(props: PanelContentProps) {
  const { plugin, panel, data, timeZone, replaceVariables } = props;
  const theme = useTheme2();
  const withDefaults = useMemo(
    () =>
      getPanelOptionsWithDefaults({
        plugin,
        currentOptions: props.options ?? {},
        currentFieldConfig: (panel.fieldConfig as FieldConfigSource | undefined) ?? { defaults: {}, overrides: [] },
        isAfterPluginChange: false,
      }),
    [plugin, props.options, panel.fieldConfig]
  );

  const series = useMemo(
    () =>
      applyFieldOverrides({
        data: data.series,
        fieldConfig: withDefaults.fieldConfig,
        fieldConfigRegistry: plugin.fieldConfigRegistry,
        replaceVariables,
        theme,
        timeZone,
      }),
    // replaceVariables changes identity on every render; the data and config decide what to recompute.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, withDefaults.fieldConfig, plugin, theme, timeZone]
  );
  // Grafana's structureRev: increases when frames change shape (fields, names, types), not with new values.
  // renderCounter: increases with every new data. Kept from the previous render (React's "adjust state" pattern).
  const [structure, setStructure] = useState({ series, rev: 1, renders: 1 });
  if (structure.series !== series) {
    const sameShape = compareArrayValues(structure.series, series, compareDataFrameStructures);
    setStructure({ series, rev: sameShape ? structure.rev : structure.rev + 1, renders: structure.renders + 1 });
  }
  const processed = useMemo(() => ({ ...data, series, structureRev: structure.rev }), [data, series, structure.rev]);

  const PanelComponent = plugin.panel;
  if (!PanelComponent) {
    return <div>The panel plugin {plugin.meta?.id} has no panel component</div>;
  }
  const panelProps: PanelProps = {
    id: panel.id ?? 0,
    data: processed,
    timeRange: props.timeRange,
    timeZone,
    options: withDefaults.options,
    fieldConfig: withDefaults.fieldConfig,
    transparent: Boolean(panel.transparent),
    width: props.width,
    height: props.height,
    renderCounter: structure.renders,
    title: props.title,
    eventBus: props.eventBus,
    replaceVariables,
    onOptionsChange: props.onOptionsChange,
    onFieldConfigChange: props.onFieldConfigChange,
    onChangeTimeRange: props.onChangeTimeRange,
  };
  return (
    <PanelErrorBoundary resetKey={processed}>
      <PanelComponent {...panelProps} />
    </PanelErrorBoundary>
  );
}
