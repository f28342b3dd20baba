import React, { memo } from 'react';

import { LINE_HEIGHT_EM, BOX_PAD_Y } from '../graph/graphStyle';
import { edgePath } from '../graph/graphLayout';
import { EDGE_LABEL_FONT_PX, type GraphScene } from '../graph/graphScene';

/** Colours the drawing takes from the theme (as attributes, so an exported copy keeps them). */
export interface GraphColors {
  border: string;
  text: string;
  edgeLabel: string;
  highlight: string;
}

/** Props of `CallGraphDrawing`. */
export interface CallGraphDrawingProps {
  scene: GraphScene;
  colors: GraphColors;
  /** Name ids the search matched (1 = matched); undefined when nothing is searched. */
  matchedNames?: Uint8Array;
}

/** Opacity of nodes and edges that do not match the search. */
export const DIMMED_OPACITY = 0.25;

/**
 * The graph itself: edges first (under the boxes), then one focusable group per node. Events are handled by the
 * view on the SVG element (delegation by `data-node`), so this only re-renders when the scene, colours or search
 * change; pan, zoom and hover never re-render it.
 */
export const CallGraphDrawing = memo(function CallGraphDrawing({ scene, colors, matchedNames }: CallGraphDrawingProps) {
  const { graph, layout } = scene;
  const matched = (node: number) => matchedNames === undefined || matchedNames[graph.nodes[node].nameId] === 1;
  return (
    <>
      <defs>
        <marker
          id="flamelens-graph-arrow"
          viewBox="0 0 10 10"
          // dot ends an edge where its arrowhead starts; dagre ends it on the box.
          refX={layout.curve === 'bspline' ? 1 : 9}
          refY="5"
          markerUnits="userSpaceOnUse"
          markerWidth="9"
          markerHeight="9"
          orient="auto"
        >
          <path d="M0,0L10,5L0,10z" fill={scene.edges[0]?.color ?? colors.text} />
        </marker>
      </defs>
      <g data-layer="edges">
        {graph.edges.map((edge, i) => {
          const style = scene.edges[i];
          const placed = layout.edges[i];
          const lit = matched(edge.from) && matched(edge.to);
          return (
            <g key={i} data-edge={i} data-from={edge.from} data-to={edge.to} opacity={lit ? undefined : DIMMED_OPACITY}>
              <title>{style.ariaLabel}</title>
              <path
                d={edgePath(placed.points, layout.curve)}
                fill="none"
                stroke={style.color}
                strokeWidth={style.widthPx}
                strokeDasharray={style.dashed ? '6 4' : undefined}
                markerEnd="url(#flamelens-graph-arrow)"
              />
              <text
                x={placed.labelX}
                y={placed.labelY}
                fontSize={EDGE_LABEL_FONT_PX}
                fill={colors.edgeLabel}
                textAnchor="middle"
                dominantBaseline="middle"
              >
                {style.label}
              </text>
            </g>
          );
        })}
      </g>
      <g data-layer="nodes">
        {graph.nodes.map((node, i) => {
          const style = scene.nodes[i];
          const box = layout.nodes[i];
          const searched = matchedNames !== undefined;
          const lit = matched(i);
          const lineHeight = style.fontPx * LINE_HEIGHT_EM;
          return (
            <g
              key={i}
              data-node={i}
              data-name={node.name}
              role="button"
              tabIndex={0}
              aria-label={style.ariaLabel}
              opacity={lit ? undefined : DIMMED_OPACITY}
              cursor="pointer"
            >
              <rect
                x={box.x}
                y={box.y}
                width={box.width}
                height={box.height}
                rx={3}
                fill={style.fill}
                stroke={searched && lit ? colors.highlight : colors.border}
                strokeWidth={searched && lit ? 3 : 1}
              />
              {style.lines.map((line, l) => (
                <text
                  key={l}
                  x={box.x + box.width / 2}
                  y={box.y + BOX_PAD_Y + lineHeight * (l + 0.5)}
                  fontSize={style.fontPx}
                  fontWeight={l === 0 ? 500 : undefined}
                  fill={style.textColor}
                  textAnchor="middle"
                  dominantBaseline="central"
                >
                  {line}
                </text>
              ))}
            </g>
          );
        })}
      </g>
    </>
  );
});
