import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import type { ProfileQuery } from '../types';
import { filtersToMatchers, type FilterLike } from './filters';
import { formatSelector } from './selector';
import { interpolateTemplate, type ExpandVariable } from './template';

/** What a variable format function is told about the variable (a subset of Grafana's variable model). */
interface VariableLike {
  multi?: boolean;
  includeAll?: boolean;
}

/**
 * Interpolates every string field of a query. The selector is read as a template first, so every variable is
 * escaped by the position it stands in (see `template.ts`); ad-hoc filters are appended as matchers, and one that
 * cannot be applied is refused (see `filters.ts`). Throws `SelectorTemplateError` or `AdHocFilterError`: nothing is
 * ever substituted unescaped.
 */
export function interpolateQuery(
  query: ProfileQuery,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars = {},
  filters: readonly FilterLike[] = []
): ProfileQuery {
  return {
    ...interpolateFields(query, templateSrv, scopedVars),
    labelSelector: interpolateSelector(query.labelSelector ?? '', templateSrv, scopedVars, filters),
  };
}

/**
 * `interpolateQuery` that never throws, for Grafana's `interpolateVariablesInQueries` (called outside `query()`,
 * e.g. when a panel opens in Explore, where a half-typed selector is normal): a selector that cannot be
 * interpolated is kept as written, and `query()` reports the problem when it runs.
 */
export function interpolateQueryLeniently(
  query: ProfileQuery,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars = {},
  filters: readonly FilterLike[] = []
): ProfileQuery {
  try {
    return interpolateQuery(query, templateSrv, scopedVars, filters);
  } catch {
    return { ...interpolateFields(query, templateSrv, scopedVars), labelSelector: query.labelSelector };
  }
}

function interpolateFields(query: ProfileQuery, templateSrv: Pick<TemplateSrv, 'replace'>, scopedVars: ScopedVars) {
  const replace = (text: string | undefined) => (text ? templateSrv.replace(text, scopedVars) : text);
  const groupBy = (query.groupBy ?? []).flatMap((g) =>
    templateSrv
      .replace(g, scopedVars, 'csv')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  );
  const frameFilters = query.frameFilters?.trim()
    ? interpolateFilterList(query.frameFilters, templateSrv, scopedVars)
    : undefined;
  return {
    ...query,
    profileTypeId: replace(query.profileTypeId),
    groupBy,
    ...(frameFilters !== undefined ? { frameFilters } : {}),
  };
}

/**
 * Interpolates a frame filter list. A variable's value is taken as written (a filter list is no selector: nothing
 * is escaped), and the values of a multi-value variable become entries of the list (joined by `;`).
 */
export function interpolateFilterList(
  text: string,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars = {}
): string {
  return templateSrv
    .replace(text, scopedVars, (value: unknown) =>
      (Array.isArray(value) ? value : [value]).map((v) => (v === undefined || v === null ? '' : String(v))).join(';')
    )
    .trim();
}

/** Interpolates template variables and ad-hoc filters into a selector (see `interpolateQuery`). */
export function interpolateSelector(
  selector: string,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars = {},
  filters: readonly FilterLike[] = []
): string {
  const { metric, matchers } = interpolateTemplate(selector, variableExpander(templateSrv, scopedVars));
  return formatSelector([...matchers, ...filtersToMatchers(filters)], metric);
}

/**
 * Asks Grafana for one variable's values through a format function, so they arrive unformatted. A reference with
 * an explicit format (`${v:raw}`, `${v:regex}`) or an unknown variable does not call it; its text is one value.
 */
export function variableExpander(templateSrv: Pick<TemplateSrv, 'replace'>, scopedVars: ScopedVars): ExpandVariable {
  return (reference) => {
    let captured: { values: string[]; multi: boolean } | undefined;
    const text = templateSrv.replace(reference, scopedVars, (raw: unknown, variable?: VariableLike) => {
      const values = (Array.isArray(raw) ? raw : [raw]).map((v) => (v === undefined || v === null ? '' : String(v)));
      captured = { values, multi: Array.isArray(raw) || Boolean(variable?.multi) || Boolean(variable?.includeAll) };
      return '';
    });
    return captured ?? { values: [text], multi: false };
  };
}
