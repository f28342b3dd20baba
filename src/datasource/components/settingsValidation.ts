import { rangeUtil } from '@grafana/data';

/** The most nodes a query may ask for by default (the server's own hard limits apply on top). */
export const MAX_NODES_LIMIT = 1_048_576;
/** Requests longer than an hour are a misconfiguration, not a slow server. */
export const TIMEOUT_LIMIT_SEC = 3600;

/**
 * Why `text` is not a usable minimal step, or undefined when it is (empty means the default). The datasource reads the
 * step with `rangeUtil.intervalToSeconds`, which reads only a number and one unit: `1m30s` would silently become 60 s,
 * so only that form is accepted (`isValidTimeSpan` alone also lets `1m30s` and `15 s` through).
 */
export function minStepError(text: string): string | undefined {
  const value = text.trim();
  if (value === '') {
    return undefined;
  }
  if (!/^\d+(ms|s|m|h|d|w|y)?$/.test(value) || !rangeUtil.isValidTimeSpan(value)) {
    return 'A duration such as 15s, 1m or 1h';
  }
  return rangeUtil.intervalToSeconds(value) > 0 ? undefined : 'The step must be longer than zero';
}

/** A positive whole number up to `max`, `undefined` for empty (the default applies), or `null` when invalid. */
export function parsePositiveInt(text: string, max: number): number | undefined | null {
  const value = text.trim();
  if (value === '') {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    return null;
  }
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}
