import { decodeConnectFlameGraph, decodeConnectFlameGraphDiff } from '../connect';
import { decodeConnectFlameGraphDiffText, decodeConnectFlameGraphText } from '../connectText';
import { ProfileDecodeError } from '../errors';
import type { Profile } from '../profile';

/*
 * The text decoder is tested against the slow, obviously right path: `JSON.parse` and the object decoder.
 */

/** The reference decode: `JSON.parse`, then the object path. */
export function objectDecode(text: string, diff = false): Profile {
  const body: unknown = JSON.parse(text);
  return diff ? decodeConnectFlameGraphDiff(body, 'nanoseconds') : decodeConnectFlameGraph(body, 'nanoseconds');
}

/** The decode under test. */
export function textDecode(text: string, diff = false): Profile {
  return diff ? decodeConnectFlameGraphDiffText(text, 'nanoseconds') : decodeConnectFlameGraphText(text, 'nanoseconds');
}

/** The profile, or what was thrown. */
export function outcome(decode: () => Profile): Profile | Error {
  try {
    return decode();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** Every column, the string table and the unit must be identical (Object.is per value, so -0 counts). */
export function expectSameProfile(actual: Profile, expected: Profile): void {
  expect(actual.names).toEqual(expected.names);
  expect(Array.from(actual.level)).toEqual(Array.from(expected.level));
  expect(Array.from(actual.nameId)).toEqual(Array.from(expected.nameId));
  expect(Array.from(actual.total)).toEqual(Array.from(expected.total));
  expect(Array.from(actual.self)).toEqual(Array.from(expected.self));
  expect(actual.right === undefined).toBe(expected.right === undefined);
  if (actual.right && expected.right) {
    expect(Array.from(actual.right.total)).toEqual(Array.from(expected.right.total));
    expect(Array.from(actual.right.self)).toEqual(Array.from(expected.right.self));
  }
  expect(actual.unit).toBe(expected.unit);
}

/**
 * The text decoder agrees with the reference: where JSON.parse or the object path throws, it throws a
 * ProfileDecodeError (never anything else); otherwise it returns the same profile. Returns the text decoder's outcome.
 */
export function expectAgreesWithObjectPath(text: string, diff = false): Profile | Error {
  const want = outcome(() => objectDecode(text, diff));
  const got = outcome(() => textDecode(text, diff));
  if (want instanceof Error) {
    expect(got).toBeInstanceOf(ProfileDecodeError);
  } else if (got instanceof Error) {
    throw new Error(`text decode failed where the object path succeeded: ${got.message}`, { cause: got });
  } else {
    expectSameProfile(got, want);
  }
  return got;
}
