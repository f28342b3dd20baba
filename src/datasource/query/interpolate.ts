import type { AdHocVariableFilter, ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import type { ProfileQuery } from '../types';
import { formatSelector, parseSelector, regexAlternation, type MatchOp, type Matcher } from './selector';

/** What a variable format function is told about the variable (a subset of Grafana's variable model). */
interface VariableLike {
  multi?: boolean;
  includeAll?: boolean;
}

/**
 * Interpolates every string field of a query. Selector values are interpolated matcher by matcher, so each value is
 * escaped for where it stands: inside `=~`/`!~` a multi-value or All variable becomes an escaped regex alternation
 * `(a|b)`; a multi-value variable inside `=`/`!=` turns the matcher into `=~`/`!~` with the alternation. The selector
 * is then written back with string escaping, so quotes and backslashes in values are safe. Ad-hoc filters are
 * appended as matchers. A selector that only becomes parseable after interpolation (e.g. `$selector`) is replaced
 * as a whole.
 */
export function interpolateQuery(
  query: ProfileQuery,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars = {},
  filters: AdHocVariableFilter[] = []
): ProfileQuery {
  const replace = (text: string | undefined) => (text ? templateSrv.replace(text, scopedVars) : text);
  const groupBy = (query.groupBy ?? []).flatMap((g) =>
    templateSrv
      .replace(g, scopedVars, 'csv')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  );
  return {
    ...query,
    profileTypeId: replace(query.profileTypeId),
    labelSelector: interpolateSelector(query.labelSelector ?? '', templateSrv, scopedVars, filters),
    groupBy,
  };
}

/** Interpolates template variables and ad-hoc filters into a selector (see `interpolateQuery`). */
export function interpolateSelector(
  selector: string,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars = {},
  filters: AdHocVariableFilter[] = []
): string {
  let matchers: Matcher[];
  let metric: string | undefined;
  try {
    ({ matchers, metric } = parseSelector(selector));
  } catch {
    // Not a selector until interpolated: replace the whole text, then parse what it became.
    const whole = templateSrv.replace(selector, scopedVars);
    ({ matchers, metric } = parseSelector(whole));
    return formatSelector([...matchers, ...filtersToMatchers(filters)], metric);
  }
  const out = matchers.map((m) => interpolateMatcher(m, templateSrv, scopedVars));
  return formatSelector([...out, ...filtersToMatchers(filters)], metric);
}

function interpolateMatcher(m: Matcher, templateSrv: Pick<TemplateSrv, 'replace'>, scopedVars: ScopedVars): Matcher {
  if (!m.value.includes('$')) {
    return m;
  }
  const regex = m.op === '=~' || m.op === '!~';
  let becameRegex = false;
  const value = templateSrv.replace(m.value, scopedVars, (raw: string | string[], variable?: VariableLike) => {
    const values = Array.isArray(raw) ? raw : [raw];
    const multi = Array.isArray(raw) || Boolean(variable?.multi) || Boolean(variable?.includeAll);
    if (regex) {
      // A single-value variable inside a regex is itself a regex (as in Grafana's Prometheus datasource).
      return multi ? regexAlternation(values) : values.join('');
    }
    if (values.length > 1) {
      becameRegex = true;
      return regexAlternation(values);
    }
    return values[0] ?? '';
  });
  if (becameRegex) {
    // Several values cannot be equal to one string: match any of them instead.
    const op: MatchOp = m.op === '=' ? '=~' : '!~';
    return { name: m.name, op, value };
  }
  return { name: m.name, op: m.op, value };
}

/** Grafana ad-hoc filters as selector matchers; unsupported operators (`<`, `>`) are dropped. */
export function filtersToMatchers(filters: AdHocVariableFilter[]): Matcher[] {
  return filters
    .filter((f) => ['=', '!=', '=~', '!~'].includes(f.operator) && /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(f.key))
    .map((f) => ({ name: f.key, op: f.operator as MatchOp, value: f.value }));
}
