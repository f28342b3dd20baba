import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Dropdown, Menu, RadioButtonGroup, ToolbarButton, useStyles2 } from '@grafana/ui';

import type { FlameGraphColorScheme, FlameGraphView } from '../options';

const VIEWS: Array<{ value: FlameGraphView; label: string; description: string }> = [
  { value: 'flamegraph', label: 'Flame graph', description: 'Only the flame graph' },
  { value: 'table', label: 'Table', description: 'Only the top table' },
  { value: 'both', label: 'Both', description: 'Table and flame graph side by side' },
  { value: 'graph', label: 'Graph', description: "The call graph, as go tool pprof's graph view draws it" },
];

const SCHEMES: Array<{ value: FlameGraphColorScheme; label: string; description: string }> = [
  { value: 'package', label: 'Package', description: 'One hue per package' },
  { value: 'value', label: 'Value', description: 'Deeper color for more self value' },
];

/** Props of `Toolbar`. */
export interface ToolbarProps {
  view: FlameGraphView;
  onViewChange: (view: FlameGraphView) => void;
  collapseChains: boolean;
  onCollapseChainsChange: (collapse: boolean) => void;
  colorScheme: FlameGraphColorScheme;
  onColorSchemeChange: (scheme: FlameGraphColorScheme) => void;
  /** Diffs are always coloured by change: the scheme choice is disabled. */
  diff: boolean;
  /** PNG of the current view (the shell owns the canvas). */
  onExportPng: () => void;
  /** JSON of the frame (see `frameJsonExport`). */
  onExportJson: () => void;
  /** Folded stacks (see `foldedExport`). */
  onExportFolded: () => void;
  /** pprof from the server, where it provides one; the item is shown only when given. */
  onExportPprof?: () => void;
  /** Back to the whole profile: focus, search, sandwich. */
  onReset: () => void;
  /** Nothing to reset. */
  resetDisabled?: boolean;
  /**
   * Narrow panel: buttons show their icon only (named by aria-label and tooltip) and the "Colored by change" note,
   * which the diff legend also says, is left out.
   */
  compact?: boolean;
}

/**
 * View switch, chain collapsing, colour scheme, export menu and reset. Its controls wrap onto more rows when the room
 * runs out (the shell measures the rows); `compact` makes them narrower first.
 */
export function Toolbar({
  view,
  onViewChange,
  collapseChains,
  onCollapseChainsChange,
  colorScheme,
  onColorSchemeChange,
  diff,
  onExportPng,
  onExportJson,
  onExportFolded,
  onExportPprof,
  onReset,
  resetDisabled = false,
  compact = false,
}: ToolbarProps) {
  const styles = useStyles2(getStyles);
  const exportMenu = (
    <Menu ariaLabel="Export">
      <Menu.Item label="PNG image" description="The current view" icon="gf-landscape" onClick={onExportPng} />
      <Menu.Item
        label="JSON frame"
        description="The data frame, as Grafana reads it"
        icon="brackets-curly"
        onClick={onExportJson}
      />
      <Menu.Item
        label="Folded stacks"
        description="For flamegraph.pl, speedscope, Pyroscope ingest"
        icon="file-alt"
        onClick={onExportFolded}
      />
      {onExportPprof && (
        <Menu.Item
          label="Download pprof"
          description="From the server, for go tool pprof"
          icon="file-download"
          onClick={onExportPprof}
        />
      )}
    </Menu>
  );
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Flame graph tools">
      <RadioButtonGroup<FlameGraphView>
        aria-label="View"
        size="sm"
        options={VIEWS}
        value={view}
        onChange={onViewChange}
      />
      <div className={styles.group}>
        <ToolbarButton
          icon="compress-alt"
          variant={collapseChains ? 'active' : 'default'}
          aria-pressed={collapseChains}
          // An explicit name: ToolbarButton hides its text on narrow screens, leaving only the icon.
          aria-label="Collapse chains"
          tooltip="Merge chains of single-callee calls into one bar"
          iconOnly={compact}
          onClick={() => onCollapseChainsChange(!collapseChains)}
        >
          Collapse chains
        </ToolbarButton>
        {diff ? (
          !compact && (
            <span className={styles.note} title="Diff profiles are colored by change">
              Colored by change
            </span>
          )
        ) : (
          <RadioButtonGroup<FlameGraphColorScheme>
            aria-label="Color by"
            size="sm"
            options={SCHEMES}
            value={colorScheme}
            onChange={onColorSchemeChange}
          />
        )}
        <Dropdown overlay={exportMenu} placement="bottom-end">
          <ToolbarButton icon="download-alt" aria-label="Export" title="Export" iconOnly={compact}>
            Export
          </ToolbarButton>
        </Dropdown>
        {/* The one Reset of the panel: it undoes focus, search, sandwich and selection alike (the breadcrumb's root
            crumb and Escape on the graph undo a focus too). */}
        <ToolbarButton
          icon="history"
          aria-label="Reset"
          tooltip="Back to the whole profile: clears the focus, the search and the sandwich"
          iconOnly={compact}
          disabled={resetDisabled}
          onClick={onReset}
        >
          Reset
        </ToolbarButton>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  toolbar: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(0.5, 1),
    minWidth: 0,
  }),
  group: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(0.5, 1), minWidth: 0 }),
  note: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
  }),
});
