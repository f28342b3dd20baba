/**
 * The time series panel's annotation layer (Grafana's AnnotationsPlugin2): on the canvas, a dashed line at each
 * event's time and, for regions, one at the end and a shaded band (10 % of the colour) across the plot area; below
 * the plot, in the x axis strip, one marker per event (AnnotationMarker) with the tooltip. Colours are the events'
 * `color` resolved by the theme, Grafana's default annotation colour when absent. Rendered always (also without
 * annotations), so its uPlot hooks exist when the plot is created.
 */
import React, { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type uPlot from 'uplot';
import { colorManipulator, type DataFrame, type TimeZone } from '@grafana/data';
import { DEFAULT_ANNOTATION_COLOR, useTheme2, type UPlotConfigBuilder } from '@grafana/ui';

import { AnnotationMarker } from './AnnotationMarker';
import { annotationMarks, annotationStrokes, annotationValues, drawableAnnotationFrames } from './annotationGeometry';

export interface TimeSeriesAnnotationsProps {
  config: UPlotConfigBuilder;
  annotations: DataFrame[];
  timeZone: TimeZone;
}

/** Opacity of a region's band on the canvas, as in Grafana. */
const REGION_FILL_ALPHA = 0.1;

export function TimeSeriesAnnotations({ config, annotations, timeZone }: TimeSeriesAnnotationsProps) {
  const theme = useTheme2();
  const getColorByName = theme.visualization.getColorByName;
  // The plot, and its x axis strip where the markers go (uPlot creates the x axis first).
  const [plot, setPlot] = useState<{ u: uPlot; axis: HTMLElement | null }>();
  const [, forceUpdate] = useReducer((n: number) => n + 1, 0);
  const frames = useMemo(() => drawableAnnotationFrames(annotations), [annotations]);
  // The draw hook is registered once per config and reads the latest frames.
  const framesRef = useRef(frames);
  useLayoutEffect(() => {
    framesRef.current = frames;
  }, [frames]);

  useLayoutEffect(() => {
    config.addHook('ready', (u) => setPlot({ u, axis: u.root.querySelector<HTMLElement>('.u-axis') }));
    // Zoom and resize move the markers.
    config.addHook('setScale', () => forceUpdate());
    config.addHook('setSize', () => forceUpdate());
    config.addHook('draw', (u) => {
      const ctx = u.ctx;
      const { left, top, width, height } = u.bbox;
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, top, width, height);
      ctx.clip();
      ctx.lineWidth = 2;
      ctx.setLineDash([5, 5]);
      for (const stroke of annotationStrokes(framesRef.current, (t) => u.valToPos(t, 'x', true))) {
        const color = getColorByName(stroke.color || DEFAULT_ANNOTATION_COLOR);
        line(ctx, stroke.x0, top, top + height, color);
        if (stroke.x1 !== undefined) {
          line(ctx, stroke.x1, top, top + height, color);
          ctx.fillStyle = colorManipulator.alpha(color, REGION_FILL_ALPHA);
          ctx.fillRect(stroke.x0, top, stroke.x1 - stroke.x0, height);
        }
      }
      ctx.restore();
    });
  }, [config, getColorByName]);

  useEffect(() => {
    if (plot) {
      plot.u.redraw();
      // uPlot takes new data and scales after this render: place the markers again once it has.
      const timer = setTimeout(forceUpdate, 0);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [frames, plot]);

  if (!plot?.axis) {
    return null;
  }
  const { u, axis } = plot;
  const values = frames.map(annotationValues);
  const marks = annotationMarks(frames, (t) => u.valToPos(t, 'x'), u.rect.width);
  return createPortal(
    <>
      {marks.map((mark) => (
        <AnnotationMarker
          key={`${mark.frameIndex}:${mark.row}`}
          mark={mark}
          values={values[mark.frameIndex]}
          color={getColorByName(mark.color || DEFAULT_ANNOTATION_COLOR)}
          timeZone={timeZone}
        />
      ))}
    </>,
    axis
  );
}

function line(ctx: CanvasRenderingContext2D, x: number, y0: number, y1: number, color: string): void {
  ctx.beginPath();
  ctx.moveTo(x, y0);
  ctx.lineTo(x, y1);
  ctx.strokeStyle = color;
  ctx.stroke();
}
