import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Icon, useStyles2 } from '@grafana/ui';

import { nodeCount, rootTotal, type Profile } from '../../model/profile';
import { formatValue } from '../../model/units';
import { formatMoment, momentParam } from '../../model/moment';
import { formatDuration, formatHalfWindow, formatShortWindow, formatWindow } from './format';
import { profileTypeLabel, readFrameMeta } from './frameMeta';

/** Props of `Header`. */
export interface HeaderProps {
  /** The flame graph frame's `meta.custom`, as it arrived (validated here). */
  meta: unknown;
  /** The decoded profile, for its total and node count. */
  profile?: Profile;
  /** The dashboard's time zone (`browser`, `utc`, an IANA name). */
  timeZone?: string;
  /**
   * Shown as a "Dashboard range" button when given: the shell passes it when the frame shows a focus window that
   * differs from the dashboard's range (focus moment).
   */
  onShowDashboardRange?: () => void;
}

/** How the header names the baseline of each compare mode. */
const COMPARE_NAMES: Readonly<Record<string, string>> = {
  before: 'the window before',
  '1d': 'a day earlier',
  '1w': 'a week earlier',
  custom: 'the baseline',
};

/** The truncation hint, e.g. `Truncated by the server: raise Max nodes (now 1,024) to see more`. */
export function truncatedHint(maxNodes: number | undefined): string {
  const now = maxNodes === undefined ? '' : ` (now ${maxNodes.toLocaleString('en-US')})`;
  return `Truncated by the server: raise Max nodes${now} to see more`;
}

/** One line saying what is shown: profile type, selector, window, total, node count, truncation. */
export function Header({ meta, profile, timeZone, onShowDashboardRange }: HeaderProps) {
  const styles = useStyles2(getStyles);
  const view = useMemo(() => readFrameMeta(meta), [meta]);
  const parts: React.ReactNode[] = [];
  if (view.profileTypeId) {
    parts.push(
      <strong key="type" title={view.profileTypeId}>
        {profileTypeLabel(view.profileTypeId)}
      </strong>
    );
  }
  if (view.labelSelector) {
    parts.push(
      <code key="selector" className={styles.selector}>
        {view.labelSelector}
      </code>
    );
  }
  if (view.focusMs !== undefined && view.focusWindowMs !== undefined) {
    // One form wherever the moment comes from; the title gives the form links write into the variable.
    parts.push(
      <span key="focus" data-testid="flamelens-focus" title={momentParam(view.focusMs)}>
        Profile around <strong>{formatMoment(view.focusMs, timeZone)}</strong> ({formatHalfWindow(view.focusWindowMs)})
      </span>
    );
  } else if (view.fromMs !== undefined && view.toMs !== undefined) {
    parts.push(
      <span key="window">
        {formatWindow(view.fromMs, view.toMs, timeZone)} ({formatDuration(view.toMs - view.fromMs)})
      </span>
    );
  }
  if (
    view.compare &&
    view.baselineFromMs !== undefined &&
    view.baselineToMs !== undefined &&
    view.fromMs !== undefined &&
    view.toMs !== undefined
  ) {
    parts.push(
      <span key="compare" data-testid="flamelens-compare">
        comparing {formatShortWindow(view.fromMs, view.toMs, timeZone)} with{' '}
        {COMPARE_NAMES[view.compare] ?? 'the baseline'}{' '}
        {formatShortWindow(view.baselineFromMs, view.baselineToMs, timeZone)}
      </span>
    );
  }
  if (profile && nodeCount(profile) > 0) {
    const right = profile.right;
    parts.push(
      <span key="total">
        {right
          ? `baseline ${formatValue(rootTotal(profile), profile.unit)}, comparison ${formatValue(
              right.total[0],
              profile.unit
            )}`
          : `total ${formatValue(rootTotal(profile), profile.unit)}`}
      </span>
    );
  }
  const nodes = view.nodeCount ?? (profile ? nodeCount(profile) : undefined);
  if (nodes !== undefined) {
    parts.push(<span key="nodes">{`${nodes.toLocaleString('en-US')} ${nodes === 1 ? 'node' : 'nodes'}`}</span>);
  }
  if (parts.length === 0 && !view.truncated && !onShowDashboardRange) {
    return null;
  }
  return (
    <div className={styles.header} data-testid="flamelens-header">
      {parts.map((part, i) => (
        <React.Fragment key={i}>
          {i > 0 && <span className={styles.dot}>·</span>}
          {part}
        </React.Fragment>
      ))}
      {view.truncated && (
        <span className={styles.warning} role="status">
          <Icon name="exclamation-triangle" size="sm" />
          {truncatedHint(view.maxNodes)}
        </span>
      )}
      {onShowDashboardRange && (
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          icon="times"
          onClick={onShowDashboardRange}
          tooltip="Clear the focus moment and show the dashboard's time range"
        >
          Dashboard range
        </Button>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    minWidth: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    strong: { color: theme.colors.text.primary, fontWeight: theme.typography.fontWeightMedium },
  }),
  selector: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    background: 'none',
    padding: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
  }),
  dot: css({ color: theme.colors.text.disabled }),
  warning: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.colors.warning.text,
  }),
});
