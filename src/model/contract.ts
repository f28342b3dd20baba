/*
 * The frame contract: what the datasource writes into a flame graph frame and the panel reads back, and the few names
 * both sides must spell the same way (the focus and compare variables, the compare modes, the diff palettes). The
 * datasource and the panel both depend on this module and on nothing of each other.
 *
 * No version number: the field names are Grafana's and never change, and every `meta.custom` key is optional and read
 * on its own (`readFrameMeta`), so frames of an older or newer Flamelens, of Grafana's own Pyroscope datasource or made
 * by hand all read as far as they go. A key changes meaning only under a new name.
 */

/**
 * Field names of a flame graph frame: one frame, rows in nested-set (depth-first pre-order) order. These are the names
 * Grafana's own flame graph panel and Pyroscope datasource use; do not rename. `valueRight`/`selfRight` only in diffs.
 */
export const FLAMEGRAPH_FIELD = {
  level: 'level',
  value: 'value',
  self: 'self',
  label: 'label',
  valueRight: 'valueRight',
  selfRight: 'selfRight',
} as const;

/** `meta.preferredVisualisationType` of flame graph frames. */
export const FLAMEGRAPH_VISUALISATION = 'flamegraph';

/** Which server implementation answered: Grafana Pyroscope, or pyroscope-io 0.37 ("og"). */
export type ServerFlavor = 'grafana' | 'og';

/**
 * What a flame graph is compared with: nothing, the window of the same length just before, the same window a day or a
 * week earlier, or an explicit range. Written in saved queries (`compare`) and in frame meta.
 */
export const COMPARE_MODES = ['off', 'before', '1d', '1w', 'custom'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/**
 * Dashboard variable that holds the focus moment: new queries name it (`$focus`), spike annotation links set it, and
 * the panel empties it for "Dashboard range" when a frame does not say which variable it followed.
 */
export const DEFAULT_FOCUS_VARIABLE = 'focus';
/** Dashboard variable that holds the compare mode: new queries name it (`$compare`), "Compare with before" sets it. */
export const DEFAULT_COMPARE_VARIABLE = 'compare';

/**
 * Colours of a diff: red for growth and green for shrinkage, or orange and blue for red-green colour blindness. Saved
 * in dashboards as the panel option `diffPalette`: these spellings are persisted, do not change them.
 */
export const DIFF_PALETTES = ['red-green', 'colorblind'] as const;
export type DiffPalette = (typeof DIFF_PALETTES)[number];

/**
 * The palette a saved `diffPalette` option names; anything else (a hand-edited dashboard, a value from a newer build)
 * is the default red-green rather than a diff drawn without colours.
 */
export function diffPaletteOf(value: unknown): DiffPalette {
  return DIFF_PALETTES.find((p) => p === value) ?? 'red-green';
}

/** A Grafana dashboard variable name (letters, digits and `_`, not starting with a digit). */
export function isVariableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/**
 * `meta.custom` of a Flamelens flame graph frame: what it shows, so the panel can say so and build links. Written by
 * the datasource (`datasource/query/profileMeta.ts`), read by the panel through `readFrameMeta` (header, tooltip,
 * export names, the "Dashboard range" button). Times are ms since the epoch.
 */
export type ProfileFrameMeta = {
  /** Profile type of the query, e.g. `process_cpu:cpu:nanoseconds:cpu:nanoseconds`. Header title; CPU cores in the tooltip. */
  profileTypeId: string;
  /** Label selector as sent to the server (interpolated). Header; export file names (`service_name`). */
  labelSelector: string;
  /** Start of the window the flame graph shows (the compared window of a diff). Header; tooltip rate; export names. */
  fromMs: number;
  /** End of that window. */
  toMs: number;
  /** Max nodes the server was asked for. Header's truncation hint ("raise Max nodes (now N)"). */
  maxNodes: number;
  /** Server flavor that answered. Not shown yet; kept for diagnosis (query inspector). */
  flavor: ServerFlavor;
  /** True when the server merged nodes into `other`: raising max nodes shows more. Header. */
  truncated: boolean;
  /** Nodes in the frame. Header (when the decoded profile is not at hand). */
  nodeCount: number;
} & WindowMeta &
  FilterMeta;

/**
 * The query's frame filters, written by the datasource only when the query's `frameFilters` field is set. The
 * datasource does not apply them: the frame stays what the server answered, and the panel applies them before every
 * view (chips in its header; docs/frame-filters.md).
 */
export type FilterMeta = {
  /** The filter list as the query gave it, variables replaced (`preset:go;focus:exact:main.work`). Panel: chips. */
  frameFilters?: string;
  /** The dashboard variable the field is (`filters` for `$filters`), without `$`. Panel: where chip edits go. */
  frameFiltersVariable?: string;
};

/**
 * How the window was chosen, written by the datasource only when it applies. The panel reads each group only when it
 * is whole (a focus moment needs its time and width; a comparison its mode and both baseline ends).
 */
export type WindowMeta = {
  /** The dashboard variable the focus moment came from (a name, without `$`). Panel: which variable to empty. */
  focusVariable?: string;
  /** The focus moment the window is centred on. Header ("Profile around …"). */
  focusMs?: number;
  /** Width of the focus window. Header ("±2m30s"). */
  focusWindowMs?: number;
  /** Dashboard range the focus window replaced. Header: the moment's date is shown when it is not the range's last day. */
  dashboardFromMs?: number;
  dashboardToMs?: number;
  /** Compare mode of a diff frame (never `off`). Header names the baseline ("the window before", "a day earlier"). */
  compare?: CompareMode;
  /** Baseline window of a diff (the diff's left side; `fromMs`/`toMs` stay the compared window). Header. */
  baselineFromMs?: number;
  baselineToMs?: number;
};

/**
 * What a reader could make of a frame's `meta.custom`. Every key is optional: frames from Grafana's own Pyroscope
 * datasource carry none, an older or newer Flamelens may carry others, and a hand-made frame anything.
 */
export type FrameMetaView = Partial<ProfileFrameMeta>;

/**
 * Reads `meta.custom` at the boundary: keeps each key that has the expected type and a sane value, drops the rest.
 * Never throws, whatever it is given.
 */
export function readFrameMeta(custom: unknown): FrameMetaView {
  if (typeof custom !== 'object' || custom === null || Array.isArray(custom)) {
    return {};
  }
  const raw = custom as Record<string, unknown>;
  const view: FrameMetaView = {};
  if (typeof raw.profileTypeId === 'string' && raw.profileTypeId !== '') {
    view.profileTypeId = raw.profileTypeId;
  }
  if (typeof raw.labelSelector === 'string') {
    view.labelSelector = raw.labelSelector;
  }
  // A window needs both ends, in order; one end alone says nothing.
  if (isTimeMs(raw.fromMs) && isTimeMs(raw.toMs) && raw.fromMs <= raw.toMs) {
    view.fromMs = raw.fromMs;
    view.toMs = raw.toMs;
  }
  if (isCount(raw.maxNodes) && raw.maxNodes > 0) {
    view.maxNodes = raw.maxNodes;
  }
  if (isCount(raw.nodeCount)) {
    view.nodeCount = raw.nodeCount;
  }
  if (typeof raw.truncated === 'boolean') {
    view.truncated = raw.truncated;
  }
  if (raw.flavor === 'grafana' || raw.flavor === 'og') {
    view.flavor = raw.flavor;
  }
  // Focus moment: the time, its window and the variable it came from (to clear it).
  if (isTimeMs(raw.focusMs) && isTimeMs(raw.focusWindowMs) && raw.focusWindowMs > 0) {
    view.focusMs = raw.focusMs;
    view.focusWindowMs = raw.focusWindowMs;
    if (typeof raw.focusVariable === 'string' && isVariableName(raw.focusVariable)) {
      view.focusVariable = raw.focusVariable;
    }
  }
  if (isTimeMs(raw.dashboardFromMs) && isTimeMs(raw.dashboardToMs) && raw.dashboardFromMs <= raw.dashboardToMs) {
    view.dashboardFromMs = raw.dashboardFromMs;
    view.dashboardToMs = raw.dashboardToMs;
  }
  // Comparison: the baseline window (fromMs/toMs stay the compared window). `off` has no baseline.
  const compare = COMPARE_MODES.find((m) => m !== 'off' && m === raw.compare);
  if (
    compare !== undefined &&
    isTimeMs(raw.baselineFromMs) &&
    isTimeMs(raw.baselineToMs) &&
    raw.baselineFromMs <= raw.baselineToMs
  ) {
    view.compare = compare;
    view.baselineFromMs = raw.baselineFromMs;
    view.baselineToMs = raw.baselineToMs;
  }
  if (typeof raw.frameFilters === 'string' && raw.frameFilters.length <= MAX_FILTER_LIST_CHARS) {
    view.frameFilters = raw.frameFilters;
  }
  if (typeof raw.frameFiltersVariable === 'string' && isVariableName(raw.frameFiltersVariable)) {
    view.frameFiltersVariable = raw.frameFiltersVariable;
  }
  return view;
}

/** Longest filter list read from a frame: a list of dozens of long patterns is far shorter. */
export const MAX_FILTER_LIST_CHARS = 64 * 1024;

/** Largest time a JavaScript Date holds, in ms from the epoch (either way). */
const MAX_DATE_MS = 8.64e15;

/**
 * A time (or duration) in ms that a Date can hold: past that, `toISOString` throws and date formatting gives
 * "Invalid Date", so a frame with `fromMs: 1e300` crashed the panel while naming its exports.
 */
function isTimeMs(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_DATE_MS;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
