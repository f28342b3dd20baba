import { DataTopic, FieldType, createDataFrame, type DataFrame } from '@grafana/data';

import { annotationMarks, annotationStrokes, drawableAnnotationFrames } from './annotationGeometry';

/** A plot of 1000 px showing 0..10 000 ms: 1 px per 10 ms. */
const WIDTH = 1000;
const toPx = (ms: number) => ms / 10;

function frame(rows: Array<{ time: number; timeEnd?: number; isRegion?: boolean; color?: string }>): DataFrame {
  return createDataFrame({
    fields: [
      { name: 'time', type: FieldType.number, values: rows.map((r) => r.time) },
      { name: 'timeEnd', type: FieldType.number, values: rows.map((r) => r.timeEnd) },
      { name: 'isRegion', type: FieldType.boolean, values: rows.map((r) => r.isRegion ?? false) },
      { name: 'color', type: FieldType.string, values: rows.map((r) => r.color) },
    ],
    meta: { dataTopic: DataTopic.Annotations },
  });
}

describe('annotationMarks (markers below the plot)', () => {
  it('places a point at its time and a region band from start to end', () => {
    const marks = annotationMarks(
      [
        frame([
          { time: 2000, color: 'red' },
          { time: 3000, timeEnd: 4500, isRegion: true },
        ]),
      ],
      toPx,
      WIDTH
    );
    expect(marks).toEqual([
      { frameIndex: 0, row: 0, kind: 'point', leftPx: 200, widthPx: 0, color: 'red' },
      { frameIndex: 0, row: 1, kind: 'region', leftPx: 300, widthPx: 150, color: undefined },
    ]);
  });

  it('clamps regions to the plot and leaves out what is not on it', () => {
    const marks = annotationMarks(
      [
        frame([
          { time: -3000, timeEnd: 1000, isRegion: true }, // starts before the plot: clamped to 0..100
          { time: 9000, timeEnd: 15_000, isRegion: true }, // ends after it: clamped to 900..1000
          { time: -5000, timeEnd: -1000, isRegion: true }, // wholly before
          { time: 12_000 }, // point after the plot
          { time: 10_000 }, // point on the right edge
        ]),
      ],
      toPx,
      WIDTH
    );
    expect(marks.map((m) => [m.row, m.kind, m.leftPx, m.widthPx])).toEqual([
      [0, 'region', 0, 100],
      [1, 'region', 900, 100],
      [4, 'point', 1000, 0],
    ]);
  });

  it('treats a region without an end as a point', () => {
    const marks = annotationMarks([frame([{ time: 5000, isRegion: true }])], toPx, WIDTH);
    expect(marks.map((m) => m.kind)).toEqual(['point']);
  });
});

describe('annotationStrokes (lines and bands on the canvas)', () => {
  it('draws a line per event and an end line with a band for regions', () => {
    const strokes = annotationStrokes(
      [frame([{ time: 2000 }, { time: 3000, timeEnd: 4500, isRegion: true, color: 'blue' }])],
      (ms) => ms / 5
    );
    expect(strokes).toEqual([
      { color: undefined, x0: 400 },
      { color: 'blue', x0: 600, x1: 900 },
    ]);
  });
});

describe('drawableAnnotationFrames', () => {
  it('keeps non-empty event frames and leaves out exemplars', () => {
    const events = frame([{ time: 1 }]);
    const exemplars = { ...frame([{ time: 1 }]), name: 'exemplar' };
    expect(drawableAnnotationFrames([events, exemplars, frame([])])).toEqual([events]);
  });
});
