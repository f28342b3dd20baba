/**
 * The host's TemplateSrv, shaped like Grafana core's since its dashboards run on @grafana/scenes: the interpolation
 * itself is the scene graph's (`sceneGraph.interpolate`: variables, formats, macros such as `${__url_time_range}` and
 * `${__value.time}`). What is interpolated against follows Grafana's order: the scene object a caller passes in
 * `scopedVars.__sceneObject` (scenes' query runners, annotation layers and VizPanel's `replaceVariables` do), else the
 * open dashboard (`window.__grafanaSceneContext`, set while a dashboard scene is active), else a detached scene with
 * no variables, so pages without a dashboard still get scoped variables, formats and built-ins.
 */
import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv, VariableInterpolation } from '@grafana/runtime';
import {
  SceneObjectBase,
  SceneVariableSet,
  sceneGraph,
  type SceneObject,
  type VariableCustomFormatterFn,
} from '@grafana/scenes';

import { legacyVariableModel } from './legacyVariableModel';

declare global {
  interface Window {
    /** The active dashboard scene, as Grafana core sets it (plugins and this service read it). */
    __grafanaSceneContext?: SceneObject;
  }
}

/** What a format argument can be: a format id (`csv`, `date:iso`...) or Grafana's legacy format function. */
export type Format = string | VariableCustomFormatterFn | undefined;

/** The open dashboard scene, when one is active. */
export function activeSceneContext(): SceneObject | undefined {
  const scene = typeof window === 'undefined' ? undefined : window.__grafanaSceneContext;
  return scene?.isActive ? scene : undefined;
}

export class HostTemplateSrv implements TemplateSrv {
  /** Interpolation scope off a dashboard: a scene object with no variables and the default time range. */
  private readonly detached: SceneObject = new SceneVariableSet({ variables: [] });

  constructor(private readonly sceneContext: () => SceneObject | undefined = activeSceneContext) {}

  replace(target?: string, scopedVars?: ScopedVars, format?: Format, interpolations?: VariableInterpolation[]): string {
    return sceneGraph.interpolate(this.scopeFor(scopedVars), target, scopedVars, format, interpolations);
  }

  /** The dashboard's variables as Grafana's legacy models (what `getTemplateSrv().getVariables()` plugins read). */
  getVariables(): TypedVariableModel[] {
    const scene = this.sceneContext();
    if (!scene) {
      return [];
    }
    return sceneGraph.getVariables(scene).state.variables.map(legacyVariableModel);
  }

  /** True when the text references a variable of the open dashboard (as Grafana's: the first reference decides). */
  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    const match = /\$(\w+)|\[\[(\w+?)(?::\w+)?\]\]|\${(\w+)(?:\.[^:^}]+)?(?::[^}]+)?}/.exec(target);
    const name = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
    const scene = this.sceneContext();
    return Boolean(name && scene && sceneGraph.lookupVariable(name, scene));
  }

  /** The time range lives in the scene (`SceneTimeRange`); nothing to keep here. */
  updateTimeRange(_timeRange: TimeRange): void {}

  private scopeFor(scopedVars: ScopedVars | undefined): SceneObject {
    const fromCaller = scopedVars?.__sceneObject?.value as { valueOf?: () => unknown } | undefined;
    // Scenes wraps the object so that it survives structured cloning; valueOf() unwraps it.
    const object = fromCaller?.valueOf?.() ?? fromCaller;
    if (object instanceof SceneObjectBase) {
      return object;
    }
    return this.sceneContext() ?? this.detached;
  }
}
