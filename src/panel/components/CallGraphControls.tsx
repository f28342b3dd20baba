import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { IconButton, InlineField, Input, ToolbarButton, useStyles2 } from '@grafana/ui';

import type { CallGraph, CallGraphOptions } from '../../model/transforms/callGraph';

/** Props of `CallGraphControls`. */
export interface CallGraphControlsProps {
  options: CallGraphOptions;
  onOptionsChange: (options: CallGraphOptions) => void;
  /** The graph drawn, for the "shown / dropped" note; undefined while laying out. */
  graph?: CallGraph;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  onExportSvg: () => void;
  exportDisabled: boolean;
}

type Field = keyof CallGraphOptions;

/**
 * Most functions the view lays out. dot runs on the main thread, and its crossing minimisation grows fast with dense,
 * cyclic graphs: about 1.6 s at 120 nodes and 4.4 s at 160 on the synthetic 100k profile, a minute at 200 (see
 * docs/call-graph.md). Above this the dashboard would freeze, so a larger count is refused as invalid input.
 */
export const MAX_GRAPH_NODES = 150;

/** Parses an input's text for `field`; undefined when it is not a valid value (the input then shows it is invalid). */
export function parseGraphOption(field: Field, text: string): number | undefined {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) {
    return undefined;
  }
  if (field === 'nodeCount') {
    return Number.isInteger(value) && value >= 1 && value <= MAX_GRAPH_NODES ? value : undefined;
  }
  return value >= 0 && value <= 1 ? value : undefined;
}

const FIELDS: Array<{ field: Field; label: string; tooltip: string; step: string; width: number; labelWidth: number }> =
  [
    {
      field: 'nodeCount',
      label: 'Nodes',
      tooltip: `Most functions drawn, 1 to ${MAX_GRAPH_NODES} (pprof -nodecount)`,
      step: '10',
      width: 8,
      labelWidth: 9,
    },
    {
      field: 'nodeFraction',
      label: 'Node fraction',
      tooltip: 'Functions whose cum is below this share of the total are dropped (pprof -nodefraction)',
      step: '0.001',
      width: 10,
      labelWidth: 16,
    },
    {
      field: 'edgeFraction',
      label: 'Edge fraction',
      tooltip: 'Calls whose weight is below this share of the total are dropped (pprof -edgefraction)',
      step: '0.001',
      width: 10,
      labelWidth: 16,
    },
  ];

/** The call graph's controls: pruning inputs (applied on Enter or leaving the field), zoom, fit, SVG export. */
export function CallGraphControls(props: CallGraphControlsProps) {
  const { options, onOptionsChange, graph } = props;
  const styles = useStyles2(getStyles);
  // The parent remounts this (a key of the options) when the options change, so the texts start from them.
  const [texts, setTexts] = useState(() => textsOf(options));
  const commit = (field: Field) => {
    const value = parseGraphOption(field, texts[field]);
    if (value !== undefined && value !== options[field]) {
      onOptionsChange({ ...options, [field]: value });
    }
  };
  return (
    <div className={styles.row} role="toolbar" aria-label="Call graph tools">
      {FIELDS.map(({ field, label, tooltip, step, width, labelWidth }) => (
        <InlineField
          key={field}
          label={label}
          labelWidth={labelWidth}
          tooltip={tooltip}
          invalid={parseGraphOption(field, texts[field]) === undefined}
        >
          <Input
            type="number"
            step={step}
            width={width}
            aria-label={label}
            value={texts[field]}
            onChange={(e) => setTexts({ ...texts, [field]: e.currentTarget.value })}
            onBlur={() => commit(field)}
            onKeyDown={(e) => e.key === 'Enter' && commit(field)}
          />
        </InlineField>
      ))}
      {graph && (
        <span className={styles.note} data-testid="flamelens-graph-summary">
          {graph.nodes.length} nodes, {graph.edges.length} edges
          {graph.droppedNodes > 0 ? ` (${graph.droppedNodes} nodes dropped)` : ''}
        </span>
      )}
      <div className={styles.tools}>
        <IconButton name="search-minus" aria-label="Zoom out" tooltip="Zoom out (−)" onClick={props.onZoomOut} />
        <IconButton name="search-plus" aria-label="Zoom in" tooltip="Zoom in (+)" onClick={props.onZoomIn} />
        <IconButton name="expand-arrows" aria-label="Fit" tooltip="Fit the graph to the panel" onClick={props.onFit} />
        <ToolbarButton icon="download-alt" onClick={props.onExportSvg} disabled={props.exportDisabled}>
          Export SVG
        </ToolbarButton>
      </div>
    </div>
  );
}

function textsOf(options: CallGraphOptions): Record<Field, string> {
  return {
    nodeCount: String(options.nodeCount),
    nodeFraction: String(options.nodeFraction),
    edgeFraction: String(options.edgeFraction),
  };
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    // Grafana's Input draws a little wider than its `width`: room so the next label is not under it.
    gap: theme.spacing(0.5, 3),
    minHeight: 36,
    '& > div': { marginBottom: 0 },
  }),
  note: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
  }),
  tools: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), marginLeft: 'auto' }),
});
