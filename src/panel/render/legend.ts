import type { DiffPalette } from '../../model/contract';
import { diffColor, themeColors, valueColor, type ColorScheme, type ThemeMode } from './colors';

/** One swatch of the legend. */
export interface LegendEntry {
  color: string;
  label: string;
}

/** What the colours of the flame graph mean, for the panel's legend. */
export interface ColorLegend {
  title: string;
  /** One sentence on how the scheme picks colours. */
  description: string;
  /** Swatches of the scheme in order (low to high, or shrink to growth); empty for `package`. */
  scale: LegendEntry[];
  /** Colours that mean the same in every scheme: merged bars, focus ancestors, search and selection. */
  markers: LegendEntry[];
}

/** Options of `colorLegend`. */
export interface LegendOptions {
  scheme: ColorScheme;
  theme: ThemeMode;
  diffPalette?: DiffPalette;
}

/** The legend of a colour scheme: the swatches `createNodeColorer` and `drawFlameGraph` use, with their meaning. */
export function colorLegend(options: LegendOptions): ColorLegend {
  const { theme } = options;
  const fixed = themeColors(theme);
  const markers: LegendEntry[] = [
    { color: fixed.mergedBar, label: 'Many small frames (merged)' },
    { color: fixed.ancestorBar, label: 'Callers of the focused frame' },
    { color: fixed.dimmedBar, label: 'Not matching the search' },
    { color: fixed.highlightBar, label: 'Selected function' },
  ];
  if (options.scheme === 'diff') {
    const palette = options.diffPalette ?? 'red-green';
    const [grow, shrink] = palette === 'colorblind' ? ['orange', 'blue'] : ['red', 'green'];
    // Shares chosen so the relative change is exactly the labelled one.
    const swatch = (change: number, label: string): LegendEntry => ({
      color: diffColor(0.1, 0.1 * (1 + change), theme, palette),
      label,
    });
    return {
      title: 'Difference',
      description:
        `Change of each frame's share of its profile from baseline to comparison: ${grow} grew, ${shrink} shrank, ` +
        'grey unchanged (under 5%).',
      scale: [
        swatch(-1, '−100% (gone)'),
        swatch(-0.5, '−50%'),
        swatch(0, 'unchanged'),
        swatch(0.5, '+50%'),
        swatch(1, '+100% or more (new)'),
      ],
      markers,
    };
  }
  if (options.scheme === 'value') {
    return {
      title: 'Self time',
      description: 'Share of the whole profile spent in the frame itself (not in its callees): deeper red is more.',
      scale: [0, 0.001, 0.01, 0.1, 1].map((share) => ({
        color: valueColor(share, theme),
        label: `${share * 100}%`,
      })),
      markers,
    };
  }
  return {
    title: 'Package',
    description: 'Frames of the same package (Go package, Java package, npm module, crate, namespace) share a colour.',
    scale: [],
    markers,
  };
}
