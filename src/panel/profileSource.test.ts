import { dateTime, type DataFrame, type DataQueryRequest, type TimeRange } from '@grafana/data';

import { canDownloadProfile, findProfileSource, pprofFileName } from './profileSource';

/** The panel's lookup of a frame's datasource, with a stand-in for Grafana's DataSourceSrv. */

const FROM = Date.UTC(2024, 4, 1, 1, 55, 0);
const TO = Date.UTC(2024, 4, 1, 2, 55, 0);
const RANGE: TimeRange = { from: dateTime(FROM), to: dateTime(TO), raw: { from: 'now-1h', to: 'now' } };
const META = {
  custom: {
    profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
    labelSelector: '{service_name="ad-server", env="prod"}',
    fromMs: FROM + 60_000,
    toMs: FROM + 120_000,
  },
};

const frame = (refId = 'A', meta: unknown = META) => ({ refId, fields: [], length: 0, meta }) as unknown as DataFrame;

function request(targets: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): DataQueryRequest {
  return {
    targets,
    range: RANGE,
    scopedVars: { x: { text: 'x', value: 'x' } },
    filters: [{ key: 'pod', operator: '=', value: 'web-1' }],
    ...extra,
  } as unknown as DataQueryRequest;
}

function srv(instances: Record<string, unknown>) {
  const asked: unknown[] = [];
  return {
    asked,
    get: (ref: unknown) => {
      asked.push(ref);
      const uid = typeof ref === 'string' ? ref : (ref as { uid?: string }).uid;
      const ds = uid !== undefined ? instances[uid] : undefined;
      return ds ? Promise.resolve(ds) : Promise.reject(new Error(`no datasource ${uid}`));
    },
  };
}

describe('findProfileSource', () => {
  it('uses the datasource of the query with the frame refId, and loads through its downloadProfile', async () => {
    const downloadProfile = jest.fn(() => Promise.resolve(new Uint8Array([1, 2])));
    const dataSources = srv({ flamelens: { downloadProfile }, other: {} });
    const target = { refId: 'B', datasource: { uid: 'flamelens', type: 'flamelens-pyroscope-datasource' } };
    const req = request([{ refId: 'A', datasource: { uid: 'other' } }, target]);
    const source = await findProfileSource(frame('B'), req, dataSources as never);
    expect(dataSources.asked).toEqual([target.datasource]);
    expect(source?.fileName).toBe('ad-server_process_cpu-cpu_20240501-015600_20240501-015700.pb.gz');
    const signal = new AbortController().signal;
    await expect(source!.loadPprof(signal)).resolves.toEqual(new Uint8Array([1, 2]));
    expect(downloadProfile).toHaveBeenCalledWith(target, RANGE, {
      scopedVars: req.scopedVars,
      filters: req.filters,
      signal,
    });
  });

  it("falls back to the request's datasource when the query names none", async () => {
    const dataSources = srv({ flamelens: { downloadProfile: () => Promise.resolve(new Uint8Array()) } });
    const req = request([{ refId: 'A' }], { datasource: { uid: 'flamelens' } });
    expect(await findProfileSource(frame(), req, dataSources as never)).toBeDefined();
  });

  it.each([
    ['a datasource without downloadProfile', request([{ refId: 'A', datasource: { uid: 'other' } }])],
    ['a datasource that cannot be loaded', request([{ refId: 'A', datasource: { uid: 'gone' } }])],
    ['no query with the frame refId', request([{ refId: 'Z', datasource: { uid: 'flamelens' } }])],
    ['no datasource ref at all', request([{ refId: 'A' }])],
    ['no request', undefined],
  ])('gives no source for %s', async (_what, req) => {
    const dataSources = srv({ flamelens: { downloadProfile: () => Promise.resolve(new Uint8Array()) }, other: {} });
    expect(await findProfileSource(frame(), req, dataSources as never)).toBeUndefined();
  });

  it('gives no source for a frame without refId', async () => {
    const dataSources = srv({ flamelens: { downloadProfile: () => Promise.resolve(new Uint8Array()) } });
    const req = request([{ refId: 'A', datasource: { uid: 'flamelens' } }]);
    const noRef = { fields: [], length: 0 } as unknown as DataFrame;
    expect(await findProfileSource(noRef, req, dataSources as never)).toBeUndefined();
  });
});

describe('canDownloadProfile', () => {
  it.each([
    [{ downloadProfile: () => undefined }, true],
    [{ downloadProfile: 'yes' }, false],
    [{}, false],
    [null, false],
    [undefined, false],
  ])('%p → %p', (ds, expected) => {
    expect(canDownloadProfile(ds)).toBe(expected);
  });
});

describe('pprofFileName', () => {
  it("names the service, profile type and the frame's window", () => {
    expect(pprofFileName(META.custom, RANGE)).toBe('ad-server_process_cpu-cpu_20240501-015600_20240501-015700.pb.gz');
  });

  it("uses the request's range and placeholders when the frame says nothing", () => {
    expect(pprofFileName(undefined, RANGE)).toBe('profile_profile_20240501-015500_20240501-025500.pb.gz');
  });

  it('keeps hostile service names file-name safe', () => {
    const meta = { ...META.custom, labelSelector: '{service_name="../../etc/pass wd;rm"}' };
    expect(pprofFileName(meta, RANGE)).toBe('etc-pass-wd-rm_process_cpu-cpu_20240501-015600_20240501-015700.pb.gz');
  });
});
