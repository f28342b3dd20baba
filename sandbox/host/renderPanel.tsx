import React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import {
  EventBusSrv,
  createTheme,
  LoadingState,
  PanelOptionsEditorBuilder,
  dateTime,
  getDefaultTimeRange,
  type DataFrame,
  type PanelPlugin,
  type PanelProps,
  type TimeRange,
} from '@grafana/data';
import { ThemeContext } from '@grafana/ui';

/** What a test passes to render a panel. */
export interface RenderPanelInput {
  series: DataFrame[];
  width: number;
  height: number;
  options?: Record<string, unknown>;
  fromMs?: number;
  toMs?: number;
  theme?: 'light' | 'dark';
  /** The query's state (default Done): tests show the panel a query still running, as Grafana does. */
  state?: LoadingState;
  /** The query's error (with state Error). */
  error?: { message: string };
  /**
   * Render again into the panel already shown instead of mounting a new one: Grafana re-renders a panel with each
   * new PanelData (Loading, then Done), so the panel's own state lives on.
   */
  update?: boolean;
}

// Grafana builds its theme once at boot, not per panel render: so does the host.
const themes = new Map<string, ReturnType<typeof createTheme>>();
function themeFor(mode: 'light' | 'dark') {
  let theme = themes.get(mode);
  if (!theme) {
    theme = createTheme({ colors: { mode } });
    themes.set(mode, theme);
  }
  return theme;
}

/** Events the host records for tests (time range changes requested by the panel). */
export const hostEvents: Array<{ type: string; payload: unknown }> = [];

let root: Root | undefined;

/**
 * Renders a panel plugin's component with PanelProps as Grafana builds them: default options from the plugin's
 * option builder (its editors are registered at start-up, see app/runtime/services.ts), data in Done state (or the
 * state given), the time range, and callbacks that record what the panel asks for.
 */
export function renderPanel(plugin: PanelPlugin, container: HTMLElement, input: RenderPanelInput): void {
  const builder = new PanelOptionsEditorBuilder<Record<string, unknown>>();
  plugin.getPanelOptionsSupplier()(builder, { data: input.series });
  const options: Record<string, unknown> = {};
  for (const item of builder.getItems()) {
    if (item.defaultValue !== undefined) {
      options[item.path] = item.defaultValue;
    }
  }
  Object.assign(options, input.options ?? {});
  const timeRange: TimeRange =
    input.fromMs !== undefined && input.toMs !== undefined
      ? {
          from: dateTime(input.fromMs),
          to: dateTime(input.toMs),
          raw: { from: dateTime(input.fromMs), to: dateTime(input.toMs) },
        }
      : getDefaultTimeRange();
  const Panel = plugin.panel as React.ComponentType<PanelProps<Record<string, unknown>>>;
  const props: PanelProps<Record<string, unknown>> = {
    id: 1,
    data: {
      series: input.series,
      state: input.state ?? LoadingState.Done,
      timeRange,
      ...(input.error ? { error: input.error, errors: [input.error] } : {}),
    },
    timeRange,
    timeZone: 'utc',
    options,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: input.width,
    height: input.height,
    renderCounter: 1,
    title: 'Flame graph',
    eventBus: new EventBusSrv(),
    onOptionsChange: (o) => hostEvents.push({ type: 'options', payload: o }),
    onFieldConfigChange: () => undefined,
    replaceVariables: (s) => s,
    onChangeTimeRange: (r) => hostEvents.push({ type: 'timeRange', payload: { from: r.from, to: r.to } }),
  };
  if (!input.update || !root) {
    root?.unmount();
    root = createRoot(container);
  }
  const theme = themeFor(input.theme ?? 'dark');
  root.render(
    <ThemeContext.Provider value={theme}>
      <Panel {...props} />
    </ThemeContext.Provider>
  );
}
