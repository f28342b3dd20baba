import { firstValueFrom } from 'rxjs';
import { dateTime, type DataQueryRequest } from '@grafana/data';

import { type FakeCall, type FakeAnswer } from './testing/fakeBackend';
import { templateSrvWithFormats } from './testing/variableTemplateSrv';
import type { ProfileQuery } from './types';
import { fakeDataSource } from './testing/fakeDataSource';

/** Issue 11 through the datasource: nothing widens a query, and what cannot be applied is reported. */

const CPU = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';

function answer(call: FakeCall): FakeAnswer {
  switch (call.path) {
    case 'pyroscope/label-values':
      return { body: JSON.stringify([CPU]) };
    case 'querier.v1.QuerierService/LabelNames':
      return { body: '{"names":["service_name"]}' };
    case 'querier.v1.QuerierService/SelectMergeStacktraces':
      return { body: '{"flamegraph":{"names":["total"],"levels":[{"values":["0","0","0","0"]}],"total":"0"}}' };
    default:
      return { status: 404, body: '404 page not found' };
  }
}

function makeDs() {
  const templateSrv = templateSrvWithFormats({ lbl: { value: 'env' }, val: { value: 'x", service_name=~".*' } });
  return fakeDataSource(answer, { templateSrv });
}

function request(targets: ProfileQuery[], filters: DataQueryRequest['filters'] = []): DataQueryRequest<ProfileQuery> {
  return {
    targets,
    filters,
    range: { from: dateTime(1779729300000), to: dateTime(1779732900000), raw: { from: 'now-1h', to: 'now' } },
    intervalMs: 30_000,
    scopedVars: {},
    requestId: 'r1',
  } as unknown as DataQueryRequest<ProfileQuery>;
}

const target: ProfileQuery = { refId: 'A', profileTypeId: CPU, labelSelector: '{$lbl="$val"}', queryType: 'profile' };

describe('ProfileDataSource and hostile input', () => {
  it('sends a label-name variable template with the value escaped, not spliced', async () => {
    const { ds, calls } = makeDs();
    await firstValueFrom(ds.query(request([target])));
    const sent = calls.find((c) => c.path.endsWith('SelectMergeStacktraces'))?.body as { labelSelector: string };
    expect(sent.labelSelector).toBe('{env="x\\", service_name=~\\".*"}');
  });

  it('applies =| and k8s.pod ad-hoc filters and refuses a comparison with an error naming it', async () => {
    const { ds, calls } = makeDs();
    const plain = { ...target, labelSelector: '{service_name="api"}' };
    await firstValueFrom(
      ds.query(request([plain], [{ key: 'k8s.pod', operator: '=|', value: '', values: ['a', 'b'] }]))
    );
    const sent = calls.find((c) => c.path.endsWith('SelectMergeStacktraces'))?.body as { labelSelector: string };
    expect(sent.labelSelector).toBe('{service_name="api", "k8s.pod"=~"(a|b)"}');

    const refused = await firstValueFrom(ds.query(request([plain], [{ key: 'cpu', operator: '>', value: '2' }])));
    expect(refused.errors?.[0].message).toMatch(/ad-hoc filter "cpu > 2" cannot be applied/);
    expect(calls.filter((c) => c.path.endsWith('SelectMergeStacktraces'))).toHaveLength(1);
  });

  it('interpolateVariablesInQueries does not throw on a half-typed selector', () => {
    const { ds } = makeDs();
    const half = { ...target, labelSelector: '{service_name="$val", env=' };
    expect(ds.interpolateVariablesInQueries([half], {})[0].labelSelector).toBe(half.labelSelector);
  });

  it('a metric-prefixed selector gives a well-formed LabelNames matcher', async () => {
    const { ds, calls } = makeDs();
    await ds.getLabelNames({
      profileTypeId: CPU,
      labelSelector: 'process_cpu{service_name="a"}',
      range: { fromMs: 0, toMs: 1 },
    });
    const sent = calls.find((c) => c.path.endsWith('LabelNames'))?.body as { matchers: string[] };
    expect(sent.matchers).toEqual([`process_cpu{__profile_type__="${CPU}", service_name="a"}`]);
  });
});
