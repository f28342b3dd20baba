import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join } from 'node:path';
import YAML from 'yaml';

import { expandProvisioningValue, type ExpansionEnv } from './envExpand';
import { parsePromDurationSec } from './alertingDuration';
import { listOf, ProvisioningError } from './provisioning';
import { isJsonObject, type JsonObject, type JsonValue } from './types';

/**
 * Grafana-managed alert rules from `provisioning/alerting/*.yaml|yml` (Grafana's alerting file provisioning,
 * `apiVersion: 1`: `groups` of rules, `deleteRules`). As in Grafana (pkg/services/provisioning/alerting), every
 * string of a rule is expanded like datasource files (`$VAR`, `${VAR}`, `$$`, `$__env{}`, `$__file{}`), the query
 * models included — a PromQL `$__rate_interval` must be written `$$__rate_interval`, as in Grafana. Only what the
 * sandbox needs is read; contact points, policies, templates and mute timings are ignored.
 */

/** Grafana's scheduler ticks every 10 s: a group interval must be a positive multiple of it. */
export const BASE_INTERVAL_SEC = 10;

/** One query or expression of a rule (Grafana's `AlertQuery`). */
export interface AlertRuleQuery {
  refId: string;
  queryType: string;
  /** Seconds before the evaluation time: `from` is how far back the query reads, `to` where it stops. */
  relativeTimeRange: { from: number; to: number };
  datasourceUid: string;
  model: JsonObject;
}

/** A provisioned rule with its group. */
export interface ProvisionedAlertRule {
  /** Position in load order, from 1 (Grafana's rule id). */
  id: number;
  orgId: number;
  uid: string;
  title: string;
  condition: string;
  data: AlertRuleQuery[];
  noDataState: string;
  execErrState: string;
  /** `for` as written (Prometheus duration). */
  for: string;
  forSec: number;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  isPaused: boolean;
  folderTitle: string;
  /** The sandbox has no folder store: a stable uid derived from the title. */
  folderUid: string;
  group: string;
  intervalSec: number;
  /** Provisioning file the rule came from. */
  fileName: string;
}

type Strings = Record<string, unknown>;

/**
 * Reads every alerting provisioning file of `dir` (missing folder: no rules). Files are read in name order; a rule
 * provisioned again under the same uid replaces the earlier one, `deleteRules` removes rules by uid.
 *
 * @throws ProvisioningError naming the file for unreadable YAML or a rule Grafana would refuse.
 */
export function readAlertRules(dir: string, env: ExpansionEnv): ProvisionedAlertRule[] {
  if (!existsSync(dir)) {
    return [];
  }
  const byUid = new Map<string, Omit<ProvisionedAlertRule, 'id'>>();
  const files = readdirSync(dir)
    .filter((name) => ['.yaml', '.yml'].includes(extname(name).toLowerCase()) && statSync(join(dir, name)).isFile())
    .sort();
  for (const fileName of files) {
    const path = join(dir, fileName);
    const root = parseFile(path);
    for (const uid of deletedUids(root.deleteRules, path, env)) {
      byUid.delete(uid);
    }
    listOf(root.groups, `alerting provisioning file ${path}`, 'groups').forEach((group, i) => {
      for (const rule of readGroup(group, { path, fileName, env, where: `groups[${i}]` })) {
        byUid.set(rule.uid, rule);
      }
    });
  }
  return [...byUid.values()].map((rule, i) => ({ ...rule, id: i + 1 }));
}

function parseFile(path: string): Strings {
  const doc = YAML.parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ProvisioningError(`cannot parse alerting provisioning file ${path}: ${doc.errors[0].message.trim()}`);
  }
  const root: unknown = doc.toJSON();
  if (root === null || root === undefined) {
    return {};
  }
  if (!isJsonObject(root)) {
    throw new ProvisioningError(`alerting provisioning file ${path} must be a YAML mapping (apiVersion, groups)`);
  }
  if (root.apiVersion !== 1) {
    throw new ProvisioningError(
      `alerting provisioning file ${path}: apiVersion ${JSON.stringify(root.apiVersion ?? null)} is not supported ` +
        '(the sandbox reads apiVersion: 1, the format Grafana documents)'
    );
  }
  return root;
}

interface ReadContext {
  path: string;
  fileName: string;
  env: ExpansionEnv;
  where: string;
}

function readGroup(group: unknown, ctx: ReadContext): Array<Omit<ProvisionedAlertRule, 'id'>> {
  const at = `alerting provisioning file ${ctx.path}, ${ctx.where}`;
  if (!isJsonObject(group)) {
    throw new ProvisioningError(`${at} must be a mapping`);
  }
  const text = (key: string) => scalar(group[key], ctx.env, `${at}.${key}`);
  const name = text('name');
  const folderTitle = text('folder');
  if (!name || !folderTitle) {
    throw new ProvisioningError(`${at}: a rule group needs a name and a folder`);
  }
  const orgId = integer(text('orgId') || '1', `${at}.orgId`);
  if (orgId !== 1) {
    throw new ProvisioningError(`${at}: organization ${orgId} not found (the sandbox has org 1)`);
  }
  const intervalText = text('interval') || '1m';
  const intervalSec = parsePromDurationSec(intervalText, `${at}.interval`);
  if (intervalSec <= 0 || intervalSec % BASE_INTERVAL_SEC !== 0) {
    throw new ProvisioningError(
      `${at}: rule evaluation interval (${intervalSec} second) should be positive number that is multiple of the ` +
        `base interval of ${BASE_INTERVAL_SEC} seconds`
    );
  }
  const folderUid = createHash('sha1').update(`folder:${folderTitle}`).digest('hex').slice(0, 14);
  return listOf(group.rules, `alerting provisioning file ${ctx.path}`, `${ctx.where}.rules`).map((rule, i) =>
    readRule(rule, { ...ctx, where: `${ctx.where}.rules[${i}]` }, { name, folderTitle, folderUid, intervalSec, orgId })
  );
}

interface GroupInfo {
  name: string;
  folderTitle: string;
  folderUid: string;
  intervalSec: number;
  orgId: number;
}

function readRule(rule: unknown, ctx: ReadContext, group: GroupInfo): Omit<ProvisionedAlertRule, 'id'> {
  const at = `alerting provisioning file ${ctx.path}, ${ctx.where}`;
  if (!isJsonObject(rule)) {
    throw new ProvisioningError(`${at} must be a mapping`);
  }
  const text = (key: string) => scalar(rule[key], ctx.env, `${at}.${key}`);
  const title = text('title');
  const uid =
    text('uid') ||
    createHash('sha1').update(`rule:${group.folderTitle}/${group.name}/${title}`).digest('hex').slice(0, 14);
  const where = `${at} (rule ${JSON.stringify(title || uid)})`;
  const condition = text('condition');
  if (!title || !condition) {
    throw new ProvisioningError(`${where}: every rule needs a title and a condition`);
  }
  const data = listOf(rule.data, `alerting provisioning file ${ctx.path}`, `${ctx.where}.data`).map((q, i) =>
    readQuery(q, ctx.env, `${where}.data[${i}]`)
  );
  if (!data.some((q) => q.refId === condition)) {
    throw new ProvisioningError(`${where}: condition ${JSON.stringify(condition)} is not the refId of any query`);
  }
  const forText = text('for') || '0s';
  const annotations = stringMap(rule.annotations, ctx.env, `${where}.annotations`);
  const dashboardUid = text('dashboardUid');
  const panelId = text('panelId');
  // Grafana keeps the dashboard link of a rule as these two annotations.
  if (dashboardUid) {
    annotations.__dashboardUid__ = dashboardUid;
    if (panelId) {
      annotations.__panelId__ = String(integer(panelId, `${where}.panelId`));
    }
  }
  return {
    orgId: group.orgId,
    uid,
    title,
    condition,
    data,
    noDataState: text('noDataState') || 'NoData',
    execErrState: text('execErrState') || 'Alerting',
    for: forText,
    forSec: parsePromDurationSec(forText, `${where}.for`),
    annotations,
    labels: stringMap(rule.labels, ctx.env, `${where}.labels`),
    isPaused: ['true', 'True', 'TRUE', '1', 't', 'T'].includes(text('isPaused')),
    folderTitle: group.folderTitle,
    folderUid: group.folderUid,
    group: group.name,
    intervalSec: group.intervalSec,
    fileName: ctx.fileName,
  };
}

function readQuery(query: unknown, env: ExpansionEnv, where: string): AlertRuleQuery {
  if (!isJsonObject(query)) {
    throw new ProvisioningError(`${where} must be a mapping`);
  }
  const refId = scalar(query.refId, env, `${where}.refId`);
  if (!refId) {
    throw new ProvisioningError(`${where}: every query needs a refId`);
  }
  const range = isJsonObject(query.relativeTimeRange) ? query.relativeTimeRange : {};
  const model = expandJson(query.model ?? {}, env, `${where}.model`);
  if (!isJsonObject(model)) {
    throw new ProvisioningError(`${where}.model must be a mapping`);
  }
  return {
    refId,
    queryType: scalar(query.queryType, env, `${where}.queryType`),
    relativeTimeRange: {
      from: durationSec(range.from, env, `${where}.relativeTimeRange.from`),
      to: durationSec(range.to, env, `${where}.relativeTimeRange.to`),
    },
    datasourceUid: scalar(query.datasourceUid, env, `${where}.datasourceUid`),
    model,
  };
}

function deletedUids(value: unknown, path: string, env: ExpansionEnv): string[] {
  return listOf(value, `alerting provisioning file ${path}`, 'deleteRules').map((entry, i) => {
    const uid = isJsonObject(entry) ? scalar(entry.uid, env, `deleteRules[${i}].uid`) : '';
    if (!uid) {
      throw new ProvisioningError(`alerting provisioning file ${path}: deleteRules[${i}] needs a uid`);
    }
    return uid;
  });
}

/** A relative time range bound: a number of seconds, or a duration string. */
function durationSec(value: unknown, env: ExpansionEnv, where: string): number {
  if (value === undefined || value === null) {
    return 0;
  }
  if (typeof value === 'number') {
    return value;
  }
  return parsePromDurationSec(scalar(value, env, where), where);
}

/** A scalar field as text, expanded; absent → ''. */
function scalar(value: unknown, env: ExpansionEnv, where: string): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'object') {
    throw new ProvisioningError(`${where} must be a scalar value`);
  }
  return expand(String(value), env, where);
}

function integer(text: string, where: string): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new ProvisioningError(`${where}: ${JSON.stringify(text)} is not an integer`);
  }
  return Number.parseInt(text, 10);
}

function stringMap(value: unknown, env: ExpansionEnv, where: string): Record<string, string> {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isJsonObject(value)) {
    throw new ProvisioningError(`${where} must be a mapping of strings`);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scalar(v, env, `${where}.${k}`)]));
}

function expandJson(node: unknown, env: ExpansionEnv, where: string): JsonValue {
  if (typeof node === 'string') {
    return expand(node, env, where);
  }
  if (Array.isArray(node)) {
    return node.map((item, i) => expandJson(item, env, `${where}[${i}]`));
  }
  if (isJsonObject(node)) {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, expandJson(v, env, `${where}.${k}`)]));
  }
  if (typeof node === 'number' || typeof node === 'boolean' || node === null) {
    return node;
  }
  return String(node);
}

function expand(value: string, env: ExpansionEnv, where: string): string {
  try {
    return expandProvisioningValue(value, env);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProvisioningError(`${where}: failed to interpolate value: ${reason}`);
  }
}
