import React, { useCallback, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import type { DiffPalette } from '../../model/contract';
import type { Profile } from '../../model/profile';
import { DEFAULT_CALL_GRAPH_OPTIONS, type CallGraphOptions } from '../../model/transforms/callGraph';
import { themeColors } from '../render/colors';
import { graphTooltipRows } from '../graph/graphTooltip';
import { exportSvg } from '../graph/svgExport';
import { fitTransform, transformAttribute, type ViewTransform } from '../graph/viewTransform';
import { CallGraphControls } from './CallGraphControls';
import { CallGraphDrawing, type GraphColors } from './CallGraphSvg';
import { download } from './export';
import { TooltipBox } from './Tooltip';
import { PointerTooltip } from './PointerTooltip';
import { useCallGraphScene } from './useCallGraphScene';
import { useElementSize } from './useElementSize';
import { useGraphPointer } from './useGraphPointer';

/** Props of `CallGraphView`. */
export interface CallGraphViewProps {
  /** The profile every view shows (frame filters applied; not the flame graph's focused subtree, see the docs). */
  profile: Profile;
  widthPx: number;
  heightPx: number;
  diffPalette: DiffPalette;
  /** Name ids matched by the search box (shared with the flame graph and the table). */
  matchedNames?: Uint8Array;
  /** A node was clicked (or Enter pressed on it): show that function's sandwich. */
  onSandwich: (nameId: number) => void;
  /** File name of exports without extension. */
  exportBaseName: string;
}

/** Height of the controls row, css px. */
const CONTROLS_PX = 36;

/**
 * pprof's call graph of the profile as SVG: the controls (node count and fractions, zoom, export) over the drawing.
 * Building and layout run off the render path (`useCallGraphScene`); pan, zoom, hover and clicks are handled on the
 * SVG element (`useGraphPointer`) and never re-render the drawing.
 */
export function CallGraphView(props: CallGraphViewProps) {
  const { profile, widthPx, heightPx, diffPalette, matchedNames, onSandwich, exportBaseName } = props;
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const mode = theme.isDark ? 'dark' : 'light';
  const [options, setOptions] = useState<CallGraphOptions>(DEFAULT_CALL_GRAPH_OPTIONS);
  const state = useCallGraphScene(profile, options, mode, diffPalette);
  const scene = state.status === 'ready' ? state.scene : undefined;
  const svgRef = useRef<SVGSVGElement>(null);
  // The controls wrap onto more rows in a narrow panel: the drawing gets what they leave.
  const [controlsRef, controls] = useElementSize<HTMLDivElement>();
  const viewHeight = Math.max(40, heightPx - (controls.height > 0 ? controls.height : CONTROLS_PX));
  // A new scene or a new panel size starts fitted; pan and zoom move away from that until the next one.
  const fitted = useMemo(
    () => (scene ? fitTransform(scene.layout.width, scene.layout.height, widthPx, viewHeight) : { x: 0, y: 0, k: 1 }),
    [scene, widthPx, viewHeight]
  );
  const [moved, setMoved] = useState<{ from: ViewTransform; to: ViewTransform } | undefined>(undefined);
  const transform = moved && moved.from === fitted ? moved.to : fitted;
  const setTransform = useCallback(
    (update: (t: ViewTransform) => ViewTransform) =>
      setMoved((m) => ({ from: fitted, to: update(m && m.from === fitted ? m.to : fitted) })),
    [fitted]
  );
  const fit = useCallback(() => setMoved(undefined), []);

  const nameIdOf = useCallback((index: number) => scene?.graph.nodes[index]?.nameId, [scene]);
  const { hover, zoomBy } = useGraphPointer(svgRef, setTransform, nameIdOf, onSandwich, widthPx, viewHeight);
  const colors: GraphColors = useMemo(
    () => ({
      border: theme.colors.border.strong,
      text: theme.colors.text.primary,
      edgeLabel: theme.colors.text.secondary,
      highlight: themeColors(mode).highlightBar,
    }),
    [theme, mode]
  );

  const exportFile = useCallback(() => {
    if (!svgRef.current || !scene) {
      return;
    }
    const text = exportSvg(svgRef.current, {
      width: scene.layout.width,
      height: scene.layout.height,
      background: theme.colors.background.primary,
      fontFamily: theme.typography.fontFamily,
    });
    download(new Blob([text], { type: 'image/svg+xml' }), `${exportBaseName}.graph.svg`);
  }, [scene, theme, exportBaseName]);

  const hoverRows = scene && hover ? graphTooltipRows(scene.graph, hover.index, profile.unit) : [];
  return (
    <div className={styles.root} style={{ width: widthPx }} data-testid="flamelens-graph-view">
      <div ref={controlsRef}>
        <CallGraphControls
          key={`${options.nodeCount} ${options.nodeFraction} ${options.edgeFraction}`}
          options={options}
          onOptionsChange={setOptions}
          graph={scene?.graph}
          onZoomIn={() => zoomBy(1.25)}
          onZoomOut={() => zoomBy(0.8)}
          onFit={fit}
          onExportSvg={exportFile}
          exportDisabled={!scene}
        />
      </div>
      <div className={styles.viewport} style={{ height: viewHeight }}>
        {state.status === 'pending' && <div className={styles.note}>Laying out the call graph…</div>}
        {state.status === 'error' && (
          <div className={styles.error} role="alert">
            Cannot draw the call graph: {state.message}
          </div>
        )}
        {scene && scene.graph.nodes.length === 0 && (
          <div className={styles.note}>No function is above the node fraction: the graph is empty.</div>
        )}
        <svg
          ref={svgRef}
          width={widthPx}
          height={viewHeight}
          role="group"
          aria-label={
            scene
              ? `Call graph: ${scene.graph.nodes.length} functions, ${scene.graph.edges.length} calls. Enter on a function shows its callers and callees.`
              : 'Call graph'
          }
          className={styles.svg}
          data-testid="flamelens-graph"
          data-layout-ms={scene ? scene.layoutMs.toFixed(1) : undefined}
          data-layout-engine={scene?.engine}
          data-build-ms={state.status === 'ready' ? state.buildMs.toFixed(1) : undefined}
          fontFamily={theme.typography.fontFamily}
        >
          {scene && (
            <g data-viewport="" transform={transformAttribute(transform)}>
              <CallGraphDrawing scene={scene} colors={colors} matchedNames={matchedNames} />
            </g>
          )}
        </svg>
      </div>
      {hover && scene && hoverRows.length > 0 && (
        <PointerTooltip x={hover.x} y={hover.y} testId="flamelens-graph-tooltip">
          <TooltipBox name={scene.graph.nodes[hover.index].name} rows={hoverRows} />
        </PointerTooltip>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', gap: 0 }),
  viewport: css({
    position: 'relative',
    overflow: 'hidden',
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  svg: css({
    display: 'block',
    cursor: 'grab',
    touchAction: 'none',
    userSelect: 'none',
    '&:active': { cursor: 'grabbing' },
    '[data-node]:focus': { outline: 'none' },
    '[data-node]:focus-visible rect': { stroke: theme.colors.primary.main, strokeWidth: 3 },
  }),
  note: css({
    position: 'absolute',
    inset: 0,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    color: theme.colors.text.secondary,
    pointerEvents: 'none',
  }),
  error: css({ padding: theme.spacing(1), color: theme.colors.error.text }),
  // The panel's tooltip frame (FlameGraphView's), around the same TooltipBox.
});
