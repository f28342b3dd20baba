import { dateTime, type DataFrame, type DataQueryRequest, type TimeRange } from '@grafana/data';

import { profileToDataFrame } from '../model/frame';
import { parseTree } from '../model/testing/asciiTree';
import { canFetchSubtree, findSubtreeSource, readSubtreeAnswer } from './subtreeSource';

/** The panel's lookup of a frame's `fetchSubtree`, with a stand-in for Grafana's DataSourceSrv, and its answers. */

const RANGE: TimeRange = { from: dateTime(0), to: dateTime(60_000), raw: { from: 'now-1h', to: 'now' } };
const frame = { refId: 'A', fields: [], length: 0 } as unknown as DataFrame;

function request(targets: Array<Record<string, unknown>>): DataQueryRequest {
  return {
    targets,
    range: RANGE,
    scopedVars: { x: { text: 'x', value: 'x' } },
    filters: [{ key: 'pod', operator: '=', value: 'web-1' }],
  } as unknown as DataQueryRequest;
}

const srv = (instances: Record<string, unknown>) => ({
  get: (ref: unknown) => {
    const uid = (ref as { uid?: string }).uid ?? '';
    return uid in instances ? Promise.resolve(instances[uid]) : Promise.reject(new Error('no such datasource'));
  },
});

describe('findSubtreeSource', () => {
  it('calls the frame query’s datasource with its query, range, variables, filters and the signal', async () => {
    const answer = { supported: true, frame: profileToDataFrame(parseTree('total 5\n  main 5'), { refId: 'A' }) };
    const fetchSubtree = jest.fn(() => Promise.resolve(answer));
    const target = { refId: 'A', datasource: { uid: 'flamelens' } };
    const req = request([target]);
    const source = await findSubtreeSource(frame, req, srv({ flamelens: { fetchSubtree } }));
    const signal = new AbortController().signal;
    const result = await source!.fetch(['main'], signal);
    expect(fetchSubtree).toHaveBeenCalledWith(target, RANGE, ['main'], {
      scopedVars: req.scopedVars,
      filters: req.filters,
      signal,
    });
    expect(result.kind === 'profile' && Array.from(result.profile.total)).toEqual([5, 5]);
  });

  it('is undefined for a datasource without fetchSubtree, one that does not load, or a frame without a query', async () => {
    const req = request([{ refId: 'A', datasource: { uid: 'grafana-pyroscope' } }]);
    expect(
      await findSubtreeSource(frame, req, srv({ 'grafana-pyroscope': { query: () => undefined } }))
    ).toBeUndefined();
    expect(await findSubtreeSource(frame, req, srv({}))).toBeUndefined();
    expect(await findSubtreeSource(frame, request([]), srv({}))).toBeUndefined();
    expect(canFetchSubtree(null)).toBe(false);
  });
});

describe('readSubtreeAnswer', () => {
  it('reads a refusal with its reason, and refuses anything that is not an answer', () => {
    expect(readSubtreeAnswer({ supported: false, reason: 'no selector here' })).toEqual({
      kind: 'unsupported',
      reason: 'no selector here',
    });
    expect(readSubtreeAnswer({ supported: false })).toMatchObject({ kind: 'unsupported' });
    for (const bad of [undefined, 'x', {}, { supported: true }, { supported: true, frame: { fields: [] } }]) {
      expect(() => readSubtreeAnswer(bad)).toThrow('without a flame graph frame');
    }
  });
});
