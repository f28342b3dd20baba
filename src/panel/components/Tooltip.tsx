import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { indexOf, nodeName, rootTotal, type Profile } from '../../model/profile';
import { cpuCores, formatCores, formatShare, formatValue, isTimeUnit } from '../../model/units';
import { displayText } from '../render/displayText';
import { formatChange } from './format';
import { tooltipName } from './tooltipPlacement';

/** One line of the tooltip. */
export interface TooltipRow {
  label: string;
  value: string;
}

/**
 * Length of the profiled window in milliseconds, to turn CPU time into average cores. A diff may compare windows of
 * different lengths, so it can give one per side.
 */
export type WindowLengthMs = number | { baselineMs: number; comparisonMs: number };

/**
 * The tooltip's lines for `node`: total and self with their share of the whole profile and, when `node` lies in the
 * focused subtree below its root, of the focused node's total. Diffs show each side (as a share of that side's
 * total) and the change. A time unit with a known window adds the average cores used; pass `windowMs` only for CPU
 * profiles, since wall or lock time over a window is not core usage.
 */
export function tooltipRows(
  profile: Profile,
  node: number,
  focusNode: number,
  windowMs?: WindowLengthMs
): TooltipRow[] {
  if (node < 0 || node >= profile.level.length) {
    return [];
  }
  const unit = profile.unit;
  const right = profile.right;
  const windows = windowLengths(windowMs);
  const showCores = isTimeUnit(unit) && windows !== undefined;
  if (right) {
    const leftWhole = rootTotal(profile);
    const rightWhole = right.total.length > 0 ? right.total[0] : 0;
    const side = (value: number, whole: number, name: string) =>
      `${formatValue(value, unit)} (${formatShare(value, whole)} of ${name})`;
    const rows: TooltipRow[] = [
      { label: 'Baseline total', value: side(profile.total[node], leftWhole, 'baseline') },
      { label: 'Comparison total', value: side(right.total[node], rightWhole, 'comparison') },
      { label: 'Total change', value: formatChange(profile.total[node], right.total[node], unit) },
      { label: 'Baseline self', value: side(profile.self[node], leftWhole, 'baseline') },
      { label: 'Comparison self', value: side(right.self[node], rightWhole, 'comparison') },
      { label: 'Self change', value: formatChange(profile.self[node], right.self[node], unit) },
    ];
    if (showCores) {
      const before = formatCores(cpuCores(profile.total[node], unit, windows.baselineMs));
      const after = formatCores(cpuCores(right.total[node], unit, windows.comparisonMs));
      rows.push({ label: 'Average cores', value: `${before} → ${after}` });
    }
    return rows;
  }
  const whole = rootTotal(profile);
  const focusTotal = focusShareBase(profile, node, focusNode);
  const withShares = (value: number) => {
    const ofProfile = `${formatShare(value, whole)} of profile`;
    return focusTotal === undefined
      ? `${formatValue(value, unit)} (${ofProfile})`
      : `${formatValue(value, unit)} (${ofProfile}, ${formatShare(value, focusTotal)} of focus)`;
  };
  const rows: TooltipRow[] = [
    { label: 'Total', value: withShares(profile.total[node]) },
    { label: 'Self', value: withShares(profile.self[node]) },
  ];
  if (showCores) {
    const total = formatCores(cpuCores(profile.total[node], unit, windows.baselineMs));
    const self = formatCores(cpuCores(profile.self[node], unit, windows.baselineMs));
    rows.push({ label: 'Average cores', value: `${total} total, ${self} self` });
  }
  return rows;
}

/** Total of the focused node when `node` is inside its subtree and the focus is not the root (that share would repeat). */
function focusShareBase(profile: Profile, node: number, focusNode: number): number | undefined {
  if (focusNode <= 0 || focusNode >= profile.level.length) {
    return undefined;
  }
  const { subtreeEnd } = indexOf(profile);
  if (node < focusNode || node >= subtreeEnd[focusNode] || !(profile.total[focusNode] > 0)) {
    return undefined;
  }
  return profile.total[focusNode];
}

function windowLengths(windowMs: WindowLengthMs | undefined): { baselineMs: number; comparisonMs: number } | undefined {
  if (typeof windowMs === 'number') {
    return windowMs > 0 ? { baselineMs: windowMs, comparisonMs: windowMs } : undefined;
  }
  if (windowMs && windowMs.baselineMs > 0 && windowMs.comparisonMs > 0) {
    return windowMs;
  }
  return undefined;
}

/** Props of `FlameTooltip`. */
export interface FlameTooltipProps {
  profile: Profile;
  /** The hovered node. */
  node: number;
  /** The focused node (0 when nothing is focused). */
  focusNode: number;
  /** Window length for average cores; see `tooltipRows`. */
  windowMs?: WindowLengthMs;
}

/**
 * Tooltip content for a hovered node: the function name (as text, never HTML) and `tooltipRows`. The shell positions
 * it; this only draws the box.
 */
export function FlameTooltip({ profile, node, focusNode, windowMs }: FlameTooltipProps) {
  const rows = useMemo(() => tooltipRows(profile, node, focusNode, windowMs), [profile, node, focusNode, windowMs]);
  if (rows.length === 0) {
    return null;
  }
  return <TooltipBox name={nodeName(profile, node)} rows={rows} />;
}

/** The tooltip's box: a name (as text, never HTML) over a table of rows. The call graph's tooltip uses it too. */
export function TooltipBox({ name, rows }: { name: string; rows: TooltipRow[] }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} data-testid="flamelens-tooltip">
      <div className={styles.name}>{tooltipName(displayText(name))}</div>
      <table className={styles.table}>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row" className={styles.label}>
                {row.label}
              </th>
              <td>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    padding: theme.spacing(1),
    maxWidth: 480,
    fontSize: theme.typography.bodySmall.fontSize,
    pointerEvents: 'none',
  }),
  name: css({
    fontWeight: theme.typography.fontWeightMedium,
    marginBottom: theme.spacing(0.5),
    // Function names can be long C++/Java signatures with no spaces.
    overflowWrap: 'anywhere',
    // A bidi override (U+202E) in a name must not reorder anything around it.
    unicodeBidi: 'isolate',
  }),
  table: css({
    borderCollapse: 'collapse',
    td: { padding: theme.spacing(0, 0, 0, 1), whiteSpace: 'nowrap' },
  }),
  label: css({
    color: theme.colors.text.secondary,
    fontWeight: theme.typography.fontWeightRegular,
    textAlign: 'left',
    whiteSpace: 'nowrap',
  }),
});
