import type { DiffPalette } from '../../model/contract';
import type { Profile } from '../../model/profile';
import { packageOf, type NameLanguage } from './packageName';

/*
 * Colour rules. Every colour is a CSS string from a small table built once at load, so the draw loop only picks
 * table entries (no string building per bar) and the fake-ctx tests can compare exact strings.
 * - package: FNV-1a hash of `packageOf(name)` picks one of 24 hues (stable across runs and machines);
 * - value: the node's self share of the root total on a log scale (0.1% → pale, 100% → deep red), warm ramp;
 * - diff: relative change of the node's share between sides, each share taken against its own side's root total:
 *   (rightShare − leftShare) / leftShare, clamped to [−1, 1] (a new frame is +1, a vanished one −1); growth red,
 *   shrink green (colour-blind palette: growth orange, shrink blue), 10 intensity steps; neutral grey when the
 *   relative change is under 5% or the share moved by less than 0.01% of the profile.
 */

/** Light or dark Grafana theme. */
export type ThemeMode = 'light' | 'dark';
/** How bars are coloured. `diff` needs a diff profile (others fall back to `package`). */
export type ColorScheme = 'package' | 'value' | 'diff';
/** Fixed colours of a theme, besides the scheme colours. */
export interface FlameThemeColors {
  /** Label text on bars. */
  barText: string;
  /** Label text on dimmed bars. */
  barTextDimmed: string;
  /** Bars that do not match the active search. */
  dimmedBar: string;
  /** Full-width ancestors of the focused node. */
  ancestorBar: string;
  /** Merged "many small frames" bars. */
  mergedBar: string;
  /** Bars of the highlighted (selected) function name. */
  highlightBar: string;
  /** Outline of the hovered bar. */
  hoverOutline: string;
}

const THEME_COLORS: Record<ThemeMode, FlameThemeColors> = {
  light: {
    barText: '#1f1f24',
    barTextDimmed: '#8e8e96',
    dimmedBar: '#e6e6ea',
    ancestorBar: '#c9c9cf',
    mergedBar: '#b4b4bc',
    highlightBar: '#ffcf33',
    hoverOutline: '#111217',
  },
  dark: {
    barText: '#f2f2f5',
    barTextDimmed: '#7c7f88',
    dimmedBar: '#2c2e34',
    ancestorBar: '#4b4e57',
    mergedBar: '#5c5f69',
    highlightBar: '#c99700',
    hoverOutline: '#ffffff',
  },
};

/** The fixed colours of a theme. */
export function themeColors(theme: ThemeMode): FlameThemeColors {
  return THEME_COLORS[theme];
}

const PACKAGE_HUES = 24;
const PACKAGE_PALETTE: Record<ThemeMode, string[]> = { light: [], dark: [] };
for (let i = 0; i < PACKAGE_HUES; i++) {
  // Neighbouring slots alternate lightness so hues that are close still look different.
  const hue = Math.round((i * 360) / PACKAGE_HUES);
  PACKAGE_PALETTE.light.push(`hsl(${hue}, 62%, ${i % 2 === 0 ? 78 : 70}%)`);
  PACKAGE_PALETTE.dark.push(`hsl(${hue}, 48%, ${i % 2 === 0 ? 42 : 35}%)`);
}

const VALUE_STEPS = 16;
const VALUE_RAMP: Record<ThemeMode, string[]> = { light: [], dark: [] };
for (let i = 0; i < VALUE_STEPS; i++) {
  const t = i / (VALUE_STEPS - 1);
  const hue = Math.round(55 - 55 * t);
  VALUE_RAMP.light.push(`hsl(${hue}, 90%, ${Math.round(84 - 26 * t)}%)`);
  VALUE_RAMP.dark.push(`hsl(${hue}, 75%, ${Math.round(30 + 12 * t)}%)`);
}

type Rgb = [number, number, number];
const DIFF_STEPS = 10;
const NEUTRAL: Record<ThemeMode, Rgb> = { light: [201, 201, 207], dark: [86, 89, 98] };
const DIFF_ENDS: Record<ThemeMode, Record<DiffPalette, { growth: Rgb; shrink: Rgb }>> = {
  light: {
    'red-green': { growth: [228, 62, 68], shrink: [40, 166, 96] },
    colorblind: { growth: [240, 140, 0], shrink: [0, 114, 200] },
  },
  dark: {
    'red-green': { growth: [196, 44, 50], shrink: [30, 138, 78] },
    colorblind: { growth: [214, 122, 0], shrink: [0, 98, 176] },
  },
};

function rgb(c: Rgb): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb;
}

/** Diff ramp: index 0 neutral, 1..10 growth of rising intensity, 11..20 shrink of rising intensity. */
function diffRamp(theme: ThemeMode, palette: DiffPalette): string[] {
  const ends = DIFF_ENDS[theme][palette];
  const ramp = [rgb(NEUTRAL[theme])];
  for (let i = 1; i <= DIFF_STEPS; i++) {
    ramp.push(rgb(mix(NEUTRAL[theme], ends.growth, i / DIFF_STEPS)));
  }
  for (let i = 1; i <= DIFF_STEPS; i++) {
    ramp.push(rgb(mix(NEUTRAL[theme], ends.shrink, i / DIFF_STEPS)));
  }
  return ramp;
}

const DIFF_RAMPS: Record<ThemeMode, Record<DiffPalette, string[]>> = {
  light: { 'red-green': diffRamp('light', 'red-green'), colorblind: diffRamp('light', 'colorblind') },
  dark: { 'red-green': diffRamp('dark', 'red-green'), colorblind: diffRamp('dark', 'colorblind') },
};

/** 32-bit FNV-1a of a string's UTF-16 code units: stable, fast, well spread for short names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Colour of a package name (same package, same colour). */
export function packageColor(packageName: string, theme: ThemeMode): string {
  return PACKAGE_PALETTE[theme][hashString(packageName) % PACKAGE_HUES];
}

/** Step 0..15 of the value ramp for a self share in [0, 1] (log scale: 0.1% ≈ step 2, 1% ≈ 5, 10% ≈ 10). */
function valueStep(selfShare: number): number {
  const t = Math.log10(Math.max(0, selfShare) * 1000 + 1) / 3;
  return Math.min(VALUE_STEPS - 1, Math.round(t * (VALUE_STEPS - 1)));
}

/** Warm colour for a node's self share of the root total (0..1). */
export function valueColor(selfShare: number, theme: ThemeMode): string {
  return VALUE_RAMP[theme][valueStep(selfShare)];
}

/** Thresholds under which a diff node is neutral grey. */
export interface DiffThresholds {
  /** Smallest |relative change| that gets a colour. Default 0.05 (5%). */
  minRelativeChange?: number;
  /** Smallest |rightShare − leftShare| that gets a colour. Default 1e-4 (0.01% of the profile). */
  minShareChange?: number;
}

/**
 * Relative change of a node's share between the sides, in [−1, 1]; 0 when unchanged or too small to matter.
 * Shares are fractions of each side's own root total.
 */
export function diffChange(leftShare: number, rightShare: number, thresholds: DiffThresholds = {}): number {
  const delta = rightShare - leftShare;
  if (!(Math.abs(delta) >= (thresholds.minShareChange ?? 1e-4))) {
    return 0;
  }
  const relative = leftShare > 0 ? delta / leftShare : 1;
  if (Math.abs(relative) < (thresholds.minRelativeChange ?? 0.05)) {
    return 0;
  }
  return Math.max(-1, Math.min(1, relative));
}

function diffIndex(change: number): number {
  if (change === 0) {
    return 0;
  }
  // The epsilon keeps exact steps (a 50% change) on their step despite float noise in the shares.
  const step = Math.max(1, Math.min(DIFF_STEPS, Math.ceil(Math.abs(change) * DIFF_STEPS - 1e-9)));
  return change > 0 ? step : DIFF_STEPS + step;
}

/** Diff colour of a node from its shares on both sides (growth red/orange, shrink green/blue, neutral grey). */
export function diffColor(
  leftShare: number,
  rightShare: number,
  theme: ThemeMode,
  palette: DiffPalette = 'red-green',
  thresholds: DiffThresholds = {}
): string {
  return DIFF_RAMPS[theme][palette][diffIndex(diffChange(leftShare, rightShare, thresholds))];
}

/** Options of `createNodeColorer`. */
export interface NodeColorOptions extends DiffThresholds {
  scheme: ColorScheme;
  theme: ThemeMode;
  diffPalette?: DiffPalette;
  /** Package rules for the `package` scheme (default `auto`). */
  language?: NameLanguage;
}

const slotCache = new WeakMap<readonly string[], Map<NameLanguage, Uint8Array>>();

/**
 * Package palette slots of a string table, per table and language, filled in lazily: `0` is "not computed yet",
 * otherwise the slot plus one. A draw only colours the names of the bars it paints (a few hundred of a 1M-node
 * profile's tens of thousands of names), so parsing every name's package up front would cost the first paint
 * tens of milliseconds for nothing.
 */
function packageSlots(names: readonly string[], language: NameLanguage): Uint8Array {
  let byLanguage = slotCache.get(names);
  if (!byLanguage) {
    byLanguage = new Map();
    slotCache.set(names, byLanguage);
  }
  let slots = byLanguage.get(language);
  if (!slots) {
    slots = new Uint8Array(names.length);
    byLanguage.set(language, slots);
  }
  return slots;
}

/** The palette slot of name `id`, computed on first use. */
function packageSlot(slots: Uint8Array, names: readonly string[], id: number, language: NameLanguage): number {
  const known = slots[id];
  if (known !== 0) {
    return known - 1;
  }
  const slot = hashString(packageOf(names[id], language)) % PACKAGE_HUES;
  slots[id] = slot + 1;
  return slot;
}

/**
 * The scheme colour of each node, as a function for the draw loop: table lookups only, no allocation per call.
 * Build it once per draw (or keep it while profile and options stay the same).
 */
export function createNodeColorer(profile: Profile, options: NodeColorOptions): (node: number) => string {
  const { theme, scheme } = options;
  const right = profile.right;
  if (scheme === 'diff' && right) {
    const ramp = DIFF_RAMPS[theme][options.diffPalette ?? 'red-green'];
    const leftRoot = profile.total.length > 0 ? profile.total[0] : 0;
    const rightRoot = right.total.length > 0 ? right.total[0] : 0;
    return (node) => {
      const leftShare = leftRoot > 0 ? profile.total[node] / leftRoot : 0;
      const rightShare = rightRoot > 0 ? right.total[node] / rightRoot : 0;
      return ramp[diffIndex(diffChange(leftShare, rightShare, options))];
    };
  }
  if (scheme === 'value') {
    const ramp = VALUE_RAMP[theme];
    const root = profile.total.length > 0 ? profile.total[0] : 0;
    return (node) => ramp[root > 0 ? valueStep(profile.self[node] / root) : 0];
  }
  const language = options.language ?? 'auto';
  const slots = packageSlots(profile.names, language);
  const palette = PACKAGE_PALETTE[theme];
  return (node) => palette[packageSlot(slots, profile.names, profile.nameId[node], language)];
}
