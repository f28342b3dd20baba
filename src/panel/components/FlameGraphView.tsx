import React, { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { DataFrame, GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { isDiff, type Profile } from '../../model/profile';
import { collapseChains } from '../../model/transforms/collapse';
import { sandwich } from '../../model/transforms/sandwich';
import { matchNames, warmSearch, type SearchQuery } from '../../model/transforms/search';
import type { FrameFilter, FrameFilterKind } from '../../model/transforms/frameFilters';
import type { FlameGraphColorScheme, FlameGraphOptions, FlameGraphView as ViewMode } from '../options';
import { colorLegend } from '../render/legend';
import { Breadcrumb } from './Breadcrumb';
import { sameName, samePathNode } from './carryView';
import { CallGraphView } from './CallGraphView';
import { FlameContextMenu } from './ContextMenu';
import { FlameGraphCanvases, type SharedCanvasProps } from './FlameGraphCanvases';
import { downloadFile, download, exportBaseName, foldedExport, frameJsonExport } from './export';
import { diffPaletteOf, readFrameMeta } from '../../model/contract';
import { isCpuProfileType } from './profileTypeLabel';
import { Legend } from './Legend';
import { LinesView } from './LinesView';
import { SearchBox, runSearch } from './SearchBox';
import { Toolbar } from './Toolbar';
import { FlameTooltip } from './Tooltip';
import { PointerTooltip } from './PointerTooltip';
import { TopTable } from './TopTable';
import { useAfterPaint } from './useAfterPaint';
import { useDeferredTable } from './useDeferredTable';
import { useElementSize } from './useElementSize';
import { useReportFocusCallSite } from './useReportFocusCallSite';
import type { ProfileSource } from '../profileSource';
import { PprofDownloadError, usePprofDownload } from '../usePprofDownload';

/** Props of the interactive view of one profile. */
export interface FlameGraphViewProps {
  /**
   * The profile to show, the frame filters already applied (the panel shell derives it with `applyFrameFilters`
   * first, memoised, so every view here — flame graph, table, sandwich, search, diff — shows the filtered profile).
   */
  profile: Profile;
  /** The frame filters applied to `profile`, for views that read other data (e.g. source lines from a pprof). */
  frameFilters?: readonly FrameFilter[];
  /** Adds a frame filter on a function's exact name (the context menu's filter items); absent: no filter items. */
  onFilter?: (kind: FrameFilterKind, name: string) => void;
  frame: DataFrame;
  options: FlameGraphOptions;
  widthPx: number;
  heightPx: number;
  /** Where the pprof of this frame comes from; absent when its datasource cannot write one (no menu item then). */
  profileSource?: ProfileSource;
  /** Told the focused call site after each focus change is painted (refine on focus, `useRefineOnFocus`). */
  onFocusCallSite?: (callSite: readonly string[] | undefined) => void;
}

// The controls re-render only when their own props change: a focus click or a hover must cost the canvas repaint,
// not a re-render of Grafana UI controls.
const MemoTopTable = memo(TopTable);
const MemoToolbar = memo(Toolbar);
const MemoSearchBox = memo(SearchBox);
const MemoBreadcrumb = memo(Breadcrumb);

/** Height of the breadcrumb row, kept even when nothing is focused so a focus click never resizes the canvas. */
const BREADCRUMB_PX = 28;

/** Below this width the flame graph and the table stack instead of sitting side by side. */
const SIDE_BY_SIDE_MIN_PX = 800;
/** One toolbar row (the controls are 32 px high). */
const TOOLBAR_PX = 36;
/** The diff legend's row. */
const LEGEND_PX = 20;
/** Gap between the view's rows (theme.spacing(0.5)). */
const GAP_PX = 4;
/** Below this width the toolbar's buttons show their icons only. */
const COMPACT_TOOLBAR_MAX_PX = 720;

/**
 * Everything a user does with a profile: focus (click, breadcrumb, keyboard), search, top table, sandwich, context
 * menu, tooltip, exports. View state lives here; drawing is FlameCanvas's, numbers are the model's.
 */
export function FlameGraphView({
  profile: input,
  frame,
  options,
  widthPx,
  heightPx,
  profileSource,
  frameFilters,
  onFilter,
  onFocusCallSite,
}: FlameGraphViewProps) {
  const styles = useStyles2(getStyles);
  const pprof = usePprofDownload(profileSource);
  const [view, setView] = useState<ViewMode>(options.view);
  const [collapse, setCollapse] = useState(options.collapseChains);
  const [scheme, setScheme] = useState<FlameGraphColorScheme>(options.colorScheme);
  const [focusNode, setFocusNode] = useState(0);
  const [query, setQuery] = useState<SearchQuery>({ text: '' });
  const [selectedNameId, setSelectedNameId] = useState<number | undefined>(undefined);
  const [sandwichNameId, setSandwichNameId] = useState<number | undefined>(undefined);
  const [hover, setHover] = useState<{ profile: Profile; node: number; x: number; y: number } | undefined>(undefined);
  const [menu, setMenu] = useState<{ node: number; x: number; y: number } | undefined>(undefined);
  const canvasBox = useRef<HTMLDivElement>(null);
  // Source lines of this function replace the flame graph and table while open.
  const [linesFor, setLinesFor] = useState<string | undefined>(undefined);
  const showLines = linesFor !== undefined && profileSource !== undefined;
  const showLinesOf = useCallback((name: string) => setLinesFor(name), []);
  // Choosing a view (flame graph, table, both) closes the source lines.
  const changeView = useCallback((v: ViewMode) => {
    setView(v);
    setLinesFor(undefined);
  }, []);

  const profile = useMemo(() => (collapse ? collapseChains(input, 0.99).profile : input), [input, collapse]);
  // A new profile (a frame filter added or removed, a new answer) has other node and name ids: focus stays on the same
  // call path, sandwich and the table selection on the same function, when the new profile has them (else the root
  // and nothing); state adjusted during render, as React advises, so no view ever gets an id of the old profile.
  const [seenProfile, setSeenProfile] = useState(profile);
  if (seenProfile !== profile) {
    setSeenProfile(profile);
    setFocusNode(samePathNode(seenProfile, focusNode, profile));
    setSandwichNameId(sameName(seenProfile, sandwichNameId, profile));
    setSelectedNameId(sameName(seenProfile, selectedNameId, profile));
    setMenu(undefined);
    setHover(undefined);
  }
  const { ready: tableReady, mounted: tableMounted, table } = useDeferredTable(profile);
  const showLinesOfNameId = useCallback((id: number) => setLinesFor(profile.names[id]), [profile]);
  // Once the graph is up, prepare the search index in idle time so the first keystroke only searches.
  useEffect(() => {
    if (!tableReady) {
      return;
    }
    const timer = setTimeout(() => warmSearch(profile), 50);
    return () => clearTimeout(timer);
  }, [profile, tableReady]);
  const selectName = useCallback((id: number) => setSelectedNameId((current) => (id === current ? undefined : id)), []);
  // The canvas dims by name at once (one test per distinct name); the full search (per-node totals for the summary
  // and the table) runs after that frame is painted.
  const canvasMatches = useMemo(() => {
    if (query.text === '') {
      return undefined;
    }
    try {
      return { matchedNames: matchNames(profile, query) };
    } catch {
      // An invalid regex dims nothing; the search box shows the error from the full search.
      return undefined;
    }
  }, [profile, query]);
  const uiQuery = useAfterPaint(query);
  const search = useMemo(() => runSearch(profile, uiQuery), [profile, uiQuery]);
  const sandwiched = useMemo(
    () => (sandwichNameId !== undefined ? sandwich(profile, sandwichNameId) : undefined),
    [profile, sandwichNameId]
  );
  const meta = readFrameMeta(frame.meta?.custom);
  const windowMs =
    meta.fromMs !== undefined && meta.toMs !== undefined && isCpuProfileType(meta.profileTypeId)
      ? meta.toMs - meta.fromMs
      : undefined;
  const diff = isDiff(profile);
  const diffPalette = diffPaletteOf(options.diffPalette);
  const colorScheme = diff ? 'diff' : scheme;

  const reset = useCallback(() => {
    setFocusNode(0);
    setSandwichNameId(undefined);
    setSelectedNameId(undefined);
    setQuery({ text: '' });
  }, []);
  const baseName = exportBaseName(frame.meta?.custom);
  // The canvas follows focus at once; the breadcrumb and toolbar follow after that frame is painted.
  const uiFocusNode = useAfterPaint(focusNode);
  useReportFocusCallSite(input, profile, collapse, uiFocusNode, onFocusCallSite);
  const uiQueryText = uiQuery.text;
  const exportJson = useCallback(() => downloadFile(frameJsonExport(frame, baseName)), [frame, baseName]);
  const exportFolded = useCallback(() => downloadFile(foldedExport(profile, baseName)), [profile, baseName]);
  const collapseChange = useCallback(
    (c: boolean) => {
      setCollapse(c);
      reset();
    },
    [reset]
  );
  const sandwichFromGraph = useCallback((nameId: number) => {
    setSandwichNameId(nameId);
    setView('flamegraph');
  }, []);
  const exportPng = useCallback(() => {
    canvasBox.current?.querySelector('canvas')?.toBlob((blob) => blob && download(blob, `${baseName}.png`));
  }, [baseName]);

  // The rows above the graph (toolbar, breadcrumb, legend) wrap when the panel is narrow: the graph gets what they
  // leave, measured; until then, their height on one row each.
  const [chromeRef, chrome] = useElementSize<HTMLDivElement>();
  const chromeHeight =
    chrome.height > 0 ? chrome.height : TOOLBAR_PX + GAP_PX + BREADCRUMB_PX + (diff ? GAP_PX + LEGEND_PX : 0);
  const sideBySide = view === 'both' && widthPx >= SIDE_BY_SIDE_MIN_PX;
  const bodyHeight = Math.max(60, heightPx - chromeHeight - GAP_PX);
  const graphWidth = view === 'both' && sideBySide ? Math.floor(widthPx / 2) - 4 : widthPx;
  const graphHeight = view === 'both' && !sideBySide ? Math.floor(bodyHeight / 2) - 4 : bodyHeight;
  const tableWidth = sideBySide ? Math.floor(widthPx / 2) - 4 : widthPx;
  const showGraph = view !== 'table' && view !== 'graph' && !showLines;
  const showTable = (view === 'table' || view === 'both') && !showLines;
  const theme = useTheme2();
  const legend = diff
    ? colorLegend({ scheme: 'diff', diffPalette, theme: theme.isDark ? 'dark' : 'light' }).scale
    : undefined;
  // Hover reports come from one canvas; keep which profile the node id belongs to (sandwich has two).
  const hoverOn = (p: Profile) => (node: number, x: number, y: number) =>
    setHover(node >= 0 ? { profile: p, node, x, y } : undefined);

  const focusFromCanvas = useCallback((node: number) => {
    setFocusNode(node);
    setMenu(undefined);
  }, []);
  const closeSandwich = useCallback(() => setSandwichNameId(undefined), []);
  const canvasProps: SharedCanvasProps = {
    colorScheme,
    diffPalette,
    textAlign: options.textAlign,
    search: canvasMatches,
    highlightedNameId: selectedNameId,
    onContextMenu: (node: number, x: number, y: number) => setMenu({ node, x, y }),
  };

  return (
    <div className={styles.root} data-testid="flamelens-view">
      <div className={styles.chrome} ref={chromeRef}>
        <div className={styles.toolbar}>
          {tableReady && (
            <>
              <div className={styles.search}>
                <MemoSearchBox
                  query={query}
                  onSearch={setQuery}
                  profile={profile}
                  result={search.result}
                  error={search.error}
                />
              </div>
              <div className={styles.tools}>
                <MemoToolbar
                  view={view}
                  onViewChange={changeView}
                  collapseChains={collapse}
                  onCollapseChainsChange={collapseChange}
                  colorScheme={scheme}
                  onColorSchemeChange={setScheme}
                  diff={diff}
                  onExportPng={exportPng}
                  onExportJson={exportJson}
                  onExportFolded={exportFolded}
                  onExportPprof={pprof.onExportPprof}
                  onReset={reset}
                  resetDisabled={uiFocusNode === 0 && sandwichNameId === undefined && uiQueryText === ''}
                  compact={widthPx < COMPACT_TOOLBAR_MAX_PX}
                />
              </div>
            </>
          )}
        </div>
        <PprofDownloadError state={pprof} />
        <div style={{ height: BREADCRUMB_PX }}>
          {uiFocusNode > 0 && <MemoBreadcrumb profile={profile} focusNode={uiFocusNode} onFocus={setFocusNode} />}
        </div>
        {legend && (
          <Legend
            diff={diff}
            diffPalette={diffPalette}
            colorScheme={scheme}
            colors={{
              decrease: legend[0].color,
              neutral: legend[Math.floor(legend.length / 2)].color,
              increase: legend[legend.length - 1].color,
            }}
          />
        )}
      </div>
      {showLines && (
        <LinesView
          functionName={linesFor}
          frame={frame}
          source={profileSource}
          heightPx={bodyHeight}
          onClose={() => setLinesFor(undefined)}
          frameFilters={frameFilters}
        />
      )}
      <div className={sideBySide ? styles.row : styles.column}>
        {showGraph && (
          <div ref={canvasBox}>
            <FlameGraphCanvases
              shared={canvasProps}
              profile={profile}
              sandwiched={sandwiched}
              widthPx={graphWidth}
              heightPx={graphHeight}
              orientation={options.orientation}
              focusNode={focusNode}
              onFocus={focusFromCanvas}
              onHover={hoverOn}
              onReset={reset}
              onCloseSandwich={closeSandwich}
            />
          </div>
        )}
        {view === 'graph' && !showLines && (
          // The call graph of the whole (filtered, uncollapsed) profile, like the table; a node click shows that
          // function's sandwich in the flame graph (docs/call-graph.md).
          <CallGraphView
            profile={input}
            widthPx={widthPx}
            heightPx={bodyHeight}
            diffPalette={diffPalette}
            matchedNames={canvasMatches?.matchedNames}
            onSandwich={sandwichFromGraph}
            exportBaseName={baseName}
          />
        )}
        {showTable && table && tableMounted && (
          <div style={{ width: tableWidth }}>
            <MemoTopTable
              profile={profile}
              widthPx={tableWidth}
              table={table}
              heightPx={graphHeight}
              selectedNameId={selectedNameId}
              onSelectName={selectName}
              maxRows={options.maxTableRows}
              matchedNames={search.result?.matchedNames}
              onShowLines={profileSource ? showLinesOfNameId : undefined}
            />
          </div>
        )}
      </div>
      {hover && !menu && (
        <PointerTooltip x={hover.x} y={hover.y} testId="flamelens-tooltip" framed>
          <FlameTooltip
            profile={hover.profile}
            node={hover.node}
            focusNode={hover.profile === profile ? focusNode : 0}
            windowMs={windowMs}
          />
        </PointerTooltip>
      )}
      {menu && (
        <FlameContextMenu
          x={menu.x}
          y={menu.y}
          profile={profile}
          node={menu.node}
          onClose={() => setMenu(undefined)}
          onFocus={(node) => {
            setFocusNode(node);
            setMenu(undefined);
          }}
          onSandwich={(id) => {
            setSandwichNameId(id);
            setMenu(undefined);
          }}
          onSearch={(name) => {
            setQuery({ text: name, caseSensitive: true });
            setMenu(undefined);
          }}
          onCopyError={() => undefined}
          onShowInTable={(id) => {
            setSelectedNameId(id);
            setView(view === 'flamegraph' ? 'both' : view);
          }}
          onShowLines={profileSource ? showLinesOf : undefined}
          onFilter={onFilter}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), height: '100%' }),
  chrome: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), flex: 'none' }),
  // Search and tools wrap onto more rows when the panel is narrow; every row stays whole (the graph below gets what
  // they leave).
  toolbar: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1),
    alignItems: 'center',
    minHeight: TOOLBAR_PX - GAP_PX,
  }),
  search: css({ flex: '1 1 200px', minWidth: 0, maxWidth: 560 }),
  tools: css({ flex: '1 1 auto', minWidth: 0 }),
  row: css({ display: 'flex', flexDirection: 'row', gap: theme.spacing(1) }),
  column: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
});
