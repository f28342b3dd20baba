/** Pure helpers of the panel editor: the panel's queries, per-query data, the URL to go back to. */
import { urlUtil, type DataQuery, type PanelData, type UrlQueryMap } from '@grafana/data';

/** The panel's queries, each with a refId (a target saved without one gets the letter of its position). */
export function withRefIds(queries: DataQuery[]): DataQuery[] {
  return queries.map((q, i) => {
    const refId = typeof q.refId === 'string' && q.refId !== '' ? q.refId : String.fromCharCode(65 + (i % 26));
    return { ...q, refId };
  });
}

/**
 * The part of the panel's data that belongs to one query, as Grafana's query rows receive it
 * (filterPanelDataToQuery): its frames, and its error.
 */
export function panelDataForQuery(data: PanelData | undefined, refId: string): PanelData | undefined {
  if (!data) {
    return undefined;
  }
  const series = data.series.filter((frame) => frame.refId === refId);
  const errors = data.errors?.filter((e) => e.refId === refId);
  const error =
    errors?.[0] ?? (data.error && (!data.error.refId || data.error.refId === refId) ? data.error : undefined);
  return { ...data, series, error, errors };
}

/**
 * Where "Back to dashboard" goes: `/d/<uid>` with the current query minus the editor's own keys, so the time range
 * (`from`, `to`), variables (`var-*`) and the rest stay as they were.
 */
export function dashboardUrl(dashboardUid: string, query: UrlQueryMap): string {
  const kept: UrlQueryMap = {};
  for (const [key, value] of Object.entries(query)) {
    if (key !== 'editPanel' && key !== 'tab') {
      kept[key] = value;
    }
  }
  return urlUtil.renderUrl(`/d/${encodeURIComponent(dashboardUid)}`, kept);
}
