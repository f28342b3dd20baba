import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import { DEFAULT_COMPARE_VARIABLE, DEFAULT_FOCUS_VARIABLE } from '../../model/contract';
import type { ProfileQuery } from '../types';
import { isReference } from './window';

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

/** What a spike annotation's links carry (see `linkHref` in spikeAnnotations.ts). */
export interface AnnotationLinkVariables {
  /** The variable the links set to the spike's moment. */
  focusVariable: string;
  /** The variable the "Compare with before" link sets. */
  compareVariable: string;
  /** The other variables the links keep, as URL parameters. */
  variableParams: string;
}

/**
 * The variables a spike annotation's links set and keep, from the annotation query as saved: the focus and compare
 * variables it names (else the story's `focus` and `compare`), and the current values of the other variables it
 * names (its selector's `$service`...). Not every dashboard variable: Grafana re-runs the annotation only when one it
 * names changes, so the others' values would go stale; a link leaves them as they are when Grafana follows it.
 */
export function annotationLinkVariables(
  written: ProfileQuery,
  templateSrv: Pick<TemplateSrv, 'replace'>,
  scopedVars: ScopedVars = {}
): AnnotationLinkVariables {
  const focusVariable = linkVariableName(written.focusVariable) ?? DEFAULT_FOCUS_VARIABLE;
  const compareVariable =
    (isReference(written.compare) && linkVariableName(written.compare)) || DEFAULT_COMPARE_VARIABLE;
  // Each link sets focus and compare itself.
  const kept = referencedVariables(written).filter((n) => n !== focusVariable && n !== compareVariable);
  return { focusVariable, compareVariable, variableParams: variableUrlParams(kept, templateSrv, scopedVars) };
}

/** One variable reference and nothing else, in any written form, or a bare name. */
const SINGLE_REFERENCE = /^(?:\$(\w+)|\$\{(\w+)(?:[:.][^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|(\w+))$/;

/**
 * The name a link's `var-<name>` parameter must carry, from a field written `$focus`, `${focus}`, `${focus:raw}`,
 * `[[focus]]` or `focus`. Anything else (two references, a format Grafana would have to apply) is no variable a link
 * can set: undefined, and the caller uses the default. The `$`, braces and formats never reach the URL.
 */
export function linkVariableName(ref: string | undefined): string | undefined {
  const m = SINGLE_REFERENCE.exec((ref ?? '').trim());
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
}
