import { OG_SUFFIX_TO_PROFILE_TYPE, ogSuffixForProfileType, profileTypeForOgSuffix, splitOgAppName } from './ogNames';

describe('pyroscope-io name mapping', () => {
  it('maps every documented suffix both ways', () => {
    for (const [suffix, id] of Object.entries(OG_SUFFIX_TO_PROFILE_TYPE)) {
      expect(profileTypeForOgSuffix(suffix)).toBe(id);
      expect(ogSuffixForProfileType(id)).toBe(suffix);
    }
    expect(ogSuffixForProfileType('process_cpu:cpu:nanoseconds:cpu:nanoseconds')).toBe('cpu');
  });

  it('gives unknown suffixes a synthetic id that maps back', () => {
    const id = profileTypeForOgSuffix('itimer', 'samples');
    expect(id).toBe('itimer:itimer:nanoseconds::');
    expect(ogSuffixForProfileType(id)).toBe('itimer');
    expect(ogSuffixForProfileType('process_cpu:samples:count:cpu:nanoseconds')).toBeUndefined();
  });

  it('splits app names at the last dot', () => {
    expect(splitOgAppName('ad-server.cpu')).toEqual({ service: 'ad-server', suffix: 'cpu' });
    expect(splitOgAppName('my.app.inuse_space')).toEqual({ service: 'my.app', suffix: 'inuse_space' });
  });
});
