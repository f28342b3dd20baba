/**
 * `/d/:uid/:slug?`: loads the dashboard's save model, builds its scene once per browser session (edits made in the
 * panel editor live in it, as unsaved changes of a provisioned dashboard do in Grafana), keeps it active with scenes'
 * URL sync for as long as the route is open, and shows the dashboard, or the panel editor when the URL has
 * `editPanel=<id>` (same scene: variables and range carry over, as in Grafana).
 */
import React, { useEffect, useRef, useState } from 'react';
import { UrlSyncContextProvider } from '@grafana/scenes';
import { Alert, LoadingPlaceholder } from '@grafana/ui';

import { PanelEditorPage } from '../pages/PanelEditorPage';
import { markPageReady } from '../pageReady';
import { buildDashboardScene } from './buildDashboardScene';
import type { DashboardScene } from './DashboardScene';
import { onFirstResults } from './firstResults';
import { loadDashboard } from './store';

export interface DashboardRouteProps {
  uid: string;
  editPanel?: number;
  /** Page id for `flamelensHost.ready`. */
  pageKey: string;
}

const scenes = new Map<string, DashboardScene>();

async function sceneFor(uid: string): Promise<DashboardScene> {
  let scene = scenes.get(uid);
  if (!scene) {
    const { dashboard } = await loadDashboard(uid);
    scene = scenes.get(uid) ?? buildDashboardScene(dashboard);
    scenes.set(uid, scene);
  }
  return scene;
}

export function DashboardRoute({ uid, editPanel, pageKey }: DashboardRouteProps) {
  const [scene, setScene] = useState<DashboardScene>();
  const [error, setError] = useState<string>();
  const pageKeyRef = useRef(pageKey);
  useEffect(() => {
    pageKeyRef.current = pageKey;
  }, [pageKey]);

  useEffect(() => {
    let cancelled = false;
    sceneFor(uid).then(
      (s) => !cancelled && setScene(s),
      (err: unknown) => {
        if (!cancelled) {
          setError(err instanceof Error ? err.message : String(err));
          markPageReady(pageKeyRef.current);
        }
      }
    );
    return () => {
      cancelled = true;
    };
  }, [uid]);

  // The scene stays active under both pages (variables, range and annotations keep running), as Grafana's does.
  useEffect(() => scene?.activate(), [scene]);

  const editing = editPanel !== undefined;
  useEffect(() => {
    if (!scene) {
      return;
    }
    // The editor page has no grid to wait for: it counts as rendered once shown.
    if (editing) {
      markPageReady(pageKey);
      return;
    }
    return onFirstResults(scene, () => markPageReady(pageKey));
  }, [scene, editing, pageKey]);

  if (error) {
    return (
      <Alert severity="error" title="Dashboard not available">
        {error}
      </Alert>
    );
  }
  if (!scene) {
    return <LoadingPlaceholder text="Loading dashboard..." />;
  }
  return (
    <UrlSyncContextProvider scene={scene} updateUrlOnInit createBrowserHistorySteps>
      {editing ? <PanelEditorPage scene={scene} panelId={editPanel} /> : <scene.Component model={scene} />}
    </UrlSyncContextProvider>
  );
}
