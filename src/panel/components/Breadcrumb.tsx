import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

import { nodeName, pathTo, type Profile } from '../../model/profile';
import { displayText } from '../render/displayText';

/** Crumbs shown before the middle collapses: the root, a few ancestors, and the last ones up to the focus. */
export const MAX_CRUMBS = 6;
const HEAD_CRUMBS = 2;

/** One item of a breadcrumb: a node, or the marker of `hidden` collapsed nodes. */
export type Crumb = { node: number } | { hidden: number };

/**
 * Which crumbs to show for a root-to-focus path: all of them when they fit, else the first two, a marker for the
 * middle, and the last `max - 3` (so the focused node and its parents stay visible).
 */
export function visibleCrumbs(path: readonly number[], max: number = MAX_CRUMBS): Crumb[] {
  if (path.length <= max) {
    return path.map((node) => ({ node }));
  }
  const tail = Math.max(1, max - HEAD_CRUMBS - 1);
  return [
    ...path.slice(0, HEAD_CRUMBS).map((node) => ({ node })),
    { hidden: path.length - HEAD_CRUMBS - tail },
    ...path.slice(path.length - tail).map((node) => ({ node })),
  ];
}

/** Props of `Breadcrumb`. */
export interface BreadcrumbProps {
  profile: Profile;
  /** The focused node (0: nothing focused, the breadcrumb shows the root only). */
  focusNode: number;
  /** A crumb was clicked: focus that node (the root crumb: back to the whole profile). */
  onFocus: (node: number) => void;
  /** Crumbs before the middle collapses. */
  maxCrumbs?: number;
}

/**
 * The path from the root to the focused node; each crumb focuses its node, `…` expands the collapsed middle. No Reset
 * of its own: the root crumb unfocuses, and the toolbar's Reset undoes everything else too.
 */
export function Breadcrumb({ profile, focusNode, onFocus, maxCrumbs = MAX_CRUMBS }: BreadcrumbProps) {
  const styles = useStyles2(getStyles);
  // Expanded for one focus only: a new, long path collapses again.
  const [expandedFor, setExpandedFor] = useState<number | undefined>(undefined);
  const valid = focusNode >= 0 && focusNode < profile.level.length;
  if (!valid) {
    return null;
  }
  const path = pathTo(profile, focusNode);
  const shown = (node: number) => displayText(nodeName(profile, node));
  const crumbs = expandedFor === focusNode ? visibleCrumbs(path, Infinity) : visibleCrumbs(path, maxCrumbs);
  return (
    <nav aria-label="Focused path" className={styles.nav}>
      <ol className={styles.list}>
        {crumbs.map((crumb, i) => (
          <li key={'node' in crumb ? crumb.node : `hidden-${i}`} className={styles.item}>
            {i > 0 && <Icon name="angle-right" className={styles.separator} aria-hidden />}
            {'node' in crumb ? (
              crumb.node === focusNode ? (
                <span aria-current="location" className={styles.current} title={shown(crumb.node)}>
                  {shown(crumb.node)}
                </span>
              ) : (
                <button
                  type="button"
                  className={styles.crumb}
                  title={shown(crumb.node)}
                  onClick={() => onFocus(crumb.node)}
                >
                  {shown(crumb.node)}
                </button>
              )
            ) : (
              <button
                type="button"
                className={styles.crumb}
                aria-label={`Show ${crumb.hidden} hidden ${crumb.hidden === 1 ? 'frame' : 'frames'}`}
                title={`${crumb.hidden} more`}
                onClick={() => setExpandedFor(focusNode)}
              >
                …
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  nav: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), minWidth: 0 }),
  list: css({
    display: 'flex',
    alignItems: 'center',
    listStyle: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    overflow: 'hidden',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  item: css({ display: 'flex', alignItems: 'center', minWidth: 0 }),
  separator: css({ color: theme.colors.text.disabled, flex: 'none' }),
  crumb: css({
    background: 'none',
    border: 'none',
    padding: theme.spacing(0, 0.5),
    color: theme.colors.text.link,
    cursor: 'pointer',
    maxWidth: 220,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    '&:hover': { textDecoration: 'underline' },
  }),
  current: css({
    padding: theme.spacing(0, 0.5),
    fontWeight: theme.typography.fontWeightMedium,
    maxWidth: 320,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
});
