/**
 * Dashboards of this session: loaded once from `/api/dashboards/uid/:uid` (the provisioned JSON), then kept here with
 * the edits made in this session (`updatePanel` from the panel editor, option changes from panels). Nothing is saved
 * to the server, as with a provisioned dashboard in Grafana whose changes are not saved.
 */
import { getBackendSrv } from '@grafana/runtime';
import type { Dashboard, Panel, RowPanel } from '@grafana/schema';

/** What `/api/dashboards/uid/:uid` answers. */
export interface DashboardEntry {
  dashboard: Dashboard;
  meta: Record<string, unknown>;
}

type Listener = (entry: DashboardEntry) => void;

const loading = new Map<string, Promise<DashboardEntry>>();
const loaded = new Map<string, DashboardEntry>();
const pendingEdits = new Map<string, Panel[]>();
const listeners = new Map<string, Set<Listener>>();

/** Loads a dashboard (once per session) with this session's edits applied. */
export function loadDashboard(uid: string): Promise<DashboardEntry> {
  const current = loaded.get(uid);
  if (current) {
    return Promise.resolve(current);
  }
  let request = loading.get(uid);
  if (!request) {
    request = fetchDashboard(uid).then((entry) => {
      let result = entry;
      for (const panel of pendingEdits.get(uid) ?? []) {
        result = withPanel(result, panel);
      }
      pendingEdits.delete(uid);
      loaded.set(uid, result);
      loading.delete(uid);
      return result;
    });
    // A failed load is forgotten, so that opening the dashboard again retries.
    request.catch(() => loading.delete(uid));
    loading.set(uid, request);
  }
  return request;
}

async function fetchDashboard(uid: string): Promise<DashboardEntry> {
  let body: unknown;
  try {
    body = await getBackendSrv().get(`/api/dashboards/uid/${encodeURIComponent(uid)}`, undefined, undefined, {
      showErrorAlert: false,
    });
  } catch (err) {
    throw new Error(`Dashboard "${uid}" could not be loaded: ${describeFetchError(err)}`, { cause: err });
  }
  const entry = body as Partial<DashboardEntry> | undefined;
  if (!entry || typeof entry.dashboard !== 'object' || entry.dashboard === null) {
    throw new Error(`Dashboard "${uid}" could not be loaded: the server answered without a "dashboard" object`);
  }
  return { dashboard: entry.dashboard, meta: entry.meta ?? {} };
}

/** The dashboard if it is loaded already (no request). */
export function getLoadedDashboard(uid: string): DashboardEntry | undefined {
  return loaded.get(uid);
}

/** Replaces a panel (matched by id) in this session's copy of the dashboard; the dashboard page shows it at once. */
export function updatePanel(dashboardUid: string, panel: Panel): void {
  const entry = loaded.get(dashboardUid);
  if (!entry) {
    // Not loaded yet: apply it when the dashboard arrives.
    pendingEdits.set(dashboardUid, [...(pendingEdits.get(dashboardUid) ?? []), panel]);
    return;
  }
  const next = withPanel(entry, panel);
  loaded.set(dashboardUid, next);
  for (const listener of listeners.get(dashboardUid) ?? []) {
    listener(next);
  }
}

/** Calls `listener` with the dashboard each time it is edited; returns the unsubscribe function. */
export function subscribeDashboard(uid: string, listener: Listener): () => void {
  let set = listeners.get(uid);
  if (!set) {
    set = new Set();
    listeners.set(uid, set);
  }
  set.add(listener);
  return () => set?.delete(listener);
}

/** Finds a panel by id, in the dashboard or inside a collapsed row. */
export function findPanel(dashboard: Dashboard, id: number): Panel | undefined {
  for (const panel of dashboard.panels ?? []) {
    if (panel.id === id && panel.type !== 'row') {
      return panel as Panel;
    }
    for (const nested of (panel as RowPanel).panels ?? []) {
      if (nested.id === id) {
        return nested;
      }
    }
  }
  return undefined;
}

function withPanel(entry: DashboardEntry, panel: Panel): DashboardEntry {
  let found = false;
  const panels = (entry.dashboard.panels ?? []).map((p) => {
    if (p.id === panel.id && p.type !== 'row') {
      found = true;
      return panel;
    }
    const row = p as RowPanel;
    if (row.type === 'row' && row.panels?.some((n) => n.id === panel.id)) {
      found = true;
      return { ...row, panels: row.panels.map((n) => (n.id === panel.id ? panel : n)) };
    }
    return p;
  });
  if (!found) {
    throw new Error(`Panel ${panel.id} is not on dashboard "${entry.dashboard.uid ?? ''}"`);
  }
  return { ...entry, dashboard: { ...entry.dashboard, panels } };
}

/** The message of an error from the backend service: HTTP status and the server's message. */
export function describeFetchError(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as { status?: number; data?: { message?: unknown }; message?: string };
    const message = typeof e.data?.message === 'string' ? e.data.message : e.message;
    const status = typeof e.status === 'number' && e.status > 0 ? `HTTP ${e.status}` : '';
    return [status, message].filter(Boolean).join(': ') || 'unknown error';
  }
  return String(err);
}
