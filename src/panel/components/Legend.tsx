import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import type { DiffPalette } from '../../model/contract';
import type { FlameGraphColorScheme } from '../options';

/** The three stops of a diff colour scale. */
export interface DiffLegendColors {
  /** A smaller share of the comparison than of the baseline. */
  decrease: string;
  /** No change. */
  neutral: string;
  /** A larger share of the comparison. */
  increase: string;
}

/**
 * Fallback stops per palette, for when the shell does not pass the renderer's own. Colour-blind: blue for less,
 * orange for more (distinguishable with protanopia and deuteranopia).
 */
export const DEFAULT_DIFF_COLORS: Record<DiffPalette, DiffLegendColors> = {
  'red-green': { decrease: '#37872d', neutral: '#a0a0a0', increase: '#c4162a' },
  colorblind: { decrease: '#1f60c4', neutral: '#a0a0a0', increase: '#fa6400' },
};

/** Props of `Legend`. */
export interface LegendProps {
  /** The profile is a diff: explain the colours. */
  diff: boolean;
  diffPalette: DiffPalette;
  colorScheme: FlameGraphColorScheme;
  /** The baseline window, e.g. `01:55–02:00` (see `formatShortWindow`). */
  baselineLabel?: string;
  /** The comparison window, e.g. `02:00–02:05`. */
  comparisonLabel?: string;
  /** The renderer's stops, so the legend matches the graph exactly. */
  colors?: DiffLegendColors;
}

/**
 * What the colours mean: the diff scale with both windows, or a short note for single profiles. Diff colours follow
 * the change of each frame's share of its side's total (as the renderer computes them), not of its raw value.
 */
export function Legend({ diff, diffPalette, colorScheme, baselineLabel, comparisonLabel, colors }: LegendProps) {
  const styles = useStyles2(getStyles);
  if (!diff) {
    return (
      <div className={styles.note}>
        {colorScheme === 'package' ? 'Colored by package' : 'Colored by self value: deeper color, more self'}
      </div>
    );
  }
  const stops = colors ?? DEFAULT_DIFF_COLORS[diffPalette];
  const [less, more] = diffPalette === 'colorblind' ? ['Blue', 'Orange'] : ['Green', 'Red'];
  return (
    <div className={styles.legend} aria-label="Diff legend" role="group">
      <span className={styles.item}>
        <span className={styles.swatch} style={{ background: stops.decrease }} aria-hidden />
        {less}: shrank
      </span>
      <span
        className={styles.scale}
        style={{ background: `linear-gradient(to right, ${stops.decrease}, ${stops.neutral}, ${stops.increase})` }}
        aria-hidden
      />
      <span className={styles.item}>
        <span className={styles.swatch} style={{ background: stops.increase }} aria-hidden />
        {more}: grew
      </span>
      <span className={styles.windows}>(share of each side&apos;s total)</span>
      {(baselineLabel || comparisonLabel) && (
        <span className={styles.windows}>
          {baselineLabel && <span>baseline {baselineLabel}</span>}
          {baselineLabel && comparisonLabel && ' · '}
          {comparisonLabel && <span>comparison {comparisonLabel}</span>}
        </span>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  item: css({ display: 'inline-flex', alignItems: 'center', gap: theme.spacing(0.5) }),
  swatch: css({ width: 10, height: 10, borderRadius: theme.shape.radius.default, display: 'inline-block' }),
  scale: css({ width: 80, height: 8, borderRadius: theme.shape.radius.default, display: 'inline-block' }),
  windows: css({ color: theme.colors.text.secondary }),
  note: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
