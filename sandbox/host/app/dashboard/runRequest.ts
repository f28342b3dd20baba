/**
 * Grafana core's `runRequest`, which scenes gets through `setRunRequest` (scenes does not ship one): runs one
 * DataQueryRequest on a datasource (or through the query function scenes passes, such as a variable support's
 * `query`) and turns its response packets into PanelData: packets merged by key (refId), annotation frames apart, an
 * error in any packet (or a thrown one) makes the state Error with `error`/`errors` set, and unsubscribing cancels
 * the network requests of the request id. As in Grafana core, a request still unanswered after 200 ms emits its
 * Loading state (no series yet; scenes' `preProcessPanelData` then keeps the last result's series), so panels see
 * the Loading state users see.
 */
import { Observable, catchError, defer, finalize, from, map, of } from 'rxjs';
import {
  DataTopic,
  LoadingState,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type PanelData,
} from '@grafana/data';
import { toDataQueryError } from '@grafana/runtime';

/** What the runner needs to cancel requests left running (Grafana's BackendSrv has it). */
export interface RequestCanceler {
  resolveCancelerIfExists(requestId: string): void;
}

interface RunningState {
  packets: Record<string, DataQueryResponse>;
  panelData: PanelData;
}

/** Merges a response packet into the panel data of the request so far. */
export function processResponsePacket(packet: DataQueryResponse, state: RunningState): RunningState {
  const request = state.panelData.request;
  const key: string = packet.key ?? packet.data?.[0]?.refId ?? 'A';
  const packets: Record<string, DataQueryResponse> = { ...state.packets, [key]: packet };
  let loadingState = packet.state ?? LoadingState.Done;
  let error: DataQueryError | undefined;
  let errors: DataQueryError[] | undefined;
  const series: DataFrame[] = [];
  const annotations: DataFrame[] = [];
  for (const p of Object.values(packets)) {
    if (p.error || p.errors?.length) {
      loadingState = LoadingState.Error;
      error = p.error ?? p.errors?.[0];
      errors = p.errors ?? (p.error ? [p.error] : undefined);
    }
    for (const frame of (p.data ?? []) as DataFrame[]) {
      if (frame.meta?.dataTopic === DataTopic.Annotations) {
        annotations.push(frame);
      } else {
        series.push(frame);
      }
    }
  }
  return {
    packets,
    panelData: {
      state: loadingState,
      series,
      annotations,
      error,
      errors,
      request,
      timeRange: state.panelData.timeRange,
    },
  };
}

/** What runs the request instead of `datasource.query` (scenes passes a variable support's `query`). */
export type QueryFunction = (request: DataQueryRequest) => Observable<DataQueryResponse> | Promise<DataQueryResponse>;

export function runRequest(
  datasource: DataSourceApi,
  request: DataQueryRequest,
  canceler?: RequestCanceler,
  queryFunction?: QueryFunction
): Observable<PanelData> {
  let state: RunningState = {
    packets: {},
    panelData: { state: LoadingState.Loading, series: [], request, timeRange: request.range },
  };
  const targets = request.targets.filter((t) => datasource.filterQuery?.(t) ?? true);
  if (targets.length === 0) {
    request.endTime = Date.now();
    return of({ ...state.panelData, state: LoadingState.Done });
  }
  const filtered: DataQueryRequest = { ...request, targets };
  const query = queryFunction ?? ((r: DataQueryRequest) => datasource.query(r));
  const data = defer(() => from(query(filtered) as Observable<DataQueryResponse> | Promise<DataQueryResponse>)).pipe(
    map((packet) => {
      if (!Array.isArray(packet.data)) {
        throw new Error(`Expected response data to be an array, got ${typeof packet.data}`);
      }
      request.endTime = Date.now();
      state = processResponsePacket(packet, state);
      return state.panelData;
    }),
    catchError((err: unknown) => {
      const error = toDataQueryError(err);
      return of<PanelData>({ ...state.panelData, state: LoadingState.Error, error, errors: [error] });
    }),
    finalize(() => canceler?.resolveCancelerIfExists(request.requestId))
  );
  // One subscription to the datasource (a second would query it again), and the Loading state only while nothing
  // has come back.
  return new Observable<PanelData>((subscriber) => {
    let answered = false;
    const loading = setTimeout(() => answered || subscriber.next(state.panelData), LOADING_AFTER_MS);
    const subscription = data.subscribe({
      next: (panelData) => {
        answered = true;
        clearTimeout(loading);
        subscriber.next(panelData);
      },
      error: (err: unknown) => subscriber.error(err),
      complete: () => subscriber.complete(),
    });
    return () => {
      clearTimeout(loading);
      subscription.unsubscribe();
    };
  });
}

/** How long a request runs before Grafana core emits its Loading state. */
export const LOADING_AFTER_MS = 200;
