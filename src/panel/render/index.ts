/**
 * The flame graph renderer's public API: pure functions of (profile, viewport, style) for the panel's React shell.
 * Typical use: `buildFlameIndex(profile)` once per profile; `drawFlameGraph(ctx, input)` on every change;
 * `hitTest(...)` on mouse moves; `redrawHover(...)` when only the hovered node changed.
 */
export { createBarRef, DEFAULT_MIN_WIDTH_PX, minWidthDev, type BarRef, type LayoutOptions } from './bar';
export { createBarStyler, type BarStyleInput, type BarStyler } from './barStyle';
export {
  createNodeColorer,
  diffChange,
  diffColor,
  packageColor,
  themeColors,
  valueColor,
  type ColorScheme,
  type DiffPalette,
  type DiffThresholds,
  type FlameThemeColors,
  type NodeColorOptions,
  type ThemeMode,
} from './colors';
export { drawFlameGraph, redrawHover, type CanvasContextLike, type DrawInput, type DrawStats } from './draw';
export { buildFlameIndex, type FlameIndex } from './flameIndex';
export { hitTest, type HitTestOptions } from './hitTest';
export { layoutVisible } from './layout';
export { colorLegend, type ColorLegend, type LegendEntry, type LegendOptions } from './legend';
export { locateBar } from './locateBar';
export { detectLanguage, packageOf, type NameLanguage } from './packageName';
export {
  createLabelFitter,
  ELLIPSIS,
  fitLabel,
  type FitOptions,
  type LabelFitter,
  type LabelFitterOptions,
  type TextAlign,
} from './textFit';
export {
  canvasSizeDev,
  contentHeightPx,
  focusNodeOf,
  levelToYPx,
  maxScrollTopPx,
  ROOT_FOCUS,
  scrollTopFromNative,
  scrollTopToCenterLevel,
  valueToDevX,
  valueToXPx,
  visibleLevels,
  xPxToDevColumn,
  xPxToValue,
  xScaleFor,
  yPxToLevel,
  type FocusState,
  type Orientation,
  type Viewport,
  type XScale,
} from './viewport';
