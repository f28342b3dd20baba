import fc from 'fast-check';

import { formatMoment, momentParam, parseMoment } from './moment';

const AT = Date.UTC(2026, 11, 6, 23, 50, 1);

describe('parseMoment', () => {
  it.each([
    ['2026-12-06T23:50:01Z', AT],
    ['2026-12-06T23:50:01.978Z', AT + 978],
    ['2026-12-06t23:50:01z', AT],
    ['2026-12-06 23:50:01Z', AT],
    ['2026-12-06T23:50Z', AT - 1000],
    ['2026-12-07T00:50:01+01:00', AT],
    ['2026-12-06T18:20:01-0530', AT],
    // A `+` left unencoded in a URL arrives as a space.
    ['2026-12-07T00:50:01 01:00', AT],
    ['  2026-12-06T23:50:01Z  ', AT],
    [String(AT), AT],
    [String(AT / 1000), AT],
    [`${AT / 1000}.5`, AT + 500],
  ])('reads %p', (text, ms) => {
    expect(parseMoment(text)).toEqual({ ms });
  });

  it.each([
    ['', 'it is empty'],
    ['yesterday', 'it is not a time'],
    ['2026-12-06T23:50:01', 'it has no time zone: end it with Z for UTC or an offset such as +01:00'],
    ['2026-12-06', 'it has no time zone: end it with Z for UTC or an offset such as +01:00'],
    ['2026-13-06T23:50:01Z', 'it is not a time'],
    ['2026-02-30T23:50:01Z', 'it is not a time'],
    ['2026-12-06T24:50:01Z', 'it is not a time'],
    ['2026-12-06T23:50:01+25:00', 'its offset +25:00 is not a time zone offset'],
    ['1969-12-31T23:59:59Z', 'it is before 1970'],
    ['1970-01-01T00:30:00+01:00', 'it is before 1970'],
    ['-1796601001978', 'it is negative'],
    ['-5', 'it is negative'],
    ['5', 'it is too small for a time: seconds since the epoch have 10 digits, milliseconds 13'],
    ['999999999', 'it is too small for a time: seconds since the epoch have 10 digits, milliseconds 13'],
    ['99999999999999999999', 'it is beyond the year 9999'],
    ['1e400', 'it is not a time'],
    ['NaN', 'it is not a time'],
    ['Infinity', 'it is not a time'],
    ['0x1700000000', 'it is not a time'],
    ['2026-12-06T23:50:01Z<script>', 'it is not a time'],
  ])('refuses %p: %s', (text, error) => {
    expect(parseMoment(text)).toEqual({ error });
  });

  it('reads back what momentParam writes, for any moment from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1e9, max: 253_402_300_799_999 }), (ms) => {
        expect(parseMoment(momentParam(ms))).toEqual({ ms });
      })
    );
  });

  it('never throws and reads only moments from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseMoment(text);
        if ('ms' in r) {
          expect(r.ms).toBeGreaterThanOrEqual(0);
          expect(r.ms).toBeLessThanOrEqual(253_402_300_799_999);
        } else {
          expect(r.error).toMatch(/^it /);
        }
      })
    );
  });
});

describe('momentParam', () => {
  it('writes ISO-8601 in UTC, with milliseconds only when there are some', () => {
    expect(momentParam(AT)).toBe('2026-12-06T23:50:01Z');
    expect(momentParam(AT + 978)).toBe('2026-12-06T23:50:01.978Z');
  });
});

describe('formatMoment', () => {
  it('writes the date and the time in the dashboard time zone', () => {
    expect(formatMoment(AT, 'utc')).toBe('2026-12-06 23:50:01');
    expect(formatMoment(AT, 'Europe/Berlin')).toBe('2026-12-07 00:50:01');
    expect(formatMoment(AT, 'America/New_York')).toBe('2026-12-06 18:50:01');
    // Midnight is 00, never 24.
    expect(formatMoment(Date.UTC(2026, 11, 7, 0, 0, 0), 'UTC')).toBe('2026-12-07 00:00:00');
  });

  it("uses the browser's zone for browser, default, empty and unknown zones", () => {
    const local = formatMoment(AT, undefined);
    expect(local).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    for (const zone of ['browser', 'default', '', 'Not/AZone']) {
      expect(formatMoment(AT, zone)).toBe(local);
    }
  });
});
