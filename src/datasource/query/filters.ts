import { escapeRegex, isWellFormed, type Matcher } from './selector';

/** An ad-hoc filter as Grafana sends it (`AdHocVariableFilter` in @grafana/data 12.4 to 13.2). */
export interface FilterLike {
  key: string;
  operator: string;
  value: string;
  /** The values of the multi-value operators `=|` and `!=|`. */
  values?: string[];
}

/** A filter that cannot be applied; the message names it, because dropping it would widen the query. */
export class AdHocFilterError extends Error {
  constructor(filter: FilterLike, problem: string) {
    super(`The ad-hoc filter ${describe(filter)} cannot be applied: ${problem}`);
    this.name = 'AdHocFilterError';
  }
}

function describe(f: FilterLike): string {
  const value = f.values && f.values.length > 0 ? f.values.join(' | ') : f.value;
  return `"${f.key} ${f.operator} ${value}"`;
}

/**
 * Grafana ad-hoc filters as selector matchers. Every operator Grafana offers is either applied or refused:
 * `=`, `!=`, `=~`, `!~` map one to one; `=|` (one of) and `!=|` (none of) become `=`/`!=` for one value and an
 * escaped alternation under `=~`/`!~` for several; the comparisons `<`, `>`, `<=`, `>=` have no selector form and
 * are refused. Any non-empty key is kept (quoted when it is not a classic name, e.g. `k8s.pod`); the adapters
 * refuse names their server cannot read.
 */
export function filtersToMatchers(filters: readonly FilterLike[]): Matcher[] {
  return filters.map(filterToMatcher);
}

function filterToMatcher(f: FilterLike): Matcher {
  const key = typeof f.key === 'string' ? f.key : '';
  if (key === '' || !isWellFormed(key)) {
    throw new AdHocFilterError(f, 'its key is not a label name');
  }
  const values = f.operator === '=|' || f.operator === '!=|' ? (f.values ?? [f.value]) : [f.value];
  if (values.some((v) => typeof v !== 'string' || !isWellFormed(v))) {
    throw new AdHocFilterError(f, 'a value is not well-formed text');
  }
  switch (f.operator) {
    case '=':
    case '!=':
    case '=~':
    case '!~':
      return { name: key, op: f.operator, value: values[0] };
    case '=|':
    case '!=|': {
      if (values.length === 0) {
        throw new AdHocFilterError(f, 'it has no values');
      }
      const negative = f.operator === '!=|';
      if (values.length === 1) {
        return { name: key, op: negative ? '!=' : '=', value: values[0] };
      }
      return { name: key, op: negative ? '!~' : '=~', value: `(${values.map(escapeRegex).join('|')})` };
    }
    default:
      throw new AdHocFilterError(f, `Pyroscope label selectors have no "${f.operator}" operator`);
  }
}
