/**
 * One annotation marker below the plot (Grafana's AnnotationMarker2): a triangle for a point event, a 5 px band for
 * a region. Hovering shows the tooltip; a click (or Enter) pins it so its links can be used, a click elsewhere or
 * Escape unpins it. The tooltip is rendered in Grafana's portal container, so the panel's overflow never cuts it
 * off; it stays a React child of the marker, so moving the pointer from the marker onto it keeps it open.
 * Test hooks: `data-testid="annotation-marker"`, `data-annotation-title` / `aria-label` (the title, else the text),
 * `data-annotation-kind` (`point` | `region`), `data-annotation-time` (epoch ms).
 */
import React, { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2, TimeZone } from '@grafana/data';
import { getPortalContainer, useStyles2 } from '@grafana/ui';

import type { AnnotationMark, AnnotationValues } from './annotationGeometry';
import { AnnotationTooltip } from './AnnotationTooltip';

export interface AnnotationMarkerProps {
  mark: AnnotationMark;
  values: AnnotationValues;
  /** The colour resolved by the theme. */
  color: string;
  timeZone: TimeZone;
}

type Shown = 'none' | 'hovered' | 'pinned';

/** Height of the marker strip (CSS px), as in Grafana. */
const MARKER_PX = 5;
/** Space kept between the tooltip and the window's edges (CSS px). */
const EDGE_PX = 8;

export function AnnotationMarker({ mark, values, color, timeZone }: AnnotationMarkerProps) {
  const styles = useStyles2(getStyles);
  const [shown, setShown] = useState<Shown>('none');
  const [anchor, setAnchor] = useState<{ left: number; top: number }>();
  const markerRef = useRef<HTMLDivElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);

  const show = useCallback((next: Shown) => {
    const rect = markerRef.current?.getBoundingClientRect();
    if (rect && next !== 'none') {
      setAnchor({ left: rect.left + rect.width / 2, top: rect.bottom });
    }
    setShown(next);
  }, []);

  // Centred under the marker, but never past the window's edges (its width is known once it is drawn).
  useLayoutEffect(() => {
    const tooltip = tooltipRef.current;
    if (!tooltip || !anchor) {
      return;
    }
    const half = tooltip.offsetWidth / 2;
    const left = Math.min(
      Math.max(anchor.left, half + EDGE_PX),
      Math.max(half + EDGE_PX, window.innerWidth - half - EDGE_PX)
    );
    tooltip.style.left = `${left}px`;
  }, [shown, anchor]);

  useEffect(() => {
    if (shown !== 'pinned') {
      return;
    }
    const onDown = (e: MouseEvent) => {
      const target = e.target as Node | null;
      if (!markerRef.current?.contains(target) && !tooltipRef.current?.contains(target)) {
        setShown('none');
      }
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setShown('none');
    document.addEventListener('mousedown', onDown, true);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      document.removeEventListener('keydown', onKey);
    };
  }, [shown]);

  const label = labelOf(values, mark.row);
  const style: CSSProperties =
    mark.kind === 'region'
      ? { left: mark.leftPx, width: mark.widthPx, background: color }
      : { left: mark.leftPx, borderBottomColor: color };
  return (
    <div
      ref={markerRef}
      className={cx(mark.kind === 'region' ? styles.region : styles.point)}
      style={style}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-expanded={shown !== 'none'}
      data-testid="annotation-marker"
      data-annotation-title={label}
      data-annotation-kind={mark.kind}
      data-annotation-time={String(values.time?.[mark.row] ?? '')}
      onMouseEnter={() => shown !== 'pinned' && show('hovered')}
      onMouseLeave={() => shown !== 'pinned' && setShown('none')}
      onClick={(e) => {
        // Clicks in the tooltip (its links) reach the marker through React's tree: they do not toggle it, and they
        // keep bubbling to the document, where in-app links are turned into navigation.
        if (!tooltipRef.current?.contains(e.target as Node)) {
          show(shown === 'pinned' ? 'hovered' : 'pinned');
        }
      }}
      onKeyDown={(e) => e.key === 'Enter' && show(shown === 'pinned' ? 'none' : 'pinned')}
    >
      {shown !== 'none' &&
        anchor &&
        createPortal(
          <div
            ref={tooltipRef}
            className={styles.tooltip}
            style={{ left: anchor.left, top: anchor.top }}
            data-pinned={shown === 'pinned'}
          >
            <AnnotationTooltip values={values} row={mark.row} timeZone={timeZone} />
          </div>,
          getPortalContainer()
        )}
    </div>
  );
}

function labelOf(values: AnnotationValues, row: number): string {
  for (const key of ['title', 'text']) {
    const value = values[key]?.[row];
    if (typeof value === 'string' && value !== '') {
      return value;
    }
  }
  return 'Annotation';
}

const getStyles = (theme: GrafanaTheme2) => ({
  point: css({
    position: 'absolute',
    top: 0,
    width: 0,
    height: 0,
    borderLeft: `${MARKER_PX}px solid transparent`,
    borderRight: `${MARKER_PX}px solid transparent`,
    borderBottomWidth: MARKER_PX,
    borderBottomStyle: 'solid',
    transform: 'translateX(-50%)',
    cursor: 'pointer',
    zIndex: 1,
  }),
  region: css({
    position: 'absolute',
    top: 0,
    height: MARKER_PX,
    cursor: 'pointer',
    zIndex: 1,
  }),
  tooltip: css({
    position: 'fixed',
    transform: 'translateX(-50%)',
    zIndex: theme.zIndex.tooltip,
  }),
});
