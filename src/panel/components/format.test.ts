import {
  formatChange,
  formatDuration,
  formatRelativeChange,
  formatShortWindow,
  formatSignedValue,
  formatWindow,
  formatHalfWindow,
} from './format';

const T0 = Date.UTC(2024, 4, 1, 1, 55);

describe('change formatting', () => {
  it.each([
    [100, 300, '+200.00%'],
    [300, 100, '-66.67%'],
    [100, 100, '0.00%'],
    [1e9, 1e9 + 1, '0.00%'],
    [0, 5, 'new'],
    [0, 0, '0.00%'],
  ])('%p → %p is %p', (before, after, text) => {
    expect(formatRelativeChange(before, after)).toBe(text);
  });

  it('signs absolute changes in units', () => {
    expect(formatSignedValue(2e9, 'nanoseconds')).toBe('+2 s');
    expect(formatSignedValue(-3e8, 'nanoseconds')).toBe('-300 ms');
    expect(formatSignedValue(0, 'bytes')).toBe('0 B');
    expect(formatChange(1024, 3072, 'bytes')).toBe('+2 KiB (+200.00%)');
  });
});

describe('window formatting', () => {
  it('writes the date once for a window within a day', () => {
    expect(formatWindow(T0, T0 + 300_000, 'utc')).toBe('2024-05-01 01:55:00 – 02:00:00');
  });

  it('writes both dates across midnight', () => {
    const late = Date.UTC(2024, 4, 1, 23, 58);
    expect(formatWindow(late, late + 300_000, 'utc')).toBe('2024-05-01 23:58:00 – 2024-05-02 00:03:00');
  });

  it('uses the time zone it is given', () => {
    expect(formatShortWindow(T0, T0 + 300_000, 'Europe/Berlin')).toBe('03:55–04:00');
    expect(formatShortWindow(T0 + 30_000, T0 + 300_000, 'utc')).toBe('01:55:30–02:00:00');
  });

  it.each([
    [45_000, '45 s'],
    [300_000, '5 min'],
    [330_000, '5 min 30 s'],
    [5_400_000, '1 h 30 min'],
    [90_061_000, '1 d 1 h 1 min'],
  ])('%p ms lasts %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatHalfWindow', () => {
  it.each([
    [300_000, '±2m30s'],
    [120_000, '±1m'],
    [90_000, '±45s'],
    [7_200_000, '±1h'],
    [1_000, '±500ms'],
  ])('%p ms → %p', (ms, text) => {
    expect(formatHalfWindow(ms)).toBe(text);
  });
});
