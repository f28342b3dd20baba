/**
 * Option lists of dashboard variables, by Grafana's rules: custom variables' `a, b, key : value` lists, interval
 * lists, and query results filtered by the variable's regex (named groups `text`/`value` or the first capture
 * group), de-duplicated by value and sorted by the variable's sort order.
 */
import { sortBy } from 'lodash';
import { stringToJsRegex, type MetricFindValue } from '@grafana/data';

/** One choice of a variable. */
export interface VariableOptionValue {
  label: string;
  value: string;
}

/** `a, b\, c, key : value` → options (commas escaped with a backslash stay in the value). */
export function customOptions(query: string): VariableOptionValue[] {
  const items = query.match(/(?:\\,|[^,])+/g) ?? [];
  return items
    .map((item) => item.replace(/\\,/g, ','))
    .map((item) => {
      const pair = /^\s*(.+)\s:\s(.+)$/.exec(item);
      if (pair) {
        return { label: pair[1].trim(), value: pair[2].trim() };
      }
      return { label: item.trim(), value: item.trim() };
    })
    .filter((o) => o.value !== '' || o.label !== '');
}

/** The value an interval variable's "Auto" option has (scenes' id). */
export const AUTO_INTERVAL_VALUE = '$__auto';

/** `1m,10m,1h` → options, with "Auto" first when enabled. */
export function intervalOptions(query: string, auto: boolean): VariableOptionValue[] {
  const options = query
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((value) => ({ label: value, value }));
  return auto ? [{ label: 'Auto', value: AUTO_INTERVAL_VALUE }, ...options] : options;
}

/** Query results → options: regex filter/extraction on the value (or text), de-duplication, sort. */
export function queryOptions(
  values: MetricFindValue[],
  regex: string | undefined,
  sort: number | undefined,
  applyRegexTo: 'value' | 'text' = 'value'
): VariableOptionValue[] {
  const pattern = regex ? stringToJsRegex(regex) : undefined;
  const out: VariableOptionValue[] = [];
  for (const item of values) {
    let text = String(item.text ?? item.value ?? '');
    let value = String(item.value ?? item.text ?? '');
    if (pattern) {
      const subject = applyRegexTo === 'text' ? text : value;
      const matches = allMatches(subject, pattern);
      if (matches.length === 0) {
        continue;
      }
      const valueGroup = matches.find((m) => m.groups?.value);
      const textGroup = matches.find((m) => m.groups?.text);
      const firstMatch = matches.find((m) => m.length > 1);
      if (valueGroup || textGroup) {
        value = valueGroup?.groups?.value ?? textGroup?.groups?.text ?? value;
        text = textGroup?.groups?.text ?? valueGroup?.groups?.value ?? text;
      } else if (matches.length > 1 && firstMatch) {
        for (const m of matches) {
          out.push({ label: m[1], value: m[1] });
        }
        continue;
      } else if (firstMatch) {
        text = firstMatch[1];
        value = firstMatch[1];
      }
    }
    out.push({ label: text, value });
  }
  const seen = new Set<string>();
  const unique = out.filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
  return sortOptions(unique, sort ?? 0);
}

function allMatches(text: string, regex: RegExp): RegExpExecArray[] {
  if (!regex.global) {
    const m = regex.exec(text);
    return m ? [m] : [];
  }
  const result: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(text)) !== null) {
    result.push(m);
    if (m[0] === '') {
      regex.lastIndex++;
    }
  }
  return result;
}

/** Grafana's VariableSort: 1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive, 7/8 natural (asc/desc). */
export function sortOptions(options: VariableOptionValue[], sort: number): VariableOptionValue[] {
  const byNumber = (o: VariableOptionValue) => {
    const m = /.*?(\d+).*/.exec(o.label);
    return m ? parseInt(m[1], 10) : -1;
  };
  const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  switch (sort) {
    case 1:
      return sortBy(options, 'label');
    case 2:
      return sortBy(options, 'label').reverse();
    case 3:
      return sortBy(options, byNumber);
    case 4:
      return sortBy(options, byNumber).reverse();
    case 5:
      return sortBy(options, (o) => o.label.toLowerCase());
    case 6:
      return sortBy(options, (o) => o.label.toLowerCase()).reverse();
    case 7:
      return [...options].sort((a, b) => natural.compare(a.label, b.label));
    case 8:
      return [...options].sort((a, b) => natural.compare(b.label, a.label));
    default:
      return options;
  }
}
