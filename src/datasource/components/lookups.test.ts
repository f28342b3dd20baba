import { dateTime } from '@grafana/data';

import { cachedLookup, cachedValue, clearLookupCache, errorMessage, lookupRange } from './lookups';

beforeEach(clearLookupCache);

describe('lookupRange', () => {
  it('widens the range to whole minutes, so a relative range keeps its cache key for a minute', () => {
    const range = { from: dateTime(90_500), to: dateTime(150_100), raw: { from: 'now-1m', to: 'now' } };
    expect(lookupRange(range)).toEqual({ fromMs: 60_000, toMs: 180_000 });
  });

  it('uses the last hour when the editor has no range', () => {
    expect(lookupRange(undefined, 7_200_000)).toEqual({ fromMs: 3_600_000, toMs: 7_200_000 });
  });
});

describe('cachedLookup', () => {
  it('shares one request between callers of the same key', async () => {
    const load = jest.fn(async () => ['a']);
    const [a, b] = await Promise.all([cachedLookup('k', load), cachedLookup('k', load)]);
    expect(a).toEqual(['a']);
    expect(b).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);
    expect(cachedValue('k')).toEqual({ value: ['a'] });
  });

  it('does not keep failures, so the next lookup asks again', async () => {
    const load = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce(['b']);
    await expect(cachedLookup('k', load)).rejects.toThrow('down');
    await expect(cachedLookup('k', load)).resolves.toEqual(['b']);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('errorMessage', () => {
  it('finds the text of whatever was thrown', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage({ status: 502, data: { message: 'Bad Gateway' } })).toBe('Bad Gateway');
    expect(errorMessage('plain')).toBe('plain');
  });
});
