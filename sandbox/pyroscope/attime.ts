/**
 * Pyroscope's `attime` parser (`pkg/og/util/attime/attime.go`, identical in pyroscope-io 0.37): the `from`/`until`
 * parameters of `/ingest`, `/render` and `/pyroscope/render`. Ported rule for rule, quirks included, so that the
 * test server reads a time exactly as the real servers do:
 * - `_`, `,` and spaces are removed first;
 * - all digits: 8 digits that form a valid date are `YYYYMMDD` (UTC midnight); otherwise Unix time by length —
 *   13 digits are ms, 16 µs, 19 ns, anything else seconds;
 * - otherwise the text before the first `+` (or else the first `-`) is a reference that always means "now" (the
 *   real parser never implemented references), and the rest is an offset such as `-1h30m`: numbers followed by
 *   units `s`, `m`/`min`, `h`, `d`, `w`, `M`/`mon`, `y` (a unit is matched by prefix; an unknown unit counts 0).
 * The result is milliseconds since the epoch (nanosecond inputs lose their sub-millisecond part).
 */

const DIGITS = /^\d+$/;

/** Parses an attime expression; `nowMs` is what "now" means (and what an empty or unknown text yields). */
export function parseAttime(text: string, nowMs: number): number {
  const s = text.trim().replace(/[_, ]/g, '');
  if (DIGITS.test(s)) {
    return parseDigits(s);
  }
  let offset = '';
  const plus = s.indexOf('+');
  const minus = s.indexOf('-');
  if (plus !== -1) {
    offset = s.slice(plus);
  } else if (minus !== -1) {
    offset = s.slice(minus);
  }
  return nowMs + parseOffsetSeconds(offset) * 1000;
}

function parseDigits(s: string): number {
  if (s.length === 8) {
    const date = parseYyyymmdd(s);
    if (date !== undefined) {
      return date;
    }
  }
  // Go's strconv.Atoi saturates at the int64 range on overflow; beyond 2^53 a JS number is already approximate.
  const v = Number(s);
  switch (s.length) {
    case 13:
      return v;
    case 16:
      return Math.floor(v / 1e3);
    case 19:
      return Math.floor(v / 1e6);
    default:
      return v * 1000;
  }
}

/** `time.Parse("20060102", s)` in UTC, with the extra checks of attime (year > 1900). */
function parseYyyymmdd(s: string): number | undefined {
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(4, 6));
  const day = Number(s.slice(6, 8));
  if (year <= 1900 || month < 1 || month > 12 || day < 1) {
    return undefined;
  }
  const ms = Date.UTC(year, month - 1, day);
  // Go rejects day-of-month overflow (20230231); Date.UTC would roll it into March.
  if (new Date(ms).getUTCDate() !== day) {
    return undefined;
  }
  return ms;
}

/** An offset such as `-1h30m` or `+2d` in seconds; an empty offset is 0. */
function parseOffsetSeconds(offset: string): number {
  if (offset === '') {
    return 0;
  }
  let sign = 1;
  let rest = offset;
  if (rest[0] === '-') {
    sign = -1;
    rest = rest.slice(1);
  } else if (rest[0] === '+') {
    rest = rest.slice(1);
  }
  let seconds = 0;
  // Each round eats a run of digits then a run of non-digits, so it always makes progress.
  while (rest !== '') {
    const num = /^\d*/.exec(rest)?.[0] ?? '';
    rest = rest.slice(num.length);
    const unit = /^\D*/.exec(rest)?.[0] ?? '';
    rest = rest.slice(unit.length);
    seconds += (num === '' ? 0 : Number(num)) * sign * unitSeconds(unit);
  }
  return seconds;
}

/** Seconds per unit, matched by prefix in the same order as the Go code (`mon`/`M` before `min`/`m`). */
function unitSeconds(unit: string): number {
  if (unit.startsWith('s')) {
    return 1;
  }
  if (unit.startsWith('mon') || unit.startsWith('M')) {
    return 3600 * 24 * 30;
  }
  if (unit.startsWith('min') || unit.startsWith('m')) {
    return 60;
  }
  if (unit.startsWith('h')) {
    return 3600;
  }
  if (unit.startsWith('d')) {
    return 3600 * 24;
  }
  if (unit.startsWith('w')) {
    return 3600 * 24 * 7;
  }
  if (unit.startsWith('y')) {
    return 3600 * 24 * 365;
  }
  return 0;
}
