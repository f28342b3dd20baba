import { LoadingState, type DataFrame, type DataQueryError } from '@grafana/data';

import { dataFrameToProfileSteps, fieldsOf, isFlameGraphFrame } from '../model/frame';
import type { Profile } from '../model/profile';
import { runSteps, type Steps } from '../model/steps';
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
  return runSteps(readPanelInputSteps(series));
}

/** `readPanelInput` in steps (one pass over the frame's rows each), for a caller that yields between them. */
export function* readPanelInputSteps(series: DataFrame[]): Steps<PanelInput> {
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
    const profile = yield* dataFrameToProfileSteps(frame);
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

/** Rows of the flame graph frame in `series` (0 when there is none): how much reading it will cost. */
export function flameGraphRows(series: DataFrame[]): number {
  const frame = series.find(isFlameGraphFrame);
  const values = frame ? fieldsOf(frame)[0]?.values : undefined;
  return values && typeof values.length === 'number' ? values.length : 0;
}

/** What the panel's body shows for one render. */
export type PanelBody =
  /** A profile to draw: this query's, or the last one while a new answer is on its way (`stale`). */
  | { kind: 'picture'; input: PanelInput; stale: boolean }
  /** Nothing has arrived yet: a neutral placeholder (Grafana draws its own loading bar in the panel header). */
  | { kind: 'loading' }
  /** An answer that cannot be drawn: `error` when the query failed, else a note (no data, unreadable frame). */
  | { kind: 'problem'; input: PanelInput; severity: 'info' | 'error'; title: string; text: string };

/** What the panel reads of PanelData besides the frames. */
export interface PanelDataState {
  state: LoadingState;
  error?: DataQueryError;
  errors?: DataQueryError[];
}

/**
 * Decides what the body shows. A profile in the data is drawn whatever the state (Grafana keeps the last frames while
 * a query reruns; a partial answer has its error beside its frames). Without one, a query still running (Loading,
 * NotStarted, or a stream that has sent nothing drawable yet) shows the last picture, or a neutral placeholder on the
 * first load: "No data" is an answer, and only a finished query (Done) gives it. A failed query with nothing to draw
 * says why it failed instead. `input` undefined: the answer is still being read (`usePanelInput`).
 */
export function choosePanelBody(
  input: PanelInput | undefined,
  data: PanelDataState,
  last: PanelInput | undefined
): PanelBody {
  // Still reading a large frame (a few tasks): as while the query runs, the last picture or the placeholder.
  if (input === undefined) {
    return last ? { kind: 'picture', input: last, stale: true } : { kind: 'loading' };
  }
  if (input.profile && input.frame) {
    return { kind: 'picture', input, stale: false };
  }
  if (!isSettled(data.state)) {
    return last ? { kind: 'picture', input: last, stale: true } : { kind: 'loading' };
  }
  if (data.state === LoadingState.Error && !input.frame) {
    return { kind: 'problem', input, severity: 'error', title: 'The query failed', text: queryErrorText(data) };
  }
  return { kind: 'problem', input, severity: 'info', title: 'Nothing to show', text: input.problem ?? '' };
}

/**
 * The picture to keep for the next loads: this answer's when it has a profile; none once a query has settled
 * without one (the next load must not bring back an older picture than the last answer).
 */
export function nextLastPicture(input: PanelInput | undefined, state: LoadingState, last: PanelInput | undefined) {
  if (input === undefined) {
    return last;
  }
  if (input.profile && input.frame) {
    return input;
  }
  return isSettled(state) ? undefined : last;
}

/** Done or Error: the query has answered. */
export function isSettled(state: LoadingState): boolean {
  return state === LoadingState.Done || state === LoadingState.Error;
}

function queryErrorText(data: PanelDataState): string {
  const error = data.error ?? data.errors?.[0];
  const message = error?.message || error?.data?.message || error?.data?.error;
  return message ? String(message).slice(0, 500) : 'The datasource reported an error without a message.';
}
