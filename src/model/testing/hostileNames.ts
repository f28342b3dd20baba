import fc from 'fast-check';

/**
 * Function names a server (or a user building frames by hand) could send that break careless text handling: huge,
 * multi-line, bidi overrides, invisible and combining characters, astral emoji, lone surrogates and markup.
 */
export const HOSTILE_NAMES = {
  huge: `pkg.${'a'.repeat(100 * 1024)}.End`,
  newlines: 'first line\nsecond line\r\nthird\u2028fourth',
  rtlOverride: 'main.\u202Egnp.exe\u202C.handler',
  zeroWidth: '\u200B\u200C\u200D\uFEFF\u2060main.zero',
  combining:
    'Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334\u0319\u0324\u031E\u0349\u035A\u032F\u031E\u0320\u034D',
  emoji: '🔥👩‍👩‍👧‍👦.render🏳️‍🌈',
  loneHigh: 'lone\uD83Dhigh',
  loneLow: 'lone\uDE00low',
  html: '<img src=x onerror=alert(1)>',
  script: '</div><script>alert(1)</script>',
  empty: '',
} as const;

/** Any of `HOSTILE_NAMES`, or a random string of random UTF-16 units (lone surrogates included). */
export function arbitraryHostileName(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...Object.values(HOSTILE_NAMES)),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 })
  );
}
