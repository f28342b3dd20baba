/**
 * @jest-environment node
 */
import { parseAttime } from './attime';

const NOW = Date.UTC(2024, 4, 17, 12, 0, 0);

describe('parseAttime', () => {
  it.each([
    ['1700000000', 1700000000_000],
    ['1700000000123', 1700000000123],
    ['1700000000123456', 1700000000123],
    ['1700000000123456789', 1700000000123],
    ['20240102', Date.UTC(2024, 0, 2)],
    // Lengths other than 8, 13, 16 and 19 are seconds.
    ['17000000001', 17000000001_000],
    ['42', 42_000],
  ])('reads the digits %s by length', (text, expected) => {
    expect(parseAttime(text, NOW)).toBe(expected);
  });

  it('reads 8 digits that are not a date as seconds', () => {
    expect(parseAttime('20241301', NOW)).toBe(20241301_000);
    expect(parseAttime('20230231', NOW)).toBe(20230231_000);
    expect(parseAttime('18991231', NOW)).toBe(18991231_000);
  });

  it.each([
    ['now', 0],
    ['', 0],
    ['now-1h', -3600],
    ['now-30s', -30],
    ['now-5m', -300],
    ['now-5min', -300],
    ['now-2d', -2 * 86400],
    ['now-1w', -7 * 86400],
    ['now-1M', -30 * 86400],
    ['now-1mon', -30 * 86400],
    ['now-1y', -365 * 86400],
    ['now+15m', 900],
    ['now-1h30m', -5400],
    ['-1h', -3600],
  ])('reads %s relative to now', (text, offsetSec) => {
    expect(parseAttime(text, NOW)).toBe(NOW + offsetSec * 1000);
  });

  it('drops underscores, commas and spaces first', () => {
    expect(parseAttime(' 1_700_000_000 ', NOW)).toBe(1700000000_000);
    expect(parseAttime('now - 1 h', NOW)).toBe(NOW - 3600_000);
  });

  it('treats unknown units and references as the server does: as now, offset 0', () => {
    expect(parseAttime('yesterday', NOW)).toBe(NOW);
    expect(parseAttime('now-3q', NOW)).toBe(NOW);
    expect(parseAttime('2024-05-17', NOW)).toBe(NOW);
  });
});
