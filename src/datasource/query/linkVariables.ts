import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

/**
 * The ways a variable is written in a query: `$name`, `${name}`, `${name:format}`, `${name.path}` and the old
 * `[[name]]`. These are the forms Grafana's dependency tracking recognises when it decides what to re-run.
 */
const REFERENCE = /\$(\w+)|\$\{(\w+)[^}]*\}|\[\[(\w+)[^\]]*\]\]/g;

/**
 * Names of the dashboard variables written in any string value of a query (nested objects and arrays included), in
 * order of appearance and without repeats. Built-ins (`__interval`, `__all_variables`...) are left out: they are not
 * dashboard variables a link could set.
 */
export function referencedVariables(query: unknown): string[] {
  const names = new Set<string>();
  const pending: unknown[] = [query];
  // A stack, not recursion: a query is shallow, but this keeps to the house rule for walking trees.
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      for (const m of value.matchAll(REFERENCE)) {
        const name = m[1] ?? m[2] ?? m[3] ?? '';
        if (name && !name.startsWith('__')) {
          names.add(name);
        }
      }
    } else if (Array.isArray(value)) {
      pending.push(...value.slice().reverse());
    } else if (value && typeof value === 'object') {
      pending.push(...Object.values(value).reverse());
    }
  }
  return [...names];
}

/**
 * The current values of `names` as URL parameters (`var-service=api&var-env=a&var-env=b`), for links that must keep
 * them. A variable the dashboard does not have (Grafana leaves it as written) is left out.
 *
 * Only variables the query names may go in: Grafana re-runs a query (and so rebuilds its links) only when one of
 * those changes, so any other variable's value would be the one it had at the last run.
 */
export function variableUrlParams(
  names: string[],
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars = {}
): string {
  const parts: string[] = [];
  for (const name of names) {
    const literal = `\${${name}:queryparam}`;
    const text = templateSrv.replace(literal, scopedVars);
    if (text !== literal && text !== '') {
      parts.push(text);
    }
  }
  return parts.join('&');
}
