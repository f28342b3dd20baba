/**
 * Panel positions from `gridPos`, as Grafana's react-grid-layout places them: 24 columns, 30 px rows, 8 px gaps
 * between cells and no outer padding. Rows (`type: 'row'`) take one grid row for their header; panels of a
 * collapsed row are not laid out.
 */
import type { Dashboard, GridPos, Panel, RowPanel } from '@grafana/schema';

export const GRID_COLUMN_COUNT = 24;
export const GRID_CELL_HEIGHT_PX = 30;
export const GRID_CELL_MARGIN_PX = 8;

export interface PlacedPanel {
  panel: Panel | RowPanel;
  isRow: boolean;
  leftPx: number;
  topPx: number;
  widthPx: number;
  heightPx: number;
}

export interface GridLayout {
  items: PlacedPanel[];
  /** Height of the whole grid (the page scrolls past the viewport). */
  heightPx: number;
}

const DEFAULT_GRID_POS: GridPos = { x: 0, y: 0, w: 12, h: 8 };

/** Pixel rectangle of a grid position in a container `containerWidthPx` wide. */
export function placeGridPos(pos: GridPos, containerWidthPx: number) {
  const m = GRID_CELL_MARGIN_PX;
  const colWidth = (containerWidthPx - m * (GRID_COLUMN_COUNT - 1)) / GRID_COLUMN_COUNT;
  const w = Math.min(Math.max(pos.w, 1), GRID_COLUMN_COUNT);
  const x = Math.min(Math.max(pos.x, 0), GRID_COLUMN_COUNT - w);
  const h = Math.max(pos.h, 1);
  return {
    leftPx: Math.round((colWidth + m) * x),
    topPx: Math.round((GRID_CELL_HEIGHT_PX + m) * Math.max(pos.y, 0)),
    widthPx: Math.round(colWidth * w + (w - 1) * m),
    heightPx: Math.round(GRID_CELL_HEIGHT_PX * h + (h - 1) * m),
  };
}

export function layoutDashboard(dashboard: Dashboard, containerWidthPx: number): GridLayout {
  const items: PlacedPanel[] = [];
  let heightPx = 0;
  for (const panel of dashboard.panels ?? []) {
    const isRow = panel.type === 'row';
    const pos = panel.gridPos ?? (isRow ? { ...DEFAULT_GRID_POS, w: 24, h: 1 } : DEFAULT_GRID_POS);
    const rect = placeGridPos(isRow ? { ...pos, x: 0, w: GRID_COLUMN_COUNT, h: 1 } : pos, containerWidthPx);
    items.push({ panel, isRow, ...rect });
    heightPx = Math.max(heightPx, rect.topPx + rect.heightPx);
  }
  return { items, heightPx };
}
