/**
 * `/d/:uid/:slug?`: loads the dashboard, opens its session (time range, refresh, variables from the URL) and shows
 * the dashboard page, or the panel editor when the URL has `editPanel=<id>` (the session stays open between them, so
 * variables and range carry over as in Grafana).
 */
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { EventBusSrv } from '@grafana/data';
import { Alert, LoadingPlaceholder } from '@grafana/ui';

import { PanelEditorPage } from '../pages/PanelEditorPage';
import { markPageReady } from '../pageReady';
import { dataSourceSrv, templateSrv } from '../runtime/services';
import { DashboardContext, type DashboardContextValue } from './DashboardContext';
import { DashboardPage } from './DashboardPage';
import { DashboardSession, type SessionState } from './DashboardSession';
import { loadDashboard } from './store';

export interface DashboardRouteProps {
  uid: string;
  editPanel?: number;
  /** Page id for `flamelensHost.ready`. */
  pageKey: string;
}

export function DashboardRoute({ uid, editPanel, pageKey }: DashboardRouteProps) {
  // The route is keyed by uid: a session lives as long as this component.
  const [session, setSession] = useState<DashboardSession>();
  const [state, setState] = useState<SessionState>();
  const [error, setError] = useState<string>();
  const [eventBus] = useState(() => new EventBusSrv());
  const pageKeyRef = useRef(pageKey);
  useEffect(() => {
    pageKeyRef.current = pageKey;
  }, [pageKey]);

  useEffect(() => {
    let current: DashboardSession | undefined;
    let cancelled = false;
    loadDashboard(uid).then(
      (entry) => {
        if (cancelled) {
          return;
        }
        current = new DashboardSession(entry, { templateSrv, dataSourceSrv });
        current.state$.subscribe(setState);
        current.start();
        setSession(current);
      },
      (err: unknown) => {
        if (!cancelled) {
          setError(err instanceof Error ? err.message : String(err));
          markPageReady(pageKeyRef.current);
        }
      }
    );
    return () => {
      cancelled = true;
      current?.dispose();
    };
  }, [uid]);

  const context: DashboardContextValue | undefined = useMemo(
    () => (session && state ? { session, state, eventBus } : undefined),
    [session, state, eventBus]
  );

  useEffect(() => {
    // The editor page has no dashboard grid to wait for: it counts as rendered once shown.
    if (context && editPanel !== undefined) {
      markPageReady(pageKey);
    }
  }, [context, editPanel, pageKey]);

  if (error) {
    return (
      <Alert severity="error" title="Dashboard not available">
        {error}
      </Alert>
    );
  }
  if (!context) {
    return <LoadingPlaceholder text="Loading dashboard..." />;
  }
  return (
    <DashboardContext.Provider value={context}>
      {editPanel !== undefined ? (
        <PanelEditorPage dashboardUid={uid} panelId={editPanel} />
      ) : (
        <DashboardPage onFirstResults={() => markPageReady(pageKey)} />
      )}
    </DashboardContext.Provider>
  );
}
