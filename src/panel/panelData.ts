import type { DataFrame } from '@grafana/data';

import { dataFrameToProfile, fieldsOf, isFlameGraphFrame } from '../model/frame';
import type { Profile } from '../model/profile';
import { unitFromGrafana, type ValueUnit } from '../model/units';

/** What the panel draws, read from the query result. */
export interface PanelInput {
  frame?: DataFrame;
  profile?: Profile;
  /** Why there is nothing to draw: shown as is (never HTML). */
  problem?: string;
  /** A time series from the same query (queryType both), for the timeline strip. */
  series?: { timesMs: number[]; values: number[]; unit: ValueUnit };
}

/**
 * Finds the flame graph frame (ours or Grafana's Pyroscope datasource's) and the first time series, and reads the
 * frame into the model. Every failure becomes a sentence for the user, never an exception.
 */
export function readPanelInput(series: DataFrame[]): PanelInput {
  const frame = series.find(isFlameGraphFrame);
  const timeline = readTimeline(series.filter((f) => f !== frame));
  if (!frame) {
    const names = series
      .map((f) =>
        fieldsOf(f)
          .map((x) => String(x.name).slice(0, 40))
          .join(', ')
      )
      .filter(Boolean);
    return {
      problem:
        series.length === 0
          ? 'No data: the query returned nothing for this time range.'
          : `No flame graph in the query result: a flame graph frame needs the fields level, value, self and label (got: ${names.join(' | ') || 'no fields'}). Set the query type to Profile or Both.`,
      ...(timeline ? { series: timeline } : {}),
    };
  }
  try {
    const profile = dataFrameToProfile(frame);
    if (!(profile.total[0] > 0) && !(profile.right && profile.right.total[0] > 0)) {
      return {
        frame,
        problem: 'No profile data in this time range: the server returned an empty profile.',
        ...(timeline ? { series: timeline } : {}),
      };
    }
    return { frame, profile, ...(timeline ? { series: timeline } : {}) };
  } catch (err) {
    return { frame, problem: `Cannot read the flame graph: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function readTimeline(frames: DataFrame[]): PanelInput['series'] | undefined {
  for (const f of frames) {
    const fields = fieldsOf(f);
    const time = fields.find((x) => x.type === 'time');
    const value = fields.find((x) => x.type === 'number');
    if (time && value && isList(time.values) && isList(value.values) && time.values.length > 1) {
      return {
        timesMs: Array.from(time.values as ArrayLike<number>),
        values: Array.from(value.values as ArrayLike<number>),
        unit: unitFromGrafana(value.config?.unit),
      };
    }
  }
  return undefined;
}

function isList(values: unknown): values is ArrayLike<unknown> {
  return Array.isArray(values) || ArrayBuffer.isView(values);
}
