/**
 * The save model's panels as scenes grid items, as Grafana core's transformer builds them: each panel a VizPanel
 * (keyed `panel-<id>`, its plugin loaded by id through the runtime's plugin import utilities) fed by its own
 * SceneQueryRunner (the panel's datasource and targets, `maxDataPoints`, `interval` as the minimum interval, and a
 * data layer filter so dashboard annotations reach only the panels they are meant for), placed by `gridPos` in a
 * SceneGridLayout, inside their SceneGridRow when the dashboard has rows (open or collapsed, as saved). Repeats,
 * library panels and transformations are not supported by the sandbox and are refused with the panel's title.
 */
import type { DataQuery, DataSourceRef, FieldConfigSource } from '@grafana/data';
import { SceneGridItem, SceneGridLayout, SceneGridRow, SceneQueryRunner, VizPanel } from '@grafana/scenes';
import type { Panel, RowPanel } from '@grafana/schema';

import { PanelFrame } from './PanelFrame';
import { panelMenu } from './panelMenu';

/** Grafana's defaults for a panel without `gridPos`. */
const DEFAULT_GRID_POS = { x: 0, y: 0, w: 12, h: 8 };

export function gridFromModel(panels: Array<Panel | RowPanel>): SceneGridLayout {
  const children: Array<SceneGridItem | SceneGridRow> = [];
  // As in Grafana's save model: the panels of an open row follow it at the top level (up to the next row), a
  // collapsed row keeps its panels inside it.
  let openRow: { row: RowPanel; items: SceneGridItem[] } | undefined;
  const closeRow = () => {
    if (openRow) {
      children.push(gridRowFromModel(openRow.row, openRow.items));
      openRow = undefined;
    }
  };
  for (const panel of panels) {
    if (panel.type !== 'row') {
      (openRow ? openRow.items : children).push(gridItemFromPanel(panel as Panel));
      continue;
    }
    closeRow();
    const row = panel as RowPanel;
    if (row.collapsed) {
      children.push(gridRowFromModel(row, (row.panels ?? []).map(gridItemFromPanel)));
    } else {
      openRow = { row, items: [] };
    }
  }
  closeRow();
  return new SceneGridLayout({ isDraggable: false, isResizable: false, isLazy: false, children });
}

function gridRowFromModel(row: RowPanel, items: SceneGridItem[]): SceneGridRow {
  const pos = { ...DEFAULT_GRID_POS, ...row.gridPos };
  return new SceneGridRow({
    key: `panel-${row.id}`,
    title: row.title ?? '',
    y: pos.y,
    isCollapsible: true,
    isCollapsed: Boolean(row.collapsed),
    children: items,
  });
}

export function gridItemFromPanel(panel: Panel): SceneGridItem {
  const pos = { ...DEFAULT_GRID_POS, ...panel.gridPos };
  return new SceneGridItem({
    key: `grid-item-${panel.id}`,
    x: pos.x,
    y: pos.y,
    width: pos.w,
    height: pos.h,
    isDraggable: false,
    isResizable: false,
    body: new PanelFrame({ panelId: panel.id ?? 0, panel: vizPanelFromModel(panel) }),
  });
}

export function vizPanelFromModel(panel: Panel): VizPanel {
  const title = panel.title ?? '';
  if (panel.repeat || (panel as { libraryPanel?: unknown }).libraryPanel || panel.transformations?.length) {
    throw new Error(`Panel "${title}" uses repeats, a library panel or transformations, which the sandbox lacks`);
  }
  return new VizPanel({
    key: `panel-${panel.id}`,
    title,
    description: panel.description,
    pluginId: panel.type,
    pluginVersion: panel.pluginVersion,
    options: (panel.options ?? {}) as Record<string, unknown>,
    fieldConfig: (panel.fieldConfig ?? { defaults: {}, overrides: [] }) as FieldConfigSource,
    displayMode: panel.transparent ? 'transparent' : 'default',
    menu: panelMenu(panel.id ?? 0),
    $data: queryRunnerFromModel(panel),
  });
}

export function queryRunnerFromModel(panel: Panel): SceneQueryRunner {
  return new SceneQueryRunner({
    datasource: (panel.datasource ?? undefined) as DataSourceRef | undefined,
    queries: (panel.targets ?? []) as unknown as DataQuery[],
    maxDataPoints: panel.maxDataPoints ?? undefined,
    minInterval: panel.interval ?? undefined,
    dataLayerFilter: { panelId: panel.id ?? 0 },
  });
}
