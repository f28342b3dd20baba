/**
 * Dashboards' save models: loaded once per browser session from `/api/dashboards/uid/:uid` (the provisioned JSON).
 * Edits live in the dashboard's scene, never here: nothing is saved to the server, as with a provisioned dashboard
 * in Grafana whose changes are not saved.
 */
import { getBackendSrv } from '@grafana/runtime';
import type { Dashboard } from '@grafana/schema';

/** What `/api/dashboards/uid/:uid` answers. */
export interface DashboardEntry {
  dashboard: Dashboard;
  meta: Record<string, unknown>;
}

const loading = new Map<string, Promise<DashboardEntry>>();
const loaded = new Map<string, DashboardEntry>();

/** Loads a dashboard's save model (once per session). */
export function loadDashboard(uid: string): Promise<DashboardEntry> {
  const current = loaded.get(uid);
  if (current) {
    return Promise.resolve(current);
  }
  let request = loading.get(uid);
  if (!request) {
    request = fetchDashboard(uid).then((entry) => {
      loaded.set(uid, entry);
      loading.delete(uid);
      return entry;
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
