import React, { useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { formatValue, type ValueUnit } from '../../model/units';
import { brushRange, nearestIndex, pxToTime, sparklinePath, timeToPx, type TimeScale } from './timelineMath';

/** Default height of the strip in px: a hint of the shape, not a chart. */
export const TIMELINE_HEIGHT_PX = 40;

/** Props of `Timeline`. */
export interface TimelineProps {
  /** Point times, ms since the epoch, ascending. */
  timesMs: ArrayLike<number>;
  /** Point values, aligned with `timesMs`, in `unit`. */
  values: ArrayLike<number>;
  unit: ValueUnit;
  widthPx: number;
  heightPx?: number;
  /** Domain of the strip; defaults to the first and last point (pass the dashboard range to line up with it). */
  fromMs?: number;
  toMs?: number;
  /** The dashboard's time zone for the hover label. */
  timeZone?: string;
  /** A drag selected a range: the shell zooms the dashboard to it (`PanelProps.onChangeTimeRange`). */
  onSelectRange: (fromMs: number, toMs: number) => void;
  /** A window to mark on the strip, e.g. the profiled window when a focus moment narrows it. */
  highlight?: { fromMs: number; toMs: number };
}

/** A sparkline of the profile's values over time; drag to select a range, hover for a point's time and value. */
export function Timeline({
  timesMs,
  values,
  unit,
  widthPx,
  heightPx = TIMELINE_HEIGHT_PX,
  fromMs,
  toMs,
  timeZone,
  onSelectRange,
  highlight,
}: TimelineProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const svgRef = useRef<SVGSVGElement>(null);
  const n = Math.min(timesMs.length, values.length);
  const scale: TimeScale = useMemo(
    () => ({
      fromMs: fromMs ?? (n > 0 ? timesMs[0] : 0),
      toMs: toMs ?? (n > 0 ? timesMs[n - 1] : 0),
      widthPx: Math.max(0, widthPx),
    }),
    [fromMs, toMs, timesMs, n, widthPx]
  );
  const path = useMemo(() => sparklinePath(scale, timesMs, values, heightPx), [scale, timesMs, values, heightPx]);
  const [drag, setDrag] = useState<{ startPx: number; endPx: number } | undefined>(undefined);
  const [hoverPx, setHoverPx] = useState<number | undefined>(undefined);

  const dragging = drag !== undefined;
  // While dragging, follow the mouse over the whole window: a brush that leaves the strip still ends.
  const latest = useRef({ scale, onSelectRange, drag });
  useEffect(() => {
    latest.current = { scale, onSelectRange, drag };
  });
  useEffect(() => {
    if (!dragging) {
      return undefined;
    }
    const move = (e: MouseEvent) => setDrag((d) => (d ? { ...d, endPx: localPx(svgRef.current, e.clientX) } : d));
    const up = (e: MouseEvent) => {
      const current = latest.current;
      const range = current.drag
        ? brushRange(current.scale, current.drag.startPx, localPx(svgRef.current, e.clientX))
        : undefined;
      setDrag(undefined);
      if (range) {
        current.onSelectRange(range.fromMs, range.toMs);
      }
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
  }, [dragging]);

  if (n === 0 || widthPx <= 0) {
    return null;
  }
  const hoverIndex = hoverPx === undefined || dragging ? -1 : nearestIndex(timesMs, pxToTime(scale, hoverPx));
  const hoverX = hoverIndex >= 0 ? timeToPx(scale, timesMs[hoverIndex]) : 0;
  const brush = drag
    ? { left: Math.min(drag.startPx, drag.endPx), right: Math.max(drag.startPx, drag.endPx) }
    : undefined;
  const marked = highlight
    ? { left: timeToPx(scale, highlight.fromMs), right: timeToPx(scale, highlight.toMs) }
    : undefined;
  return (
    <div className={styles.wrapper} style={{ width: widthPx, height: heightPx }}>
      <svg
        ref={svgRef}
        width={widthPx}
        height={heightPx}
        className={styles.svg}
        role="img"
        aria-label="Profile values over time; drag to select a range"
        onMouseDown={(e) => {
          if (e.button === 0) {
            e.preventDefault();
            const px = localPx(svgRef.current, e.clientX);
            setDrag({ startPx: px, endPx: px });
          }
        }}
        onMouseMove={(e) => setHoverPx(localPx(svgRef.current, e.clientX))}
        onMouseLeave={() => setHoverPx(undefined)}
      >
        {marked && (
          <rect
            x={marked.left}
            y={0}
            width={Math.max(1, marked.right - marked.left)}
            height={heightPx}
            fill={theme.colors.action.selected}
          />
        )}
        <path d={path} fill={theme.colors.primary.transparent} stroke={theme.colors.primary.main} strokeWidth={1} />
        {brush && (
          <rect
            data-testid="timeline-brush"
            x={brush.left}
            y={0}
            width={brush.right - brush.left}
            height={heightPx}
            fill={theme.colors.primary.transparent}
            stroke={theme.colors.primary.border}
          />
        )}
        {hoverIndex >= 0 && <line x1={hoverX} x2={hoverX} y1={0} y2={heightPx} stroke={theme.colors.text.secondary} />}
      </svg>
      {hoverIndex >= 0 && (
        <div
          className={styles.hover}
          style={hoverX > widthPx / 2 ? { right: widthPx - hoverX + 4 } : { left: hoverX + 4 }}
        >
          {dateTimeFormat(timesMs[hoverIndex], { timeZone })} · {formatValue(values[hoverIndex], unit)}
        </div>
      )}
    </div>
  );
}

/** x of a mouse event relative to the strip's left edge. */
function localPx(svg: SVGSVGElement | null, clientX: number): number {
  return clientX - (svg?.getBoundingClientRect().left ?? 0);
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ position: 'relative', flex: 'none' }),
  svg: css({ display: 'block', cursor: 'crosshair', userSelect: 'none' }),
  hover: css({
    position: 'absolute',
    top: 0,
    pointerEvents: 'none',
    whiteSpace: 'nowrap',
    padding: theme.spacing(0, 0.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
