/**
 * The root of an open dashboard's scene: the state Grafana core's DashboardScene holds for the parts the sandbox
 * shows (uid, title, the grid, the controls, `viewPanel`), with scenes doing the rest (`$timeRange`, `$variables`,
 * `$data` annotation layers, `$behaviors` cursor sync, all set by buildDashboardScene). While active it is
 * `window.__grafanaSceneContext`, which Grafana's TemplateSrv (and so the host's) interpolates against; it enriches
 * every query with the dashboard uid and panel id, as Grafana's does.
 */
import React, { useEffect } from 'react';
import { css } from '@emotion/css';
import { CoreApp, type DataQueryRequest, type GrafanaTheme2 } from '@grafana/data';
import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  VizPanel,
  sceneGraph,
  type SceneComponentProps,
  type SceneGridLayout,
  type SceneObject,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import { useStyles2 } from '@grafana/ui';

import type { DashboardIdentity, HasDashboardIdentity } from './DashboardMacro';
import { PanelFrame } from './PanelFrame';

export interface DashboardSceneState extends SceneObjectState {
  uid: string;
  title: string;
  description?: string;
  body: SceneGridLayout;
  /** Time range and refresh pickers, top right as in Grafana. */
  timeControls: SceneObject[];
  /** Variable selectors and annotation toggles, below the title. */
  variableControls: SceneObject[];
  /** `viewPanel=panel-<id>`: that panel alone, full size. */
  viewPanel?: string;
  /** The panel editor's working copy (a child of this scene, so it sees the dashboard's variables and range). */
  editPreview?: VizPanel;
}

export class DashboardScene extends SceneObjectBase<DashboardSceneState> implements HasDashboardIdentity {
  static Component = DashboardSceneRenderer;

  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['viewPanel'] });

  constructor(state: DashboardSceneState) {
    super(state);
    this.addActivationHandler(() => {
      const previous = window.__grafanaSceneContext;
      window.__grafanaSceneContext = this;
      return () => {
        if (window.__grafanaSceneContext === this) {
          window.__grafanaSceneContext = previous;
        }
      };
    });
  }

  getUrlState(): SceneObjectUrlValues {
    return { viewPanel: this.state.viewPanel };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const viewPanel = typeof values.viewPanel === 'string' && values.viewPanel ? values.viewPanel : undefined;
    if (viewPanel !== this.state.viewPanel) {
      this.setState({ viewPanel });
    }
  }

  getDashboardIdentity(): DashboardIdentity {
    return { uid: this.state.uid, title: this.state.title };
  }

  /** What Grafana adds to every request of the dashboard: the app, the dashboard and the panel. */
  enrichDataRequest(source: SceneObject): Partial<DataQueryRequest> {
    const panel = closestVizPanel(source);
    return {
      app: CoreApp.Dashboard,
      dashboardUID: this.state.uid,
      ...(panel ? { panelId: panel.getLegacyPanelId(), panelName: panel.state.title } : {}),
    };
  }

  /** The grid's panel frames, in grid order. */
  getPanelFrames(): PanelFrame[] {
    return sceneGraph.findAllObjects(this.state.body, (o) => o instanceof PanelFrame) as PanelFrame[];
  }

  /** The VizPanel of save-model panel `panelId`. */
  findPanel(panelId: number): VizPanel | undefined {
    return this.getPanelFrames().find((f) => f.state.panelId === panelId)?.state.panel;
  }
}

function closestVizPanel(object: SceneObject): VizPanel | undefined {
  for (let o: SceneObject | undefined = object; o; o = o.parent) {
    if (o instanceof VizPanel) {
      return o;
    }
  }
  return undefined;
}

function DashboardSceneRenderer({ model }: SceneComponentProps<DashboardScene>) {
  const { title, body, viewPanel, timeControls, variableControls } = model.useState();
  const styles = useStyles2(getStyles);
  useEffect(() => {
    document.title = `${title} - Flamelens sandbox`;
  }, [title]);
  const viewed = viewPanel ? model.getPanelFrames().find((f) => `panel-${f.state.panelId}` === viewPanel) : undefined;
  return (
    <div className={styles.page} data-testid="dashboard-page">
      <div className={styles.header}>
        <h1 className={styles.title}>{title}</h1>
        <div className={styles.controls}>
          {timeControls.map((control) => (
            <control.Component key={control.state.key} model={control} />
          ))}
        </div>
      </div>
      <div className={styles.controls}>
        {variableControls.map((control) => (
          <control.Component key={control.state.key} model={control} />
        ))}
      </div>
      {viewed ? (
        <div className={styles.viewPanel}>
          <viewed.Component model={viewed} />
        </div>
      ) : (
        <div className={styles.body}>
          <body.Component model={body} />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2), display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5) }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
  }),
  title: css({ fontSize: theme.typography.h3.fontSize, margin: 0 }),
  controls: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), flexWrap: 'wrap' }),
  body: css({ width: '100%' }),
  // The viewed panel fills the window below the header, as in Grafana.
  viewPanel: css({ height: 'calc(100vh - 160px)', minHeight: 300 }),
});
