import type { TemplateSrv } from '@grafana/runtime';

/**
 * A unit-test template service with dashboard variables: `$name` and `${name}` are replaced, unknown variables stay
 * as written (as Grafana's do). Formats and scoped variables are not modelled.
 */
export function templateSrvWith(values: Record<string, string>): TemplateSrv {
  return {
    replace: (text = '') =>
      text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole: string, a?: string, b?: string) => {
        const name = a ?? b ?? '';
        return name in values ? values[name] : whole;
      }),
  } as unknown as TemplateSrv;
}
