import type { DataSourceInstanceSettings } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import { ProfileDataSource } from '../datasource';
import type { ProfileDataSourceOptions } from '../types';
import { fakeBackend, type FakeAnswer, type FakeCall } from './fakeBackend';
import { templateSrvWith } from './templateSrv';

/** Where the unit tests' data source lives: Grafana's data proxy path for uid `pyro`. */
export const FAKE_DS_BASE = '/api/datasources/proxy/uid/pyro';

/**
 * The data source as Grafana would construct it (instance settings with the proxy URL, a template service), over
 * `fakeBackend`: `answer` answers each call by path; `calls` records them.
 */
export function fakeDataSource(
  answer: (call: FakeCall) => FakeAnswer | 'hang',
  options: { jsonData?: ProfileDataSourceOptions; templateSrv?: TemplateSrv } = {}
): { ds: ProfileDataSource; calls: FakeCall[] } {
  const { backendSrv, calls } = fakeBackend(FAKE_DS_BASE, answer);
  const settings = { uid: 'pyro', name: 'Pyro', url: FAKE_DS_BASE, jsonData: options.jsonData ?? {}, meta: {} };
  const ds = new ProfileDataSource(
    settings as unknown as DataSourceInstanceSettings<ProfileDataSourceOptions>,
    options.templateSrv ?? templateSrvWith({}),
    backendSrv
  );
  return { ds, calls };
}
