import { dateTime, type ScopedVars } from '@grafana/data';
import type { VariableInterpolation } from '@grafana/runtime';
import {
  CustomVariable,
  SceneGridLayout,
  SceneTimeRange,
  SceneVariableSet,
  TextBoxVariable,
  SafeSerializableSceneObject,
  type SceneObject,
} from '@grafana/scenes';

import { DashboardScene } from '../dashboard/DashboardScene';
import { HostTemplateSrv, activeSceneContext } from './templateSrv';

const FROM_MS = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

function dashboard(uid: string, service: string, env: string[]): DashboardScene {
  return new DashboardScene({
    uid,
    title: `Dashboard ${uid}`,
    $timeRange: new SceneTimeRange({
      from: 'now-1h',
      to: 'now',
      value: { from: dateTime(FROM_MS), to: dateTime(FROM_MS + 3_600_000), raw: { from: 'now-1h', to: 'now' } },
    }),
    $variables: new SceneVariableSet({
      variables: [
        new TextBoxVariable({ name: 'service', value: service }),
        new CustomVariable({ name: 'env', query: 'prod,dev,test', isMulti: true, value: env, text: env }),
      ],
    }),
    body: new SceneGridLayout({ children: [] }),
    timeControls: [],
    variableControls: [],
  });
}

/** Scopes a scene object the way scenes' query runners and VizPanel pass it. */
function scopedTo(object: SceneObject, extra: ScopedVars = {}): ScopedVars {
  return { ...extra, __sceneObject: { value: object, text: '__sceneObject' } };
}

describe('HostTemplateSrv delegates to the scene graph, as Grafana core does', () => {
  const open = dashboard('open', 'api', ['prod', 'dev']);
  const other = dashboard('other', 'checkout', ['test']);
  const srv = new HostTemplateSrv(() => open);

  it('interpolates against scopedVars.__sceneObject when the caller passes one', () => {
    expect(srv.replace('$service ${env:csv}', scopedTo(other))).toBe('checkout test');
  });

  it('unwraps the serialisation-safe wrapper scenes puts in scopedVars', () => {
    const wrapped = new SafeSerializableSceneObject(other);
    expect(srv.replace('$service', { __sceneObject: wrapped })).toBe('checkout');
  });

  it('falls back to the open dashboard, with formats, scoped variables and the dashboard range', () => {
    expect(srv.replace('$service')).toBe('api');
    expect(srv.replace('$env')).toBe('{prod,dev}');
    expect(srv.replace('$env', undefined, 'pipe')).toBe('prod|dev');
    expect(srv.replace('${env:regex}')).toBe('(prod|dev)');
    expect(srv.replace('$x', { x: { text: 'X', value: 'x1' } })).toBe('x1');
    expect(srv.replace('${__from}-${__to}')).toBe(`${FROM_MS}-${FROM_MS + 3_600_000}`);
    expect(srv.replace('$unknown')).toBe('$unknown');
  });

  it('passes legacy format functions the value', () => {
    expect(srv.replace('$env', undefined, (value: unknown) => (value as string[]).join('+'))).toBe('prod+dev');
  });

  it('records interpolations when asked', () => {
    const interpolations: VariableInterpolation[] = [];
    srv.replace('$service and $nope', undefined, undefined, interpolations);
    expect(interpolations).toEqual([
      expect.objectContaining({ match: '$service', variableName: 'service', value: 'api', found: true }),
      expect.objectContaining({ match: '$nope', variableName: 'nope', found: false }),
    ]);
  });

  it('lists the dashboard variables as legacy models, and knows which text uses them', () => {
    expect(srv.getVariables().map((v) => [v.name, v.type, (v as { current: unknown }).current])).toEqual([
      ['service', 'textbox', { value: 'api', text: 'api', selected: true }],
      ['env', 'custom', { value: ['prod', 'dev'], text: 'prod + dev', selected: true }],
    ]);
    expect(srv.containsTemplate('a ${service:raw}')).toBe(true);
    expect(srv.containsTemplate('[[env]]')).toBe(true);
    expect(srv.containsTemplate('$nope')).toBe(false);
    expect(srv.containsTemplate('plain')).toBe(false);
  });

  it('without a dashboard, still resolves scoped variables and formats', () => {
    const bare = new HostTemplateSrv(() => undefined);
    expect(bare.replace('$service ${x:csv}', { x: { text: '', value: ['a', 'b'] } })).toBe('$service a,b');
    expect(bare.getVariables()).toEqual([]);
    expect(bare.containsTemplate('$service')).toBe(false);
    expect(bare.replace(undefined)).toBe('');
  });
});

describe('the open dashboard', () => {
  it('is the active dashboard scene, and only while it is active', () => {
    const scene = dashboard('d', 'api', []);
    expect(activeSceneContext()).toBeUndefined();
    const deactivate = scene.activate();
    expect(activeSceneContext()).toBe(scene);
    expect(new HostTemplateSrv().replace('$service')).toBe('api');
    deactivate();
    expect(activeSceneContext()).toBeUndefined();
  });
});
