/**
 * A panel option supplier shaped like the flame graph panel's (radios, switches and a number input in two categories,
 * with defaults), for the panel editor's tests. The host loads the plugin from `dist/` only and imports nothing from
 * `src/`; the real options are checked in the pane by the browser suite (tests/browser/sandbox.browser.test.ts).
 */
import type { PanelOptionsEditorBuilder } from '@grafana/data';

export interface FixtureOptions {
  view: 'flamegraph' | 'table' | 'both';
  orientation: 'flame' | 'icicle';
  colorScheme: 'package' | 'value';
  diffPalette: 'red-green' | 'colorblind';
  textAlign: 'left' | 'right';
  showTimeline: boolean;
  collapseChains: boolean;
  maxTableRows?: number;
}

const FLAME_GRAPH = ['Flame graph'];

const radio = (
  path: keyof FixtureOptions & string,
  name: string,
  defaultValue: string,
  options: Array<[string, string]>
) => ({
  path,
  name,
  category: FLAME_GRAPH,
  defaultValue,
  settings: { options: options.map(([value, label]) => ({ value, label })) },
});

export function addFixtureOptions(builder: PanelOptionsEditorBuilder<FixtureOptions>): void {
  builder
    .addRadio(
      radio('view', 'View', 'both', [
        ['flamegraph', 'Flame graph'],
        ['table', 'Table'],
        ['both', 'Both'],
      ])
    )
    .addRadio(
      radio('orientation', 'Orientation', 'icicle', [
        ['icicle', 'Icicle'],
        ['flame', 'Flame'],
      ])
    )
    .addRadio(
      radio('colorScheme', 'Color', 'package', [
        ['package', 'By package'],
        ['value', 'By value'],
      ])
    )
    .addRadio(
      radio('diffPalette', 'Diff palette', 'red-green', [
        ['red-green', 'Red / green'],
        ['colorblind', 'Blue / orange'],
      ])
    )
    .addRadio(
      radio('textAlign', 'Label alignment', 'left', [
        ['left', 'Start'],
        ['right', 'End'],
      ])
    )
    .addBooleanSwitch({ path: 'collapseChains', name: 'Collapse chains', category: FLAME_GRAPH, defaultValue: false })
    .addBooleanSwitch({ path: 'showTimeline', name: 'Timeline', category: FLAME_GRAPH, defaultValue: true })
    .addNumberInput({
      path: 'maxTableRows',
      name: 'Max table rows',
      description: 'Most functions the top table lists, largest first. Empty: all of them.',
      category: ['Top table'],
      settings: { min: 1, integer: true, placeholder: 'All' },
    });
}
