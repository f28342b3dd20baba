import { Observable, from, map } from 'rxjs';
import {
  CustomVariableSupport,
  type DataQueryRequest,
  type DataQueryResponse,
  type MetricFindValue,
} from '@grafana/data';

import { SERVICE_LABEL } from './api/types';
import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { EditorHost, ProfileLookups } from './editorDataSource';
import type { ProfileVariableQuery } from './types';

/** Template variables: profile types, services, label names, label values, all within the dashboard range. */
export class ProfileVariableSupport extends CustomVariableSupport<EditorHost, ProfileVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: ProfileLookups) {
    super();
  }

  query(request: DataQueryRequest<ProfileVariableQuery>): Observable<DataQueryResponse> {
    const q = request.targets[0];
    return from(findValues(this.datasource, q, request)).pipe(map((values) => ({ data: values })));
  }
}

async function findValues(
  ds: ProfileLookups,
  q: ProfileVariableQuery | undefined,
  request: DataQueryRequest<ProfileVariableQuery>
): Promise<MetricFindValue[]> {
  const range = { fromMs: request.range.from.valueOf(), toMs: request.range.to.valueOf() };
  const scope = { profileTypeId: q?.profileTypeId || undefined, labelSelector: q?.labelSelector || undefined, range };
  switch (q?.kind) {
    case 'profileTypes':
      return (await ds.getProfileTypes(range)).map((t) => ({ text: `${t.name} - ${t.sampleType}`, value: t.id }));
    case 'services':
      return (await ds.getLabelValues(SERVICE_LABEL, scope)).map((text) => ({ text }));
    case 'labelNames':
      return (await ds.getLabelNames(scope)).map((text) => ({ text }));
    case 'labelValues':
      if (!q.labelName) {
        throw new Error('Choose the label whose values the variable lists');
      }
      return (await ds.getLabelValues(q.labelName, scope)).map((text) => ({ text }));
    default:
      throw new Error('Choose what the variable lists: profile types, services, label names or label values');
  }
}
