/**
 * The grid cell around one VizPanel: Grafana's dashboard marks each panel's element with its id, and the tests and
 * the host find panels by `[data-panel-id="N"]`; scenes' grid item does not, so this frame adds it and otherwise
 * renders the VizPanel as it is.
 */
import React from 'react';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState, type VizPanel } from '@grafana/scenes';

export interface PanelFrameState extends SceneObjectState {
  /** The panel's id in the save model (`panel-<id>` is the VizPanel's key). */
  panelId: number;
  panel: VizPanel;
}

export class PanelFrame extends SceneObjectBase<PanelFrameState> {
  static Component = PanelFrameRenderer;
}

function PanelFrameRenderer({ model }: SceneComponentProps<PanelFrame>) {
  const { panelId, panel } = model.useState();
  return (
    <div data-panel-id={panelId} data-testid={`panel-${panelId}`} style={{ width: '100%', height: '100%' }}>
      <panel.Component model={panel} />
    </div>
  );
}
