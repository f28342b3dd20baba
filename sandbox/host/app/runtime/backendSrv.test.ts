import { firstValueFrom, lastValueFrom } from 'rxjs';
import { AppEvents, EventBusSrv } from '@grafana/data';
import type { FetchError } from '@grafana/runtime';

import { HostBackendSrv } from './backendSrv';
import type { FetchLike, ResponseLike } from './fetchOptions';

/** Headers as much as the service reads them (jsdom has no fetch API). */
class FakeHeaders {
  private readonly map: Map<string, string>;
  constructor(init: Record<string, string> = {}) {
    this.map = new Map(Object.entries(init).map(([k, v]) => [k.toLowerCase(), v]));
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
}

function response(status: number, body: string, headers: Record<string, string> = {}): ResponseLike {
  const bytes = new TextEncoder().encode(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText:
      status === 200 ? 'OK' : status === 404 ? 'Not Found' : status === 500 ? 'Internal Server Error' : 'Bad Request',
    headers: new FakeHeaders(headers) as unknown as Headers,
    url: 'http://host/x',
    type: 'basic',
    redirected: false,
    text: async () => body,
    json: async () => JSON.parse(body),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    blob: async () => new Blob([body]),
  };
}

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch whose answers the test releases; it honours the abort signal like the browser's. */
function controllableFetch() {
  const calls: Call[] = [];
  const pending: Array<{ resolve: (r: ResponseLike) => void; signal: AbortSignal }> = [];
  const fetch: FetchLike = (url, init) => {
    calls.push({ url, init });
    return new Promise((resolve, reject) => {
      const signal = init.signal as AbortSignal;
      signal.addEventListener('abort', () => reject(new DOMException('The user aborted a request.', 'AbortError')));
      pending.push({ resolve, signal });
    });
  };
  return { fetch, calls, pending };
}

function immediateFetch(r: () => ResponseLike) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return r();
  };
  return { fetch, calls };
}

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    return err as FetchError;
  }
  throw new Error('expected the request to fail');
}

describe('HostBackendSrv requests', () => {
  it('sends local URLs relative to the base, with the org header, query params and a JSON body', async () => {
    const { fetch, calls } = immediateFetch(() => response(200, '{"ok":true}', { 'content-type': 'application/json' }));
    const srv = new HostBackendSrv({ fetch, orgId: 1 });
    const data = await srv.post(
      '/api/things',
      { a: 1 },
      { params: { q: 'x y', list: ['1', '2'], empty: '', none: undefined } }
    );
    expect(data).toEqual({ ok: true });
    expect(calls[0].url).toBe('api/things?q=x%20y&list=1&list=2');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe('{"a":1}');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/json');
    expect(headers.accept).toBe('application/json, text/plain, */*');
    expect(headers['x-grafana-org-id'] ?? headers['X-Grafana-Org-Id']).toBe('1');
  });

  it('moves a caller Authorization header to X-DS-Authorization on local URLs', async () => {
    const { fetch, calls } = immediateFetch(() => response(200, ''));
    await new HostBackendSrv({ fetch }).get('/api/x', undefined, undefined, { headers: { Authorization: 'Bearer t' } });
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-ds-authorization']).toBe('Bearer t');
  });

  it('sends string bodies as they are, other objects form-encoded when the content type is not JSON', async () => {
    const { fetch, calls } = immediateFetch(() => response(200, ''));
    const srv = new HostBackendSrv({ fetch });
    await srv.post('/api/raw', 'a=1&b=2', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    await srv.post('/api/form', { a: '1' }, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(calls[0].init.body).toBe('a=1&b=2');
    expect(String(calls[1].init.body)).toBe('a=1');
  });

  it('returns the full FetchResponse from fetch()', async () => {
    const { fetch } = immediateFetch(() => response(200, '{"x":1}', { 'content-type': 'application/json' }));
    const res = await lastValueFrom(
      new HostBackendSrv({ fetch }).fetch<{ x: number }>({ url: '/api/x', requestId: 'r' })
    );
    expect(res).toMatchObject({
      ok: true,
      status: 200,
      statusText: 'OK',
      data: { x: 1 },
      url: 'http://host/x',
      redirected: false,
      type: 'basic',
    });
    expect(res.config.url).toBe('api/x');
    expect(res.headers.get('content-type')).toBe('application/json');
  });
});

describe('HostBackendSrv responseType', () => {
  const body = '{"a":1}';
  it.each([
    ['json', { a: 1 }],
    ['text', body],
    [undefined, { a: 1 }],
  ] as const)('%s', async (responseType, expected) => {
    const { fetch } = immediateFetch(() => response(200, body));
    const res = await lastValueFrom(new HostBackendSrv({ fetch }).fetch({ url: '/x', responseType }));
    expect(res.data).toEqual(expected);
  });

  it('arraybuffer gives the bytes', async () => {
    const { fetch } = immediateFetch(() => response(200, 'AB'));
    const res = await lastValueFrom(
      new HostBackendSrv({ fetch }).fetch<ArrayBuffer>({ url: '/x', responseType: 'arraybuffer' })
    );
    expect(Array.from(new Uint8Array(res.data))).toEqual([65, 66]);
  });

  it('text that is not JSON stays text without a responseType', async () => {
    const { fetch } = immediateFetch(() => response(200, 'plain words'));
    expect(await new HostBackendSrv({ fetch }).get('/x')).toBe('plain words');
  });

  it('an empty JSON response is an empty object', async () => {
    const { fetch } = immediateFetch(() =>
      response(200, '', { 'content-type': 'application/json', 'content-length': '0' })
    );
    expect(await new HostBackendSrv({ fetch }).get('/x')).toEqual({});
  });
});

describe('HostBackendSrv errors', () => {
  it('rejects with a FetchError whose data has the server message', async () => {
    const { fetch } = immediateFetch(() =>
      response(404, '{"message":"Dashboard not found"}', { 'content-type': 'application/json' })
    );
    const err = await fetchError(new HostBackendSrv({ fetch }).get('/api/dashboards/uid/nope'));
    expect(err).toMatchObject({ status: 404, statusText: 'Not Found', data: { message: 'Dashboard not found' } });
    expect(err.config.url).toBe('api/dashboards/uid/nope');
  });

  it('wraps a text error body like Grafana: message, error (status text) and response', async () => {
    const { fetch } = immediateFetch(() => response(500, 'boom'));
    const err = await fetchError(
      new HostBackendSrv({ fetch }).get('/api/x', undefined, undefined, { responseType: 'text' })
    );
    expect(err.data).toEqual({ message: 'boom', error: 'Internal Server Error', response: 'boom' });
  });

  it('copies a Prometheus-style `error` into `message`', async () => {
    const { fetch } = immediateFetch(() =>
      response(400, '{"status":"error","errorType":"bad_data","error":"parse error"}')
    );
    const err = await fetchError(new HostBackendSrv({ fetch }).get('/api/datasources/proxy/uid/p/api/v1/query'));
    expect(err.data).toEqual({ status: 'error', errorType: 'bad_data', error: 'parse error', message: 'parse error' });
  });

  it('keeps the server words of an error body even when JSON was asked for', async () => {
    const { fetch } = immediateFetch(() => response(502, 'Bad Gateway: connection refused'));
    const err = await fetchError(
      new HostBackendSrv({ fetch }).get('/x', undefined, undefined, { responseType: 'json' })
    );
    expect(err.status).toBe(502);
    expect(err.data.message).toBe('Bad Gateway: connection refused');
  });

  it('gives an empty error body the status text as message, a null one "Unexpected error"', async () => {
    const { fetch } = immediateFetch(() => response(500, ''));
    const err = await fetchError(new HostBackendSrv({ fetch }).get('/x'));
    expect(err.data).toEqual({ message: 'Internal Server Error', error: 'Internal Server Error', response: '' });
    const { fetch: nullFetch } = immediateFetch(() => response(500, 'null'));
    const err2 = await fetchError(new HostBackendSrv({ fetch: nullFetch }).get('/x'));
    expect(err2.data).toEqual({ message: 'Unexpected error' });
  });

  it('lets a network failure through with data.message set', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    const err = (await fetchError(new HostBackendSrv({ fetch }).get('/x'))) as FetchError & Error;
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe('Failed to fetch');
    expect(err.data).toEqual({ message: 'Unexpected error' });
  });

  it('shows local API errors as alerts unless the caller handles them, never data query errors', async () => {
    jest.useFakeTimers();
    try {
      const appEvents = new EventBusSrv();
      const alerts: unknown[] = [];
      appEvents.on(AppEvents.alertWarning, (payload) => alerts.push(payload));
      const { fetch } = immediateFetch(() => response(400, '{"message":"Bad name"}'));
      const srv = new HostBackendSrv({ fetch, appEvents });
      await fetchError(srv.put('/api/datasources/uid/a', {}));
      const handled = await fetchError(srv.put('/api/datasources/uid/b', {}));
      handled.isHandled = true;
      await fetchError(srv.get('/api/datasources/proxy/uid/a/q'));
      jest.advanceTimersByTime(100);
      expect(alerts).toEqual([['Bad name', '']]);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('HostBackendSrv cancellation', () => {
  it('cancels a request when a newer one with the same requestId starts', async () => {
    const { fetch, pending } = controllableFetch();
    const srv = new HostBackendSrv({ fetch });
    const first = firstValueFrom(srv.fetch({ url: '/api/q', requestId: 'Q1' }));
    const second = firstValueFrom(srv.fetch({ url: '/api/q', requestId: 'Q1' }));
    const other = firstValueFrom(srv.fetch({ url: '/api/q', requestId: 'Q2' }));
    const err = await fetchError(first);
    expect(err).toMatchObject({ cancelled: true, status: -1, statusText: 'Request was aborted', data: null });
    expect(err.config.requestId).toBe('Q1');
    expect(pending[0].signal.aborted).toBe(true);
    expect(pending[1].signal.aborted).toBe(false);
    pending[1].resolve(response(200, '"second"'));
    pending[2].resolve(response(200, '"other"'));
    expect((await second).data).toBe('second');
    expect((await other).data).toBe('other');
  });

  it('aborts the HTTP request when the subscriber unsubscribes', () => {
    const { fetch, pending } = controllableFetch();
    const subscription = new HostBackendSrv({ fetch }).fetch({ url: '/api/q' }).subscribe();
    expect(pending[0].signal.aborted).toBe(false);
    subscription.unsubscribe();
    expect(pending[0].signal.aborted).toBe(true);
  });

  it('cancels by request id on demand (what the query runner does when a query is dropped)', async () => {
    const { fetch, pending } = controllableFetch();
    const srv = new HostBackendSrv({ fetch });
    const request = firstValueFrom(srv.fetch({ url: '/api/q', requestId: 'Q9' }));
    srv.resolveCancelerIfExists('Q9');
    expect((await fetchError(request)).cancelled).toBe(true);
    expect(pending[0].signal.aborted).toBe(true);
  });
});
