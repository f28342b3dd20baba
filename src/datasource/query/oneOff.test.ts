import { NEVER, Observable, of, throwError } from 'rxjs';

import type { ProfileQuery } from '../types';
import { resolveQuery, untilAborted } from './oneOff';

const templateSrv = { replace: (text?: string) => (text ?? '').replace('$service', 'checkout') };
const range = { fromMs: 1_700_000_000_000, toMs: 1_700_000_600_000 };

describe('resolveQuery', () => {
  it('interpolates the selector and resolves the dashboard window as query() does', () => {
    const query: ProfileQuery = {
      refId: 'A',
      profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      labelSelector: ' {service_name="$service"} ',
    };
    const r = resolveQuery(query, range, templateSrv, {});
    expect(r.profileTypeId).toBe(query.profileTypeId);
    expect(r.labelSelector).toBe('{service_name="checkout"}');
    expect(r.windows.profile).toEqual(range);
    expect(r.windows.baseline).toBeUndefined();
  });

  it('reads an empty selector as every series', () => {
    const r = resolveQuery({ refId: 'A', profileTypeId: 't', labelSelector: '  ' }, range, templateSrv, {});
    expect(r.labelSelector).toBe('{}');
  });

  it('refuses a query without a profile type', () => {
    expect(() => resolveQuery({ refId: 'A' } as ProfileQuery, range, templateSrv, {})).toThrow('Choose a profile type');
  });
});

describe('untilAborted', () => {
  it('resolves with the last value', async () => {
    await expect(untilAborted(of(1, 2), 'A', 'The thing', 'cancelled')).resolves.toBe(2);
  });

  it('words an error as the query does, starting with what failed', async () => {
    const failing = throwError(() => new Error('no such service'));
    await expect(untilAborted(failing, 'A', 'The thing', 'cancelled')).rejects.toThrow(
      'The thing failed: no such service'
    );
  });

  it('never subscribes when the signal is already aborted', async () => {
    const subscribe = jest.fn();
    const answer$ = new Observable<number>(() => subscribe());
    const controller = new AbortController();
    controller.abort();
    await expect(untilAborted(answer$, 'A', 'The thing', 'cancelled', controller.signal)).rejects.toThrow('cancelled');
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('unsubscribes (cancelling the request) when the signal aborts on the way', async () => {
    const teardown = jest.fn();
    const answer$ = new Observable<number>(() => teardown);
    const controller = new AbortController();
    const answer = untilAborted(answer$, 'A', 'The thing', 'the thing was cancelled', controller.signal);
    controller.abort();
    await expect(answer).rejects.toThrow('the thing was cancelled');
    expect(teardown).toHaveBeenCalledTimes(1);
  });

  it('leaves an answer alone when nothing aborts', async () => {
    const answer = untilAborted(NEVER, 'A', 'The thing', 'cancelled', new AbortController().signal);
    const outcome = await Promise.race([
      answer.then(() => 'settled'),
      new Promise((r) => setTimeout(r, 20, 'pending')),
    ]);
    expect(outcome).toBe('pending');
  });
});
