import type { TemplateSrv } from '@grafana/runtime';

/**
 * A unit-test template service with dashboard variables: `$name`, `${name}` and `${name:queryparam}` (as
 * `var-name=value`, the format annotation links use) are replaced, unknown variables stay as written (as Grafana's
 * do). Other formats and scoped variables are not modelled.
 */
export function templateSrvWith(values: Record<string, string>): TemplateSrv {
  return {
    replace: (text = '') =>
      text.replace(/\$\{(\w+)(?::(\w+))?\}|\$(\w+)/g, (whole: string, a?: string, format?: string, b?: string) => {
        const name = a ?? b ?? '';
        if (!(name in values)) {
          return whole;
        }
        return format === 'queryparam' ? `var-${name}=${encodeURIComponent(values[name])}` : values[name];
      }),
  } as unknown as TemplateSrv;
}
