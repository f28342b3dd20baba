import { EventBusSrv, LoadingState, dateTime, type DataFrame, type PanelProps } from '@grafana/data';

import { DEFAULT_OPTIONS, type FlameGraphOptions } from '../options';

/**
 * PanelProps of the flame graph panel as Grafana passes them, over [fromMs, toMs] with `series` loaded: the callbacks
 * are jest mocks, the size 800×400 (test helper, not shipped).
 */
export function panelProps(
  series: DataFrame[],
  fromMs: number,
  toMs: number,
  options: Partial<FlameGraphOptions> = {}
): PanelProps<FlameGraphOptions> {
  const timeRange = { from: dateTime(fromMs), to: dateTime(toMs), raw: { from: 'now-1h', to: 'now' } };
  return {
    id: 1,
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options: { ...DEFAULT_OPTIONS, ...options },
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: 800,
    height: 400,
    renderCounter: 1,
    title: 'Flame graph',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    onChangeTimeRange: jest.fn(),
  };
}
