/**
 * A moment in time as the datasource reads it from a dashboard variable and as the plugins write it: one parser, one
 * form for URLs (`2026-12-06T23:50:01Z`) and one form for people (`2026-12-06 23:50:01` in the dashboard's time zone),
 * shared by the datasource and the panel. No Grafana runtime: time zones go through `Intl`.
 */

/** Latest moment ISO-8601 with a four-digit year can write (9999-12-31T23:59:59.999Z). */
const LAST_MS = 253_402_300_799_999;
/**
 * Digits below this are no moment: as seconds they are before 2001-09-09, as milliseconds in January 1970; no
 * profile is that old, and a wrong unit would silently pick the other.
 */
const SMALLEST_EPOCH = 1e9;
/** Digits from here on are milliseconds (1973-03-03 and later); below, seconds (up to the year 5138). */
const MS_FROM = 1e11;

/** What `parseMoment` read: the moment in ms since the epoch, or why the text is no moment. */
export type MomentReading = { ms: number } | { error: string };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+\- ])(\d{2}):?(\d{2}))$/i;
/** ISO-8601 without a zone: a date, or a date and a time. */
const WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?$/i;

/**
 * Reads a moment: ISO-8601 with a time zone (`2026-12-06T23:50:01Z`, `2026-12-06T23:50:01.978Z`,
 * `2026-12-07T00:50:01+01:00`), milliseconds since the epoch (13 digits, what `${__value.time}` gives) or seconds
 * (10 digits, what Unix tools give). An ISO time without a zone is refused (it would mean a different moment in each
 * viewer's browser), and so are negative numbers and numbers too small to be either unit.
 *
 * A space where the offset's sign should be is read as `+`: a `+` left unencoded in a URL arrives as a space.
 */
export function parseMoment(input: string): MomentReading {
  const text = input.trim();
  if (text === '') {
    return { error: 'it is empty' };
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) {
    return epoch(text);
  }
  const m = ISO.exec(text);
  if (!m) {
    if (WITHOUT_ZONE.test(text)) {
      return { error: 'it has no time zone: end it with Z for UTC or an offset such as +01:00' };
    }
    return { error: 'it is not a time' };
  }
  const [, y, mo, d, h, mi, s = '0', frac = '', z, sign, oh, om] = m;
  const parts = [y, mo, d, h, mi, s].map(Number);
  const fractionMs = frac === '' ? 0 : Number(`0.${frac}`) * 1000;
  const utc = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  // Date.UTC rolls over (month 13, day 32, hour 25); a moment it had to roll over is no moment.
  const check = new Date(utc);
  const same =
    check.getUTCFullYear() === parts[0] &&
    check.getUTCMonth() === parts[1] - 1 &&
    check.getUTCDate() === parts[2] &&
    check.getUTCHours() === parts[3] &&
    check.getUTCMinutes() === parts[4] &&
    check.getUTCSeconds() === parts[5];
  if (parts[0] < 1970) {
    return { error: 'it is before 1970' };
  }
  if (!same) {
    return { error: 'it is not a time' };
  }
  let offsetMin = 0;
  if (!z) {
    const hours = Number(oh);
    const minutes = Number(om);
    if (hours > 23 || minutes > 59) {
      return { error: `its offset ${sign.trim() || '+'}${oh}:${om} is not a time zone offset` };
    }
    offsetMin = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return inRange(Math.round(utc + fractionMs - offsetMin * 60_000));
}

function epoch(text: string): MomentReading {
  const n = Number(text);
  if (n < 0 || text.startsWith('-')) {
    return { error: 'it is negative' };
  }
  if (n < SMALLEST_EPOCH) {
    return { error: 'it is too small for a time: seconds since the epoch have 10 digits, milliseconds 13' };
  }
  return inRange(Math.round(n < MS_FROM ? n * 1000 : n));
}

function inRange(ms: number): MomentReading {
  if (!Number.isFinite(ms) || ms > LAST_MS) {
    return { error: 'it is beyond the year 9999' };
  }
  return ms < 0 ? { error: 'it is before 1970' } : { ms };
}

/**
 * The form links write into a URL and a variable: ISO-8601 in UTC (`2026-12-06T23:50:01Z`, with milliseconds only
 * when the moment has them). Readable in the variable box, the same moment in every time zone, and free of `+`, which
 * a URL would turn into a space.
 */
export function momentParam(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * A moment for people: `2026-12-06 23:50:01` in the dashboard's time zone, always with the date, whatever shows it.
 * `timeZone` is Grafana's: `browser` (or empty, `default`) for the browser's own zone, `utc`, or an IANA name; an
 * unknown name falls back to the browser's zone.
 */
export function formatMoment(ms: number, timeZone?: string): string {
  const parts = partsIn(ms, zoneOf(timeZone));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

function zoneOf(timeZone: string | undefined): string | undefined {
  const zone = (timeZone ?? '').trim();
  if (zone === '' || zone === 'browser' || zone === 'default') {
    return undefined;
  }
  return zone.toLowerCase() === 'utc' ? 'UTC' : zone;
}

function partsIn(ms: number, timeZone: string | undefined): Intl.DateTimeFormatPart[] {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone }).formatToParts(ms);
  } catch {
    // An IANA name this browser does not know.
    return new Intl.DateTimeFormat('en-US', options).formatToParts(ms);
  }
}
