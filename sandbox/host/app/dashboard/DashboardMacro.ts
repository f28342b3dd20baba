/**
 * `${__dashboard}`, `${__dashboard.uid}` and `${__dashboard.name}`: scenes leaves this macro to the app (Grafana core
 * registers its own the same way), and data links such as "Profile at this moment" use it. The dashboard is the root
 * of the scene the expression is interpolated in; outside a dashboard the expression stays as written.
 */
import { sceneUtils, type SceneObject } from '@grafana/scenes';

/** What the macro reads from a scene root that is a dashboard. */
export interface DashboardIdentity {
  uid: string;
  title: string;
}

/** Implemented by the dashboard scene root. */
export interface HasDashboardIdentity {
  getDashboardIdentity(): DashboardIdentity;
}

function identityOf(object: SceneObject): DashboardIdentity | undefined {
  const root = object.getRoot() as Partial<HasDashboardIdentity>;
  return typeof root.getDashboardIdentity === 'function' ? root.getDashboardIdentity() : undefined;
}

export class DashboardMacro {
  readonly state: { name: string; type: string };

  constructor(
    name: string,
    private readonly sceneObject: SceneObject,
    private readonly match: string
  ) {
    this.state = { name, type: 'dashboard_macro' };
  }

  getValue(fieldPath?: string): string {
    const dashboard = identityOf(this.sceneObject);
    if (!dashboard) {
      return this.match;
    }
    switch (fieldPath) {
      case 'uid':
        return dashboard.uid;
      case 'name':
      case 'title':
      case undefined:
      case '':
        return dashboard.title;
      default:
        return this.match;
    }
  }

  getValueText(): string {
    return identityOf(this.sceneObject)?.title ?? this.match;
  }
}

let registered = false;

/** Registers the macro with scenes once. */
export function registerDashboardMacro(): void {
  if (!registered) {
    sceneUtils.registerVariableMacro('__dashboard', DashboardMacro);
    registered = true;
  }
}
