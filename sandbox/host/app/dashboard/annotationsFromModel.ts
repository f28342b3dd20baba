/**
 * The save model's `annotations.list` as scenes' data layers: one AnnotationsDataLayer per query, enabled as saved,
 * its toggle hidden when the query is `hide`, all in one SceneDataLayerSet on the dashboard whose results scenes
 * merges into every panel's data (filtered per panel). The built-in "-- Grafana --" query runs on the host's
 * built-in `grafana` datasource like any other (see builtins/grafana), as in Grafana.
 */
import type { AnnotationQuery } from '@grafana/data';
import { SceneDataLayerSet, dataLayers } from '@grafana/scenes';

export function annotationLayersFromModel(list: AnnotationQuery[]): SceneDataLayerSet {
  return new SceneDataLayerSet({
    layers: list.map(
      (query, index) =>
        new dataLayers.AnnotationsDataLayer({
          key: `annotations-${index}`,
          name: query.name ?? `Annotations ${index + 1}`,
          query,
          isEnabled: query.enable !== false,
          isHidden: Boolean(query.hide),
        })
    ),
  });
}
