import type { PanelOptionsEditorBuilder } from '@grafana/data';

import type { DiffPalette } from '../model/contract';
import type { FilterEntry } from '../model/transforms/filterEntries';
import { FrameFiltersEditor } from './components/FrameFiltersEditor';

/**
 * What the panel shows: the flame graph, the top table, both side by side (stacked when narrow), or pprof's call
 * graph (docs/call-graph.md).
 */
export type FlameGraphView = 'flamegraph' | 'table' | 'both' | 'graph';
/** `flame`: the root at the bottom, stacks grow up; `icicle`: the root at the top, stacks grow down. */
export type FlameGraphOrientation = 'flame' | 'icicle';
/** How single profiles are coloured; diff profiles are always coloured by change. */
export type FlameGraphColorScheme = 'package' | 'value';
/** Which end of a label stays visible when it is cut to fit its bar. */
export type LabelAlign = 'left' | 'right';

/** Options of the `flamelens-flamegraph-panel` panel, saved in the dashboard JSON. */
export interface FlameGraphOptions {
  /** Flame graph, top table, or both. */
  view: FlameGraphView;
  /** Root at the bottom (flame) or at the top (icicle). */
  orientation: FlameGraphOrientation;
  /** Colour of single profiles: a hue per package, or intensity by value. */
  colorScheme: FlameGraphColorScheme;
  /** Palette of diff profiles. */
  diffPalette: DiffPalette;
  /** Which end of a long function name is kept when it does not fit. */
  textAlign: LabelAlign;
  /** Shows a strip with the profile's values over time (when the query returns a time series) with range selection. */
  showTimeline: boolean;
  /** Merges chains of single-child nodes with the same total into one bar. */
  collapseChains: boolean;
  /** Most rows the top table lists (largest first); undefined lists every function. */
  maxTableRows?: number;
  /**
   * Frame filters applied before every view (pprof's hide, focus, ignore; runtime presets), as entries:
   * `[{ "kind": "hide", "mode": "regex", "pattern": "^runtime\\." }, { "preset": "go" }]`. A filter list string
   * (`preset:go;hide:re:^runtime\.`) is read too; entries that cannot be read are dropped (readFilterEntries).
   */
  frameFilters?: FilterEntry[];
}

/** Defaults of every option; a new panel starts with these. */
export const DEFAULT_OPTIONS: FlameGraphOptions = {
  view: 'both',
  orientation: 'icicle',
  colorScheme: 'package',
  diffPalette: 'red-green',
  textAlign: 'left',
  showTimeline: true,
  collapseChains: false,
};

const FLAME_GRAPH = ['Flame graph'];
const TABLE = ['Top table'];
const FILTERS = ['Frame filters'];

/** Registers every panel option with a name, a description and its default, so the panel editor documents them. */
export function addPanelOptions(builder: PanelOptionsEditorBuilder<FlameGraphOptions>): void {
  builder
    .addRadio({
      path: 'view',
      name: 'View',
      description:
        'Show the flame graph, the top table of functions, both, or the call graph (as go tool pprof draws it).',
      category: FLAME_GRAPH,
      defaultValue: DEFAULT_OPTIONS.view,
      settings: {
        options: [
          { value: 'flamegraph', label: 'Flame graph' },
          { value: 'table', label: 'Table' },
          { value: 'both', label: 'Both' },
          { value: 'graph', label: 'Graph' },
        ],
      },
    })
    .addRadio({
      path: 'orientation',
      name: 'Orientation',
      description: 'Icicle puts the root at the top and callees below; flame puts the root at the bottom.',
      category: FLAME_GRAPH,
      defaultValue: DEFAULT_OPTIONS.orientation,
      settings: {
        options: [
          { value: 'icicle', label: 'Icicle' },
          { value: 'flame', label: 'Flame' },
        ],
      },
    })
    .addRadio({
      path: 'colorScheme',
      name: 'Color',
      description:
        'Single profiles: one hue per package (module, class), or intensity by value. Diffs are coloured by change.',
      category: FLAME_GRAPH,
      defaultValue: DEFAULT_OPTIONS.colorScheme,
      settings: {
        options: [
          { value: 'package', label: 'By package' },
          { value: 'value', label: 'By value' },
        ],
      },
    })
    .addRadio({
      path: 'diffPalette',
      name: 'Diff palette',
      description:
        'Colors of a comparison: red for growth and green for shrinkage, or orange and blue for color blindness.',
      category: FLAME_GRAPH,
      defaultValue: DEFAULT_OPTIONS.diffPalette,
      settings: {
        options: [
          { value: 'red-green', label: 'Red / green' },
          { value: 'colorblind', label: 'Blue / orange' },
        ],
      },
    })
    .addRadio({
      path: 'textAlign',
      name: 'Label alignment',
      description: 'Which end of a function name stays visible when the bar is too narrow: the start or the end.',
      category: FLAME_GRAPH,
      defaultValue: DEFAULT_OPTIONS.textAlign,
      settings: {
        options: [
          { value: 'left', label: 'Start' },
          { value: 'right', label: 'End' },
        ],
      },
    })
    .addBooleanSwitch({
      path: 'collapseChains',
      name: 'Collapse chains',
      description: 'Merge chains of calls that each have a single callee and the same total into one bar.',
      category: FLAME_GRAPH,
      defaultValue: DEFAULT_OPTIONS.collapseChains,
    })
    .addBooleanSwitch({
      path: 'showTimeline',
      name: 'Timeline',
      description:
        "Show the profile's values over time above the flame graph (when the query also returns a time series); drag on it to zoom the dashboard.",
      category: FLAME_GRAPH,
      defaultValue: DEFAULT_OPTIONS.showTimeline,
    })
    .addNumberInput({
      path: 'maxTableRows',
      name: 'Max table rows',
      description: 'Most functions the top table lists, largest first. Empty: all of them.',
      category: TABLE,
      defaultValue: DEFAULT_OPTIONS.maxTableRows,
      settings: { min: 1, integer: true, placeholder: 'All' },
    })
    .addCustomEditor({
      id: 'frameFilters',
      path: 'frameFilters',
      name: 'Frame filters',
      description:
        "pprof's -hide, -focus and -ignore, and runtime presets, applied before every view. Chips in the panel's header edit the same list.",
      category: FILTERS,
      editor: FrameFiltersEditor,
    });
}
