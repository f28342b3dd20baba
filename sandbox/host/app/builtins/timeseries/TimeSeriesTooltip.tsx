/**
 * Tooltip content of the host's time series panel (Grafana's TimeSeriesTooltip lives in Grafana's core): the time
 * of the hovered point and, per series, its colour, name and formatted value. "Single" shows the hovered series,
 * "All" every series, sorted as the panel options say. Once pinned (a click near a series), the footer shows the
 * data links of the series under the cursor, as Grafana's tooltip footer does (`data-testid="timeseries-tooltip-links"`).
 */
import React from 'react';
import { css } from '@emotion/css';
import {
  FieldType,
  formattedValueToString,
  getFieldDisplayName,
  type DataFrame,
  type GrafanaTheme2,
  type LinkModel,
} from '@grafana/data';
import { SortOrder, TooltipDisplayMode } from '@grafana/schema';
import { DataLinkButton, useStyles2 } from '@grafana/ui';

export interface TimeSeriesTooltipProps {
  /** The aligned frame uPlot draws: the time field first, then one field per series. */
  frame: DataFrame;
  /** Hovered data index per uPlot series (index 0 is the x axis). */
  dataIdxs: Array<number | null>;
  /** The series under the cursor, when there is one. */
  seriesIdx: number | null;
  mode: TooltipDisplayMode;
  sortOrder: SortOrder;
  /** Pinned by a click: the data links show. */
  isPinned?: boolean;
  /** Links of the series under the cursor at the hovered point (TooltipPlugin2 hands them over when pinned). */
  dataLinks?: LinkModel[];
}

interface Row {
  key: number;
  name: string;
  value: string;
  numeric: number;
  color?: string;
  active: boolean;
}

export function TimeSeriesTooltip({
  frame,
  dataIdxs,
  seriesIdx,
  mode,
  sortOrder,
  isPinned = false,
  dataLinks = [],
}: TimeSeriesTooltipProps) {
  const styles = useStyles2(getStyles);
  const xField = frame.fields[0];
  const xIdx = dataIdxs[0];
  if (!xField || xIdx === null || xIdx === undefined) {
    return null;
  }
  const time = xField.display
    ? formattedValueToString(xField.display(xField.values[xIdx]))
    : String(xField.values[xIdx]);

  const rows: Row[] = [];
  frame.fields.forEach((field, i) => {
    if (i === 0 || field.type !== FieldType.number || field.config.custom?.hideFrom?.tooltip) {
      return;
    }
    if (mode === TooltipDisplayMode.Single && seriesIdx !== null && i !== seriesIdx) {
      return;
    }
    const dataIdx = dataIdxs[i] ?? xIdx;
    const raw = field.values[dataIdx];
    const display = field.display?.(raw);
    rows.push({
      key: i,
      name: getFieldDisplayName(field, frame),
      value: display ? formattedValueToString(display) : String(raw ?? ''),
      numeric: typeof raw === 'number' ? raw : Number.NaN,
      color: display?.color,
      active: i === seriesIdx,
    });
  });
  if (sortOrder !== SortOrder.None) {
    const sign = sortOrder === SortOrder.Ascending ? 1 : -1;
    rows.sort(
      (a, b) => sign * ((isNaN(a.numeric) ? -Infinity : a.numeric) - (isNaN(b.numeric) ? -Infinity : b.numeric))
    );
  }

  return (
    <div className={styles.wrapper} data-testid="timeseries-tooltip">
      <div className={styles.header}>{time}</div>
      {rows.map((row) => (
        <div key={row.key} className={row.active ? styles.activeRow : styles.row}>
          <span className={styles.swatch} style={{ background: row.color }} />
          <span className={styles.name}>{row.name}</span>
          <span className={styles.value}>{row.value}</span>
        </div>
      ))}
      {(isPinned || dataLinks.some((l) => l.oneClick)) && dataLinks.length > 0 && (
        <div className={styles.links} data-testid="timeseries-tooltip-links">
          {dataLinks.map((link, i) => (
            <DataLinkButton key={`${link.title}-${i}`} link={link} buttonProps={{ fill: 'text', size: 'sm' }} />
          ))}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const row = css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), padding: theme.spacing(0.25, 0) });
  return {
    wrapper: css({ padding: theme.spacing(1), fontSize: theme.typography.bodySmall.fontSize }),
    header: css({ fontWeight: theme.typography.fontWeightMedium, marginBottom: theme.spacing(0.5) }),
    row,
    activeRow: css(row, { fontWeight: theme.typography.fontWeightBold }),
    swatch: css({ width: 12, height: 4, borderRadius: 2, flexShrink: 0 }),
    name: css({ flexGrow: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
    value: css({ fontVariantNumeric: 'tabular-nums' }),
    links: css({
      display: 'flex',
      flexDirection: 'column',
      alignItems: 'flex-start',
      marginTop: theme.spacing(1),
      paddingTop: theme.spacing(0.5),
      borderTop: `1px solid ${theme.colors.border.weak}`,
    }),
  };
};
