/**
 * The data flow of Grafana's datasource settings page (public/app/features/datasources/state/actions.ts), without
 * Redux: load the settings, save them (PUT the whole object), run the instance's `testDatasource()` and turn its
 * outcome, or any error on the way, into the status the page shows.
 */
import type { DataSourceApi, DataSourceSettings, TestDataSourceResponse } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv, HealthCheckError, isFetchError, type TestingStatus } from '@grafana/runtime';

/** What `PUT /api/datasources/uid/:uid` answers. */
export interface UpdateDataSourceResponse {
  datasource: DataSourceSettings;
  id: number;
  message: string;
  name: string;
}

/** `GET /api/datasources/uid/:uid`: the settings the page edits (secrets only as `secureJsonFields`). */
export function fetchDataSourceSettings(uid: string): Promise<DataSourceSettings> {
  return getBackendSrv().get<DataSourceSettings>(
    `/api/datasources/uid/${encodeURIComponent(uid)}`,
    undefined,
    undefined,
    {
      showErrorAlert: false,
    }
  );
}

/**
 * `PUT /api/datasources/uid/:uid` with the whole settings object (and any `secureJsonData` the editor set); resolves
 * to the saved settings from the answer, whose `secureJsonFields` now mark the secrets that were sent.
 */
export async function saveDataSourceSettings(settings: DataSourceSettings): Promise<DataSourceSettings> {
  const response = await getBackendSrv().put<UpdateDataSourceResponse>(
    `/api/datasources/uid/${encodeURIComponent(settings.uid)}`,
    settings,
    { showErrorAlert: false }
  );
  if (!response || typeof response !== 'object' || !response.datasource) {
    throw new Error('Saving the data source returned no settings: the server answered without a "datasource" object');
  }
  return response.datasource;
}

/** A test result as the page shows it (Grafana keeps status, message and details as they are). */
export function statusFromResult(result: TestDataSourceResponse): TestingStatus {
  return { status: result.status, message: result.message, details: { ...result.details } };
}

/**
 * A failure as the page shows it, following Grafana's parseHealthCheckError: a HealthCheckError keeps its details; a
 * FetchError shows the server's `data.message` (or the HTTP status); any other Error its message.
 */
export function statusFromError(err: unknown): TestingStatus {
  const wrapped = typeof err === 'object' && err !== null && 'error' in err ? err.error : undefined;
  if (wrapped instanceof HealthCheckError) {
    return { status: 'error', message: wrapped.message, details: wrapped.details };
  }
  if (err instanceof HealthCheckError) {
    return { status: 'error', message: err.message, details: err.details };
  }
  if (isFetchError(err)) {
    const data: unknown = err.data;
    const serverMessage =
      typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string'
        ? data.message
        : undefined;
    const httpStatus = [err.status, err.statusText].filter((s) => s !== undefined && s !== '').join(' ');
    return { status: 'error', message: serverMessage || err.message || `HTTP error ${httpStatus}` };
  }
  if (err instanceof Error) {
    return { status: 'error', message: err.message };
  }
  return { status: 'error', message: `Unexpected error: ${String(err)}` };
}

/**
 * Grafana's "test" step: gets the instance by uid and runs its `testDatasource()`. Never throws: every outcome is a
 * status; a plugin without a test gives none (Grafana shows nothing then).
 */
export async function testDataSource(uid: string): Promise<TestingStatus | undefined> {
  try {
    const instance: DataSourceApi = await getDataSourceSrv().get({ uid });
    if (!instance.testDatasource) {
      return undefined;
    }
    return statusFromResult(await instance.testDatasource());
  } catch (err) {
    return statusFromError(err);
  }
}

/** What "Save & test" ends with: the saved settings (absent when saving failed) and the status to show. */
export interface SaveAndTestOutcome {
  saved?: DataSourceSettings;
  status?: TestingStatus;
}

/**
 * "Save & test": PUT the settings; on success drop the cached instances and settings (`DataSourceSrv.reload()`, so
 * the next `get` builds the instance from the saved settings) and test. A failed save shows its error and is not
 * tested, as in Grafana. Never throws.
 */
export async function saveAndTest(settings: DataSourceSettings): Promise<SaveAndTestOutcome> {
  let saved: DataSourceSettings;
  try {
    saved = await saveDataSourceSettings(settings);
  } catch (err) {
    return { saved: undefined, status: statusFromError(err) };
  }
  try {
    // `reload()` is async in Grafana's DataSourceSrv, though @grafana/runtime types it as void.
    await (getDataSourceSrv().reload() as unknown as Promise<void> | undefined);
  } catch (err) {
    return { saved, status: statusFromError(err) };
  }
  return { saved, status: await testDataSource(saved.uid) };
}
