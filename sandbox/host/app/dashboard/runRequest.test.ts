import { firstValueFrom, lastValueFrom, of, toArray, delay } from 'rxjs';
import {
  dateTime,
  LoadingState,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
} from '@grafana/data';

import { LOADING_AFTER_MS, runRequest } from './runRequest';

function request(): DataQueryRequest {
  const from = dateTime(0);
  const to = dateTime(60_000);
  return {
    requestId: 'r1',
    interval: '1s',
    intervalMs: 1000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets: [{ refId: 'A' }],
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  };
}

/** A datasource whose answer (one frame for A) arrives after `ms`. */
function answeringAfter(ms: number): DataSourceApi {
  const answer: DataQueryResponse = { data: [{ refId: 'A', fields: [], length: 0 }] };
  return { query: () => of(answer).pipe(delay(ms)) } as unknown as DataSourceApi;
}

describe('runRequest', () => {
  it('emits Loading, with no series yet, when the answer takes longer than Grafana core waits', async () => {
    const states = await lastValueFrom(runRequest(answeringAfter(LOADING_AFTER_MS + 150), request()).pipe(toArray()));
    expect(states.map((s) => s.state)).toEqual([LoadingState.Loading, LoadingState.Done]);
    expect(states[0].series).toEqual([]);
    expect(states[1].series).toHaveLength(1);
  });

  it('emits only the answer when it comes first', async () => {
    const states = await lastValueFrom(runRequest(answeringAfter(10), request()).pipe(toArray()));
    expect(states.map((s) => s.state)).toEqual([LoadingState.Done]);
  });

  it('asks the datasource once, whatever the Loading timer does', async () => {
    const query = jest.fn(() => of<DataQueryResponse>({ data: [] }).pipe(delay(LOADING_AFTER_MS + 50)));
    const done = await lastValueFrom(runRequest({ query } as unknown as DataSourceApi, request()));
    expect(done.state).toBe(LoadingState.Done);
    expect(query).toHaveBeenCalledTimes(1);
    expect((await firstValueFrom(runRequest(answeringAfter(0), request()))).state).toBe(LoadingState.Done);
  });

  it('asks a datasource that answers synchronously once', async () => {
    const query = jest.fn(() => of<DataQueryResponse>({ data: [] }));
    const states = await lastValueFrom(runRequest({ query } as unknown as DataSourceApi, request()).pipe(toArray()));
    expect(states.map((s) => s.state)).toEqual([LoadingState.Done]);
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('stops the Loading timer when unsubscribed before the answer', async () => {
    const subscription = runRequest(answeringAfter(10_000), request()).subscribe({
      next: () => {
        throw new Error('nothing may be emitted after unsubscribing');
      },
    });
    subscription.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, LOADING_AFTER_MS + 50));
    expect(subscription.closed).toBe(true);
  });
});
