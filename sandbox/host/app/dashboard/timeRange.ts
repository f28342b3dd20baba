/**
 * The dashboard time range in the URL, as Grafana reads and writes it: `from`/`to` are relative expressions
 * (`now-30m`, `now/d`) or absolute times in epoch milliseconds (ISO dates and `YYYYMMDD[THHmmss]` are read too);
 * without them the dashboard's own `time` applies, else the last 6 hours. Zoom out and shift follow Grafana's rules.
 */
import {
  ISO_8601,
  dateMath,
  dateTime,
  dateTimeForTimeZone,
  toURLRange,
  toUtc,
  type AbsoluteTimeRange,
  type DateTime,
  type RawTimeRange,
  type TimeRange,
  type TimeZone,
} from '@grafana/data';
import { config, locationService } from '@grafana/runtime';

import { getLoadedDashboard } from './store';

/** Grafana's default dashboard range. */
export const DEFAULT_RAW_RANGE: RawTimeRange = { from: 'now-6h', to: 'now' };

/** The range of the current URL: `from`/`to`, else the current dashboard's default, else the last 6 hours. */
export function timeRangeFromUrl(): TimeRange {
  const search = locationService.getSearch();
  const dashboard = dashboardOfPath(locationService.getLocation().pathname);
  const defaults = dashboard?.time ?? DEFAULT_RAW_RANGE;
  const timeZone = search.get('timezone') ?? dashboard?.timezone ?? config.bootData.user?.timezone ?? 'browser';
  return toTimeRange(rawTimeRangeFromSearch(search, defaults), timeZone);
}

function dashboardOfPath(pathname: string) {
  const match = /^\/d\/([^/]+)/.exec(pathname);
  return match ? getLoadedDashboard(decodeURIComponent(match[1]))?.dashboard : undefined;
}

/** The raw range of a URL query: values as written, absolute ones parsed to DateTime. */
export function rawTimeRangeFromSearch(search: URLSearchParams, defaults: RawTimeRange): RawTimeRange {
  const from = search.get('from');
  const to = search.get('to');
  return {
    from: from ? (parseUrlTime(from) ?? defaults.from) : defaults.from,
    to: to ? (parseUrlTime(to) ?? defaults.to) : defaults.to,
  };
}

/** One URL time value: a relative expression stays a string, an absolute one becomes a DateTime. */
export function parseUrlTime(value: string): string | DateTime | undefined {
  const text = value.trim();
  if (text.startsWith('now')) {
    return dateMath.isValid(text) ? text : undefined;
  }
  if (/^\d{8}(T\d{6})?$/.test(text)) {
    // Grafana's compact format, read as UTC.
    const parsed = toUtc(text, text.length === 8 ? 'YYYYMMDD' : 'YYYYMMDDTHHmmss');
    return parsed.isValid() ? parsed : undefined;
  }
  if (/^-?\d+$/.test(text)) {
    return dateTime(parseInt(text, 10));
  }
  const iso = dateTime(text, ISO_8601);
  return iso.isValid() ? iso : undefined;
}

/** Evaluates a raw range now (both ends against the same current time) in a time zone. */
export function toTimeRange(raw: RawTimeRange, timeZone: TimeZone = 'browser', nowMs = Date.now()): TimeRange {
  const from = dateMath.toDateTime(raw.from, { roundUp: false, timezone: timeZone, now: nowMs });
  const to = dateMath.toDateTime(raw.to, { roundUp: true, timezone: timeZone, now: nowMs });
  const now = dateTimeForTimeZone(timeZone, nowMs);
  return { from: from ?? now, to: to ?? now, raw };
}

/** `from`/`to` as written in the URL: relative strings as they are, absolute times in epoch ms. */
export function urlTimeParams(raw: RawTimeRange): { from: string; to: string } {
  const { from, to } = toURLRange(raw);
  return { from: String(from), to: String(to) };
}

/** An absolute range (a drag on a graph) as the raw range Grafana stores. */
export function absoluteRaw(range: AbsoluteTimeRange): RawTimeRange {
  return { from: dateTime(Math.round(range.from)), to: dateTime(Math.round(range.to)) };
}

/** Grafana's zoom out: the same centre, `factor` times the span. */
export function zoomedOut(range: TimeRange, factor = 2): AbsoluteTimeRange {
  const span = range.to.valueOf() - range.from.valueOf();
  const centre = range.to.valueOf() - span / 2;
  return { from: Math.round(centre - (span * factor) / 2), to: Math.round(centre + (span * factor) / 2) };
}

/**
 * Grafana's shift by half the span: backward (-1) or forward (1). A forward move that would pass now ends at now
 * and keeps the start, as Grafana does.
 */
export function shifted(range: TimeRange, direction: -1 | 1, nowMs = Date.now()): AbsoluteTimeRange {
  const fromMs = range.from.valueOf();
  const toMs = range.to.valueOf();
  const half = (toMs - fromMs) / 2;
  if (direction === -1) {
    return { from: fromMs - half, to: toMs - half };
  }
  if (toMs + half > nowMs && toMs < nowMs) {
    return { from: fromMs, to: nowMs };
  }
  return { from: fromMs + half, to: toMs + half };
}
