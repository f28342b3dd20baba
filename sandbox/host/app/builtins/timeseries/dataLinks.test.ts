import {
  FieldType,
  applyFieldOverrides,
  createDataFrame,
  createTheme,
  dateTime,
  outerJoinDataFrames,
  fieldMatchers,
  FieldMatcherID,
  type DataFrame,
  type InterpolateFunction,
} from '@grafana/data';

import { CustomVariable, SceneGridLayout, SceneTimeRange, SceneVariableSet, TextBoxVariable } from '@grafana/scenes';

import { DashboardScene } from '../../dashboard/DashboardScene';
import { registerDashboardMacro } from '../../dashboard/DashboardMacro';
import { registerStandardFieldConfigs } from '../../runtime/standardFieldConfigs';
import { HostTemplateSrv } from '../../runtime/templateSrv';
import { alignedDataLinks, withAlignedDataLinks } from './dataLinks';

// As at the host's start: applyFieldOverrides copies `links` only when the standard options are registered, and
// `${__dashboard}` is the host's macro.
registerStandardFieldConfigs();
registerDashboardMacro();

const FROM = 1_700_000_000_000;
const DEMO_LINK =
  '/d/${__dashboard.uid}?${__url_time_range}&${prometheus:queryparam}&${pyroscope:queryparam}' +
  '&var-focus=${__value.time:date:iso}';

/** The demo dashboard's scene, reduced to what links read: its variables, range, uid and title. */
function templateSrv(): HostTemplateSrv {
  const scene = new DashboardScene({
    uid: 'flamelens-demo',
    title: 'Flamelens demo',
    $timeRange: new SceneTimeRange({
      from: 'now-30m',
      to: 'now',
      timeZone: 'utc',
      value: { from: dateTime(FROM), to: dateTime(FROM + 1_800_000), raw: { from: 'now-30m', to: 'now' } },
    }),
    $variables: new SceneVariableSet({
      variables: [
        new CustomVariable({ name: 'service', query: 'api', value: 'api', text: 'api' }),
        // The demo's datasource variables, reduced to their values (datasource uids).
        new CustomVariable({ name: 'prometheus', query: 'users-prom', value: 'users-prom', text: 'users-prom' }),
        new CustomVariable({ name: 'pyroscope', query: 'profiles', value: 'profiles', text: 'profiles' }),
        new TextBoxVariable({ name: 'focus', value: '' }),
      ],
    }),
    body: new SceneGridLayout({ children: [] }),
    timeControls: [],
    variableControls: [],
  });
  return new HostTemplateSrv(() => scene);
}

/** Two series frames with different times, prepared as the panel gets them, and their aligned (joined) frame. */
function prepared(url?: string): { frames: DataFrame[]; aligned: DataFrame; replace: InterpolateFunction } {
  const srv = templateSrv();
  const replace: InterpolateFunction = (value, scopedVars, format) =>
    srv.replace(value, scopedVars, format as string | undefined);
  const raw = [
    createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [FROM, FROM + 30_000] },
        { name: 'Value', type: FieldType.number, values: [0.25, 0.75] },
      ],
    }),
    createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [FROM + 15_000] },
        { name: 'Value', type: FieldType.number, values: [9] },
      ],
    }),
  ];
  const frames = applyFieldOverrides({
    data: raw,
    fieldConfig: { defaults: url ? { links: [{ title: 'Profile at this moment', url }] } : {}, overrides: [] },
    replaceVariables: replace,
    theme: createTheme(),
  });
  const aligned = outerJoinDataFrames({
    frames,
    joinBy: fieldMatchers.get(FieldMatcherID.firstTimeField).get({}),
    keepOriginIndices: true,
  });
  if (!aligned) {
    throw new Error('frames did not join');
  }
  return { frames, aligned, replace };
}

describe('data links of the plotted frame', () => {
  it('interpolates the demo link with the hovered point’s time, the range, the datasources and the dashboard uid', () => {
    const { frames, aligned, replace } = prepared(DEMO_LINK);
    const linked = withAlignedDataLinks(aligned, frames, replace, 'utc');
    // Joined rows: FROM, FROM+15 s, FROM+30 s. Series 1 has its second point at row 2.
    const [link] = alignedDataLinks(linked, 1, 2);
    expect(link.title).toBe('Profile at this moment');
    // Scenes' `${__url_time_range}` carries the dashboard's time zone too.
    // `:date:iso` writes the moment as ISO-8601 in UTC, as the panel's link asks.
    expect(link.href).toBe(
      '/d/flamelens-demo?from=now-30m&to=now&timezone=utc&var-prometheus=users-prom&var-pyroscope=profiles' +
        `&var-focus=${new Date(FROM + 30_000).toISOString()}`
    );
    // Series 2 at row 1 (its only point).
    expect(alignedDataLinks(linked, 2, 1)[0].href).toContain(`var-focus=${new Date(FROM + 15_000).toISOString()}`);
  });

  it('resolves ${__value.raw}, ${__value.text} and ${__all_variables}', () => {
    const { frames, aligned, replace } = prepared('/x?v=${__value.raw}&t=${__value.text}&${__all_variables}');
    const linked = withAlignedDataLinks(aligned, frames, replace, 'utc');
    // Scenes' `${__all_variables}` leaves out variables whose value is empty (the focus moment here).
    expect(alignedDataLinks(linked, 1, 2)[0].href).toBe(
      '/x?v=0.75&t=0.750&var-service=api&var-prometheus=users-prom&var-pyroscope=profiles'
    );
  });

  it('leaves frames without links as they are', () => {
    const { frames, aligned, replace } = prepared();
    expect(withAlignedDataLinks(aligned, frames, replace, 'utc')).toBe(aligned);
    expect(alignedDataLinks(aligned, 1, 0)).toEqual([]);
  });
});
