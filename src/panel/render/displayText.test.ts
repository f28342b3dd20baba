import { HOSTILE_NAMES } from '../../model/testing/hostileNames';
import { displayText } from './displayText';

describe('displayText', () => {
  it('drops the RTL override that made "main.gnp.exe" read as "main.exe.png"', () => {
    expect(displayText(HOSTILE_NAMES.rtlOverride)).toBe('main.gnp.exe.handler');
    expect(displayText('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i')).toBe('abcdefghi');
  });

  it('keeps every other name as it is (the same string)', () => {
    for (const name of Object.values(HOSTILE_NAMES).filter((n) => n !== HOSTILE_NAMES.rtlOverride)) {
      expect(displayText(name)).toBe(name);
    }
    // Marks that only hint a direction (LRM, RLM) cannot reorder text: kept.
    expect(displayText('a\u200Eb\u200Fc')).toBe('a\u200Eb\u200Fc');
  });
});
