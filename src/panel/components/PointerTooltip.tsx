import React, { type ReactNode } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Portal, useStyles2 } from '@grafana/ui';

import { tooltipPlacement } from './tooltipPlacement';

/** Props of `PointerTooltip`. */
export interface PointerTooltipProps {
  /** The pointer, in viewport css px. */
  x: number;
  y: number;
  testId: string;
  /** Draws the box (background, border, padding, shadow) around content that has none of its own. */
  framed?: boolean;
  children: ReactNode;
}

/**
 * A tooltip beside the pointer, in a portal above the dashboard, placed by `tooltipPlacement` in the room the viewport
 * leaves; it never takes the pointer's events. The flame graph's and the call graph's hovers use it.
 */
export function PointerTooltip({ x, y, testId, framed = false, children }: PointerTooltipProps) {
  const styles = useStyles2(getStyles);
  return (
    <Portal>
      <div
        className={cx(styles.box, framed && styles.frame)}
        style={tooltipPlacement(x, y, document.documentElement.clientWidth, document.documentElement.clientHeight)}
        data-testid={testId}
      >
        {children}
      </div>
    </Portal>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    position: 'fixed',
    zIndex: theme.zIndex.tooltip,
    pointerEvents: 'none',
    // tooltipPlacement bounds the box to the room beside the pointer; what does not fit is cut, never off screen.
    overflow: 'hidden',
    // The bounds are the whole box's, padding and border included.
    boxSizing: 'border-box',
  }),
  frame: css({
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1),
    boxShadow: theme.shadows.z3,
  }),
});
