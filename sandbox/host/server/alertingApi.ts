import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ProvisionedAlertRule } from './alerting';
import { formatPromDuration } from './alertingDuration';
import { sendApiError, sendJson } from './http';
import type { JsonObject } from './types';

/**
 * Grafana's ruler API for Grafana-managed rules, read-only: `GET /api/ruler/grafana/api/v1/rules` answers
 * `{ "<folder title>": [ { name, interval, rules: [ { expr, for, labels, annotations, grafana_alert } ] } ] }`
 * (Grafana's `RulerRulesConfigDTO`), filtered like Grafana by `dashboard_uid` and `panel_id` (the rule's
 * `__dashboardUid__` / `__panelId__` annotations). The sandbox host reads it to evaluate the rules linked to a
 * dashboard. Writing rules, the Prometheus-style state API and the provisioning HTTP API are not emulated.
 */
export const RULER_RULES_PATH = '/api/ruler/grafana/api/v1/rules';

/** True for the paths this module answers. */
export function isAlertingApiPath(pathname: string): boolean {
  return pathname === RULER_RULES_PATH || pathname.startsWith(`${RULER_RULES_PATH}/`);
}

export function handleAlertingApi(req: IncomingMessage, res: ServerResponse, rules: ProvisionedAlertRule[]): void {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendApiError(res, 405, 'the sandbox serves alert rules read-only (GET)');
    return;
  }
  if (url.pathname !== RULER_RULES_PATH) {
    sendApiError(res, 404, 'Not found');
    return;
  }
  const dashboardUid = url.searchParams.get('dashboard_uid') ?? '';
  const panelText = url.searchParams.get('panel_id');
  let panelId: number | undefined;
  if (panelText !== null && panelText !== '') {
    if (!/^\d+$/.test(panelText)) {
      sendApiError(res, 400, `invalid panel_id: ${panelText}`);
      return;
    }
    if (!dashboardUid) {
      sendApiError(res, 400, 'panel_id must be set with dashboard_uid');
      return;
    }
    panelId = Number(panelText);
  }
  const selected = rules.filter(
    (rule) =>
      (!dashboardUid || rule.annotations.__dashboardUid__ === dashboardUid) &&
      (panelId === undefined || rule.annotations.__panelId__ === String(panelId))
  );
  sendJson(res, 200, rulerRulesConfig(selected));
}

/** Rules as Grafana's ruler API groups them: by folder title, then by group, in load order. */
export function rulerRulesConfig(rules: ProvisionedAlertRule[]): JsonObject {
  const folders: Record<string, Array<{ name: string; interval: string; rules: JsonObject[] }>> = {};
  for (const rule of rules) {
    const groups = (folders[rule.folderTitle] ??= []);
    let group = groups.find((g) => g.name === rule.group);
    if (!group) {
      group = { name: rule.group, interval: formatPromDuration(rule.intervalSec), rules: [] };
      groups.push(group);
    }
    group.rules.push(rulerRule(rule));
  }
  return folders;
}

/** One rule as Grafana's `GettableExtendedRuleNode`. */
function rulerRule(rule: ProvisionedAlertRule): JsonObject {
  return {
    expr: '',
    for: formatPromDuration(rule.forSec),
    labels: { ...rule.labels },
    annotations: { ...rule.annotations },
    grafana_alert: {
      id: rule.id,
      orgId: rule.orgId,
      title: rule.title,
      condition: rule.condition,
      data: rule.data.map((q) => ({
        refId: q.refId,
        queryType: q.queryType,
        relativeTimeRange: { ...q.relativeTimeRange },
        datasourceUid: q.datasourceUid,
        model: q.model,
      })),
      updated: '0001-01-01T00:00:00Z',
      intervalSeconds: rule.intervalSec,
      version: 1,
      uid: rule.uid,
      namespace_uid: rule.folderUid,
      rule_group: rule.group,
      no_data_state: rule.noDataState,
      exec_err_state: rule.execErrState,
      is_paused: rule.isPaused,
      provenance: 'file',
    },
  };
}
