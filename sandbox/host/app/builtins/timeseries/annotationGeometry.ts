/**
 * Where annotation events go on a time series plot, as Grafana's AnnotationsPlugin2 places them (pure, no DOM):
 * - markers live in the x axis strip just below the plot, in CSS px from the plot's left edge: a point event is a
 *   small triangle centred on its time, shown when that time is on the plot; a region event is a 5 px band from its
 *   start to its end, clamped to the plot, shown when any of it is on the plot;
 * - on the canvas (canvas px), every event draws a dashed line at its start, a region also one at its end and a
 *   shaded band between them over the whole plot height.
 */
import type { DataFrame } from '@grafana/data';

/** The events' fields by name (`time`, `timeEnd`, `isRegion`, `color`, `title`, `text`, `tags`...). */
export type AnnotationValues = Record<string, unknown[]>;

/** One marker below the plot. */
export interface AnnotationMark {
  /** Index of the frame in the panel's annotations and of the event in it. */
  frameIndex: number;
  row: number;
  kind: 'point' | 'region';
  /** CSS px from the plot's left edge: the time of a point, the clamped start of a region. */
  leftPx: number;
  /** Clamped width of a region band; 0 for a point. */
  widthPx: number;
  /** The event's colour as written (a theme colour name, hex or rgba). */
  color: string | undefined;
}

/** One event on the canvas. */
export interface AnnotationStroke {
  color: string | undefined;
  /** Canvas px of the start line, and of the end line for regions. */
  x0: number;
  x1?: number;
}

/** The frames AnnotationsPlugin2 draws: events with times (not exemplars), not empty. */
export function drawableAnnotationFrames(frames: DataFrame[]): DataFrame[] {
  return frames.filter((f) => f.name !== 'exemplar' && f.length > 0 && f.fields.some((x) => x.name === 'time'));
}

/** The fields of a frame by name. */
export function annotationValues(frame: DataFrame): AnnotationValues {
  const values: AnnotationValues = {};
  for (const field of frame.fields) {
    values[field.name] = field.values;
  }
  return values;
}

function timeAt(values: AnnotationValues, key: 'time' | 'timeEnd', row: number): number | undefined {
  const value = values[key]?.[row];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isRegion(values: AnnotationValues, row: number): boolean {
  return Boolean(values.isRegion?.[row]) && timeAt(values, 'timeEnd', row) !== undefined;
}

/**
 * The markers of the events, in frame and row order.
 *
 * @param valToPosPx time (epoch ms) → CSS px from the plot's left edge (uPlot's `valToPos(t, 'x')`)
 * @param plotWidthPx the plot's width in CSS px
 */
export function annotationMarks(
  frames: DataFrame[],
  valToPosPx: (timeMs: number) => number,
  plotWidthPx: number
): AnnotationMark[] {
  const marks: AnnotationMark[] = [];
  frames.forEach((frame, frameIndex) => {
    const values = annotationValues(frame);
    for (let row = 0; row < frame.length; row++) {
      const time = timeAt(values, 'time', row);
      if (time === undefined) {
        continue;
      }
      const color = values.color?.[row] as string | undefined;
      // `|| 0` turns -0 into 0, as Grafana does.
      const left = Math.round(valToPosPx(time)) || 0;
      if (isRegion(values, row)) {
        const right = Math.round(valToPosPx(timeAt(values, 'timeEnd', row) ?? time)) || 0;
        if (left < plotWidthPx && right > 0) {
          const leftPx = Math.max(0, left);
          marks.push({
            frameIndex,
            row,
            kind: 'region',
            leftPx,
            widthPx: Math.min(plotWidthPx, right) - leftPx,
            color,
          });
        }
      } else if (left >= 0 && left <= plotWidthPx) {
        marks.push({ frameIndex, row, kind: 'point', leftPx: left, widthPx: 0, color });
      }
    }
  });
  return marks;
}

/**
 * The lines and bands to draw on the canvas.
 *
 * @param valToCanvasPx time (epoch ms) → canvas px (uPlot's `valToPos(t, 'x', true)`)
 */
export function annotationStrokes(frames: DataFrame[], valToCanvasPx: (timeMs: number) => number): AnnotationStroke[] {
  const strokes: AnnotationStroke[] = [];
  for (const frame of frames) {
    const values = annotationValues(frame);
    for (let row = 0; row < frame.length; row++) {
      const time = timeAt(values, 'time', row);
      if (time === undefined) {
        continue;
      }
      const color = values.color?.[row] as string | undefined;
      const end = isRegion(values, row) ? timeAt(values, 'timeEnd', row) : undefined;
      strokes.push({ color, x0: valToCanvasPx(time), ...(end !== undefined ? { x1: valToCanvasPx(end) } : {}) });
    }
  }
  return strokes;
}
