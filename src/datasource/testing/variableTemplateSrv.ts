import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

/** A test variable: its value(s) and the flags Grafana passes to format functions. */
export interface TestVariable {
  value: string | string[];
  multi?: boolean;
  includeAll?: boolean;
}

type Format = string | ((value: string | string[], variable?: TestVariable) => string);

/**
 * A template service with fixed variables that treats formats the way Grafana's does: `$v`, `${v}`, `[[v]]` and
 * `${v:fmt}`; an explicit format in the reference wins over the one passed in (`raw` and `csv` join with commas,
 * `regex` builds an escaped alternation); a format function receives the unformatted value; unknown variables
 * stay as written.
 */
export function templateSrvWithFormats(vars: Record<string, TestVariable>): TemplateSrv {
  const replace = (text: string, _scoped?: ScopedVars, format?: Format) =>
    text.replace(/\$(\w+)|\$\{(\w+)(?::(\w+))?\}|\[\[(\w+)\]\]/g, (whole, a, b, explicit, c) => {
      const v = vars[a ?? b ?? c];
      if (!v) {
        return whole;
      }
      const fmt = explicit ?? format;
      const list = Array.isArray(v.value) ? v.value : [v.value];
      if (typeof fmt === 'function') {
        return fmt(v.value, v);
      }
      if (fmt === 'raw' || fmt === 'csv') {
        return list.join(',');
      }
      if (fmt === 'regex') {
        const escaped = list.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
      }
      return Array.isArray(v.value) ? `{${v.value.join(',')}}` : v.value;
    });
  return { replace } as unknown as TemplateSrv;
}
