import { dateTimeFormat } from '@grafana/data';

import { formatValue, type ValueUnit } from '../../model/units';

/** A difference with an explicit sign: `+2 s`, `-300 ms`, `0 ns`. */
export function formatSignedValue(delta: number, unit: ValueUnit): string {
  // formatValue already writes the minus sign of negative values.
  return delta > 0 ? `+${formatValue(delta, unit)}` : formatValue(delta, unit);
}

/**
 * Relative change from `baseline` to `comparison`: `+200.00%`, `-50.00%`. A function absent from the baseline has
 * no ratio: it is `new`; absent from both, `0.00%`.
 */
export function formatRelativeChange(baseline: number, comparison: number): string {
  if (!(baseline > 0)) {
    return comparison > 0 ? 'new' : '0.00%';
  }
  const percent = ((comparison - baseline) / baseline) * 100;
  const text = percent.toFixed(2);
  // toFixed rounds tiny changes to "0.00" or "-0.00"; neither deserves a sign.
  if (Number(text) === 0) {
    return '0.00%';
  }
  return percent > 0 ? `+${text}%` : `${text}%`;
}

/** Absolute and relative change, e.g. `+2 s (+200.00%)`. */
export function formatChange(baseline: number, comparison: number, unit: ValueUnit): string {
  return `${formatSignedValue(comparison - baseline, unit)} (${formatRelativeChange(baseline, comparison)})`;
}

const DAY_FORMAT = 'YYYY-MM-DD';
const TIME_FORMAT = 'HH:mm:ss';

/**
 * A time window in the dashboard's time zone: `2024-05-01 01:55:00 – 02:00:00` (the date once when both ends fall
 * on the same day). `timeZone` is Grafana's (`browser`, `utc`, or an IANA name).
 */
export function formatWindow(fromMs: number, toMs: number, timeZone?: string): string {
  const day = (ms: number) => dateTimeFormat(ms, { timeZone, format: DAY_FORMAT });
  const time = (ms: number) => dateTimeFormat(ms, { timeZone, format: TIME_FORMAT });
  const from = `${day(fromMs)} ${time(fromMs)}`;
  const to = day(fromMs) === day(toMs) ? time(toMs) : `${day(toMs)} ${time(toMs)}`;
  return `${from} – ${to}`;
}

/** A short window for legends, `01:55–02:00` (minutes), with seconds only when a boundary has them. */
export function formatShortWindow(fromMs: number, toMs: number, timeZone?: string): string {
  const format = fromMs % 60_000 === 0 && toMs % 60_000 === 0 ? 'HH:mm' : TIME_FORMAT;
  return `${dateTimeFormat(fromMs, { timeZone, format })}–${dateTimeFormat(toMs, { timeZone, format })}`;
}

/** Length of a window in words: `5 min`, `1 h 30 min`, `45 s`. */
export function formatDuration(ms: number): string {
  const totalSec = Math.round(ms / 1000);
  if (totalSec < 60) {
    return `${totalSec} s`;
  }
  const days = Math.floor(totalSec / 86400);
  const hours = Math.floor((totalSec % 86400) / 3600);
  const minutes = Math.floor((totalSec % 3600) / 60);
  const seconds = totalSec % 60;
  const parts: string[] = [];
  if (days > 0) {
    parts.push(`${days} d`);
  }
  if (hours > 0) {
    parts.push(`${hours} h`);
  }
  if (minutes > 0) {
    parts.push(`${minutes} min`);
  }
  // Seconds matter only in windows shorter than an hour.
  if (seconds > 0 && days === 0 && hours === 0) {
    parts.push(`${seconds} s`);
  }
  return parts.join(' ');
}

/** Half a focus window, compact as in a header: `±2m30s`, `±45s`, `±1h`. */
export function formatHalfWindow(windowMs: number): string {
  if (windowMs / 2 < 1000) {
    return `±${Math.round(windowMs / 2)}ms`;
  }
  let s = Math.round(windowMs / 2000);
  let out = '';
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (s >= size) {
      out += `${Math.floor(s / size)}${unit}`;
      s %= size;
    }
  }
  return `±${out}${s > 0 || out === '' ? `${s}s` : ''}`;
}
