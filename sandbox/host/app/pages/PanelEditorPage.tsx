import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { AbsoluteTimeRange, DataQuery, GrafanaTheme2, PanelData, PanelPlugin } from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import { locationService } from '@grafana/runtime';
import type { Panel } from '@grafana/schema';
import { Alert, Button, LoadingPlaceholder, Stack, Tab, TabsBar, Text, useStyles2 } from '@grafana/ui';

import { PanelView } from '../dashboard/PanelView';
import { findPanel, loadDashboard, updatePanel } from '../dashboard/store';
import { loadPanelPlugin } from '../runtime/plugins';
import { statusFromError } from './datasourceSettings';
import { OptionsPane } from './OptionsPane';
import { dashboardUrl, panelQueries, panelTargets } from './panelEditorModel';
import { withPluginDefaults } from './panelOptions';
import { QueryTab } from './QueryTab';
import { useElementSize } from './useElementSize';
import { useFillViewport } from './useFillViewport';
import { useUrlTimeRange } from './useUrlTimeRange';

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; plugin: PanelPlugin; dashboardTitle: string };

const PREVIEW_FALLBACK = { widthPx: 800, heightPx: 400 };

/**
 * Grafana's panel editor (`/d/<uid>?editPanel=<id>`) on an editable copy of the panel: the live preview on top (the
 * URL's time range), the Query tab below (each query in its datasource's query editor; `onRunQuery` re-runs the
 * preview with the edited queries, `onChange` alone does not), the options pane on the right (title, description, the
 * plugin's options; a change shows in the preview at once). "Back to dashboard" applies the edits, "Discard" drops
 * them; both return to the dashboard with the same time range and variables.
 */
export function PanelEditorPage({ dashboardUid, panelId }: { dashboardUid: string; panelId: number }) {
  // Another panel is another editor: no edit of one carries over to the next.
  return <PanelEditor key={`${dashboardUid}/${panelId}`} dashboardUid={dashboardUid} panelId={panelId} />;
}

function PanelEditor({ dashboardUid, panelId }: { dashboardUid: string; panelId: number }) {
  const styles = useStyles2(getStyles);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  // The editable copy. The ref holds the latest edit at once, so onRunQuery right after onChange runs that edit.
  const draftRef = useRef<Panel>();
  const [draft, setDraft] = useState<Panel>();
  const [ranQueries, setRanQueries] = useState<DataQuery[]>([]);
  const [data, setData] = useState<PanelData>();
  // Read again once the dashboard is loaded: without `from`/`to` in the URL its default range applies.
  const timeRange = useUrlTimeRange(loaded.state);
  const [previewRef, previewSize] = useElementSize<HTMLDivElement>(PREVIEW_FALLBACK);
  const [pageRef, pageHeight] = useFillViewport<HTMLDivElement>();

  useEffect(() => {
    let current = true;
    (async () => {
      const { dashboard } = await loadDashboard(dashboardUid);
      const panel = findPanel(dashboard, panelId);
      if (!panel) {
        const title = dashboard.title ? `"${dashboard.title}" (${dashboardUid})` : `"${dashboardUid}"`;
        throw new Error(`Panel ${panelId} was not found in dashboard ${title}. Go back and pick a panel to edit.`);
      }
      const plugin = await loadPanelPlugin(panel.type);
      const { options, fieldConfig } = withPluginDefaults(plugin, panel.options, panel.fieldConfig);
      const editable: Panel = { ...panel, options, fieldConfig, targets: panelTargets(panelQueries(panel)) };
      if (current) {
        draftRef.current = editable;
        setDraft(editable);
        setRanQueries(panelQueries(editable));
        setLoaded({ state: 'ready', plugin, dashboardTitle: dashboard.title ?? dashboardUid });
      }
    })().catch((err: unknown) => {
      if (current) {
        setLoaded({ state: 'error', message: statusFromError(err).message ?? 'Unknown error' });
      }
    });
    return () => {
      current = false;
    };
  }, [dashboardUid, panelId]);

  const updateDraft = useCallback((change: (panel: Panel) => Panel) => {
    if (draftRef.current) {
      draftRef.current = change(draftRef.current);
      setDraft(draftRef.current);
    }
  }, []);
  const onOptionsChange = useCallback(
    (options: Record<string, unknown>) => updateDraft((p) => ({ ...p, options })),
    [updateDraft]
  );
  const onQueryChange = useCallback(
    (index: number, query: DataQuery) =>
      updateDraft((p) => ({ ...p, targets: panelTargets(panelQueries(p).map((q, i) => (i === index ? query : q))) })),
    [updateDraft]
  );
  // A new array each time: running unchanged queries runs them again, as in Grafana.
  const onRunQuery = useCallback(() => setRanQueries(draftRef.current ? panelQueries(draftRef.current) : []), []);
  const onChangeTimeRange = useCallback(
    (r: AbsoluteTimeRange) => locationService.partial({ from: r.from, to: r.to }),
    []
  );

  // What the preview shows: every edit, but the queries as last run.
  // The run targets keep their identity across option edits, so the preview re-queries only when they are run.
  const ranTargets = useMemo(() => panelTargets(ranQueries), [ranQueries]);
  const preview = useMemo(() => (draft ? { ...draft, targets: ranTargets } : undefined), [draft, ranTargets]);

  const leave = (apply: boolean) => {
    if (apply && draftRef.current) {
      updatePanel(dashboardUid, draftRef.current);
    }
    locationService.push(dashboardUrl(dashboardUid, locationService.getSearchObject()));
  };

  const toolbar = (
    <div className={styles.toolbar}>
      <Text element="h1" variant="h4">
        Edit panel{loaded.state === 'ready' ? ` – ${loaded.dashboardTitle}` : ''}
      </Text>
      <Stack direction="row" gap={1}>
        <Button
          variant="destructive"
          fill="outline"
          onClick={() => leave(false)}
          data-testid={selectors.components.NavToolbar.editDashboard.discardChangesButton}
        >
          Discard
        </Button>
        <Button
          variant="primary"
          icon="arrow-left"
          disabled={loaded.state !== 'ready'}
          onClick={() => leave(true)}
          data-testid={selectors.components.NavToolbar.editDashboard.backToDashboardButton}
        >
          Back to dashboard
        </Button>
      </Stack>
    </div>
  );

  if (loaded.state !== 'ready' || !draft || !preview) {
    return (
      <div className={styles.page} ref={pageRef} style={pageHeight}>
        {toolbar}
        <div className={styles.message}>
          {loaded.state === 'error' ? (
            <Alert severity="error" title="Cannot edit this panel">
              {loaded.message}
            </Alert>
          ) : (
            <LoadingPlaceholder text="Loading panel..." />
          )}
        </div>
      </div>
    );
  }

  return (
    <div className={styles.page} ref={pageRef} style={pageHeight}>
      {toolbar}
      <div className={styles.body}>
        <div className={styles.left}>
          <div className={styles.preview} data-testid={selectors.components.PanelEditor.General.content}>
            {/* Measured without the padding: the panel gets exactly the space it has. */}
            <div className={styles.previewBox} ref={previewRef}>
              <PanelView
                panel={preview}
                dashboardUid={dashboardUid}
                timeRange={timeRange}
                width={previewSize.widthPx}
                height={previewSize.heightPx}
                onChangeTimeRange={onChangeTimeRange}
                onData={setData}
                onOptionsChange={onOptionsChange}
              />
            </div>
          </div>
          <div className={styles.dataPane} data-testid={selectors.components.PanelEditor.DataPane.content}>
            <TabsBar>
              <Tab label="Queries" active counter={ranQueries.length} />
            </TabsBar>
            <div className={styles.tabContent} aria-label={selectors.components.QueryTab.content}>
              <QueryTab
                queries={panelQueries(draft)}
                panelDatasource={draft.datasource}
                data={data}
                range={timeRange}
                onQueryChange={onQueryChange}
                onRunQuery={onRunQuery}
              />
            </div>
          </div>
        </div>
        <aside className={styles.options} aria-label="Panel options pane">
          <OptionsPane
            plugin={loaded.plugin}
            title={draft.title ?? ''}
            description={draft.description ?? ''}
            options={draft.options ?? {}}
            data={data}
            onTitleChange={(title) => updateDraft((p) => ({ ...p, title }))}
            onDescriptionChange={(description) => updateDraft((p) => ({ ...p, description }))}
            onOptionsChange={onOptionsChange}
          />
        </aside>
      </div>
    </div>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    page: css({ display: 'flex', flexDirection: 'column', minHeight: 400 }),
    toolbar: css({
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'space-between',
      padding: theme.spacing(1, 2),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    }),
    message: css({ padding: theme.spacing(2) }),
    body: css({ display: 'flex', flex: 1, minHeight: 0 }),
    left: css({ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0 }),
    preview: css({ height: '50%', minHeight: 240, padding: theme.spacing(1), boxSizing: 'border-box' }),
    previewBox: css({ width: '100%', height: '100%', overflow: 'hidden' }),
    dataPane: css({ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }),
    tabContent: css({ flex: 1, overflow: 'auto', padding: theme.spacing(2) }),
    options: css({
      width: 380,
      flexShrink: 0,
      overflow: 'auto',
      borderLeft: `1px solid ${theme.colors.border.weak}`,
    }),
  };
}
