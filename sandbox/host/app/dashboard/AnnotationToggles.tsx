/**
 * The annotation toggles under the dashboard title, one per visible annotation query, labelled with its name as
 * Grafana's dashboard controls do (scenes' own SceneDataLayerControls labels the layer set instead, "Data layers").
 * The label and the switch are scenes' (ControlsLabel, the layer's component); hidden queries have none.
 */
import React from 'react';
import { LoadingState } from '@grafana/data';
import {
  ControlsLabel,
  SceneDataLayerSet,
  SceneObjectBase,
  sceneGraph,
  type SceneComponentProps,
  type SceneDataLayerProvider,
  type SceneObjectState,
} from '@grafana/scenes';

export class AnnotationToggles extends SceneObjectBase<SceneObjectState> {
  static Component = AnnotationTogglesRenderer;
}

function AnnotationTogglesRenderer({ model }: SceneComponentProps<AnnotationToggles>) {
  const data = sceneGraph.getData(model);
  const layers = data instanceof SceneDataLayerSet ? data.state.layers : [];
  return (
    <>
      {layers.map((layer) => (
        <LayerToggle key={layer.state.key} layer={layer} />
      ))}
    </>
  );
}

function LayerToggle({ layer }: { layer: SceneDataLayerProvider }) {
  const { name, description, isHidden, data } = layer.useState();
  if (isHidden) {
    return null;
  }
  return (
    <div style={{ display: 'flex' }}>
      <ControlsLabel
        htmlFor={`data-layer-${layer.state.key}`}
        label={name}
        description={description}
        isLoading={data?.state === LoadingState.Loading}
        error={data?.errors?.[0]?.message}
      />
      <layer.Component model={layer} />
    </div>
  );
}
