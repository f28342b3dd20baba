import React, { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { DataQuery, GrafanaTheme2 } from '@grafana/data';
import { selectors } from '@grafana/e2e-selectors';
import { locationService } from '@grafana/runtime';
import { SceneQueryRunner, sceneGraph, type VizPanel } from '@grafana/scenes';
import { Alert, Button, LoadingPlaceholder, Stack, Tab, TabsBar, Text, useStyles2 } from '@grafana/ui';

import type { DashboardScene } from '../dashboard/DashboardScene';
import { OptionsPane } from './OptionsPane';
import { dashboardUrl, withRefIds } from './panelEditorModel';
import { QueryTab } from './QueryTab';
import { useFillViewport } from './useFillViewport';

/**
 * Grafana's panel editor (`/d/<uid>?editPanel=<id>`) on a working copy of the scene's panel: the live preview on top
 * (a clone of the VizPanel and its query runner, placed in the dashboard scene so it sees the variables and the
 * range), the Query tab below (each query in its datasource's query editor; `onRunQuery` runs the preview with the
 * edited queries, `onChange` alone does not), the options pane on the right (title, description, the plugin's
 * options; a change shows in the preview at once). "Back to dashboard" writes the copy back into the scene's panel,
 * "Discard" drops it; both return to the dashboard with the same time range and variables.
 */
export function PanelEditorPage({ scene, panelId }: { scene: DashboardScene; panelId: number }) {
  const original = scene.findPanel(panelId);
  if (!original) {
    return <EditorShell scene={scene} error={`Panel ${panelId} was not found in dashboard "${scene.state.title}"`} />;
  }
  // Another panel is another editor: no edit of one carries over to the next.
  return <PanelEditor key={original.state.key} scene={scene} original={original} />;
}

function runnerOf(panel: VizPanel): SceneQueryRunner | undefined {
  const data = panel.state.$data;
  return data instanceof SceneQueryRunner ? data : undefined;
}

function PanelEditor({ scene, original }: { scene: DashboardScene; original: VizPanel }) {
  const styles = useStyles2(getStyles);
  const preview = useMemo(() => original.clone(), [original]);
  // A layout effect: it runs before the preview's own (passive) activation effect, so the preview's query runner is
  // in the scene, and sees its variables (a `${pyroscope}` datasource, say), from its first run.
  useLayoutEffect(() => {
    scene.setState({ editPreview: preview });
    return () => scene.setState({ editPreview: undefined });
  }, [scene, preview]);
  const { title, description, options } = preview.useState();
  const runner = runnerOf(preview);
  const data = runner?.useState().data;
  const range = sceneGraph.getTimeRange(scene).useState().value;
  // The edited queries; the ref holds the latest at once, so onRunQuery right after onChange runs that edit.
  const [queries, setQueries] = useState(() => withRefIds(runner?.state.queries ?? []));
  const queriesRef = useRef<DataQuery[]>(queries);
  const plugin = preview.getPlugin();

  const onQueryChange = useCallback((index: number, query: DataQuery) => {
    queriesRef.current = queriesRef.current.map((q, i) => (i === index ? query : q));
    setQueries(queriesRef.current);
  }, []);
  // Running unchanged queries runs them again, as in Grafana.
  const onRunQuery = useCallback(() => {
    runner?.setState({ queries: queriesRef.current });
    runner?.runQueries();
  }, [runner]);
  const onOptionsChange = useCallback(
    (next: Record<string, unknown>) => preview.onOptionsChange(next, true),
    [preview]
  );

  const leave = (apply: boolean) => {
    if (apply) {
      const { title, description, options, fieldConfig } = preview.state;
      original.setState({ title, description, options, fieldConfig });
      const ran = runnerOf(original);
      if (ran) {
        // A fresh runner with the edited queries: it runs when the dashboard shows the panel again.
        original.setState({ $data: ran.clone({ queries: queriesRef.current, data: undefined }) });
      }
    }
    locationService.push(dashboardUrl(scene.state.uid, locationService.getSearchObject()));
  };

  return (
    <EditorShell scene={scene} onLeave={leave}>
      <div className={styles.body}>
        <div className={styles.left}>
          <div className={styles.preview} data-testid={selectors.components.PanelEditor.General.content}>
            <div className={styles.previewBox} data-panel-id={original.getLegacyPanelId()}>
              <preview.Component model={preview} />
            </div>
          </div>
          <div className={styles.dataPane} data-testid={selectors.components.PanelEditor.DataPane.content}>
            <TabsBar>
              <Tab label="Queries" active counter={queries.length} />
            </TabsBar>
            <div className={styles.tabContent} aria-label={selectors.components.QueryTab.content}>
              <QueryTab
                queries={queries}
                panelDatasource={runner?.state.datasource}
                data={data}
                range={range}
                onQueryChange={onQueryChange}
                onRunQuery={onRunQuery}
              />
            </div>
          </div>
        </div>
        <aside className={styles.options} aria-label="Panel options pane">
          {plugin ? (
            <OptionsPane
              plugin={plugin}
              title={title}
              description={description ?? ''}
              options={options as Record<string, unknown>}
              data={data}
              onTitleChange={(next) => preview.setState({ title: next })}
              onDescriptionChange={(next) => preview.setState({ description: next })}
              onOptionsChange={onOptionsChange}
            />
          ) : (
            <LoadingPlaceholder text="Loading panel plugin..." />
          )}
        </aside>
      </div>
    </EditorShell>
  );
}

interface EditorShellProps {
  scene: DashboardScene;
  error?: string;
  onLeave?: (apply: boolean) => void;
  children?: React.ReactNode;
}

/** The editor's page: toolbar with "Discard" and "Back to dashboard", then the editor (or why there is none). */
function EditorShell({ scene, error, onLeave, children }: EditorShellProps) {
  const styles = useStyles2(getStyles);
  const [pageRef, pageHeight] = useFillViewport<HTMLDivElement>();
  const leave = (apply: boolean) =>
    onLeave ? onLeave(apply) : locationService.push(dashboardUrl(scene.state.uid, locationService.getSearchObject()));
  const toolbar = (
    <div className={styles.toolbar}>
      <Text element="h1" variant="h4">
        Edit panel – {scene.state.title}
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
          disabled={Boolean(error)}
          onClick={() => leave(true)}
          data-testid={selectors.components.NavToolbar.editDashboard.backToDashboardButton}
        >
          Back to dashboard
        </Button>
      </Stack>
    </div>
  );

  return (
    <div className={styles.page} ref={pageRef} style={pageHeight}>
      {toolbar}
      {error ? (
        <div className={styles.message}>
          <Alert severity="error" title="Cannot edit this panel">
            {error}
          </Alert>
        </div>
      ) : (
        children
      )}
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
