import * as fs from 'fs';
import * as path from 'path';

import fc from 'fast-check';
import { gunzipSync } from 'fflate';

import { ProfileDecodeError } from './errors';
import { decodePprof } from './pprof';
import { checkProfile } from './profile';
import { buildPprof } from './testing/pprofBuilder';

/**
 * Hostile and damaged input: every failure must be a `ProfileDecodeError` that says what is wrong, never a hang,
 * a RangeError from a typed array, or a profile that breaks the model invariants.
 */

const gzipped = new Uint8Array(fs.readFileSync(path.join(__dirname, '../../fixtures/pprof/go-cpu.pb.gz')));
const raw = gunzipSync(gzipped);

/** 'ok' for a valid profile, the error message for a ProfileDecodeError; anything else fails the test. */
function outcome(bytes: Uint8Array): string {
  try {
    const { profile } = decodePprof(bytes);
    const problems = checkProfile(profile);
    if (problems.length > 0) {
      throw new Error(`invalid profile decoded: ${problems.join('; ')}`);
    }
    return 'ok';
  } catch (e) {
    if (e instanceof ProfileDecodeError) {
      return e.message;
    }
    throw e;
  }
}

describe('decodePprof on damaged input', () => {
  it('rejects every truncation of a gzipped profile', () => {
    for (let length = 0; length < gzipped.length; length++) {
      expect(outcome(gzipped.subarray(0, length))).not.toBe('ok');
    }
    expect(outcome(gzipped.subarray(0, 600))).toMatch(/^pprof profile: gzip data is corrupt or truncated: /);
  });

  it('rejects or cleanly decodes every truncation of a raw profile', () => {
    // A cut at a field boundary is a shorter but valid message (fewer strings or samples), so not every cut fails.
    let failures = 0;
    for (let length = 0; length < raw.length; length++) {
      failures += outcome(raw.subarray(0, length)) === 'ok' ? 0 : 1;
    }
    expect(failures).toBeGreaterThan(raw.length * 0.9);
    expect(outcome(raw.subarray(0, 100))).toMatch(/runs past the end/);
  });

  it('rejects a varint that never ends or overruns the input', () => {
    const timeNanosKey = (9 << 3) | 0;
    expect(outcome(new Uint8Array([timeNanosKey, ...new Array(11).fill(0xff)]))).toMatch(
      /varint longer than 10 bytes \(offset 1\)/
    );
    expect(outcome(new Uint8Array([timeNanosKey, 0xff, 0xff]))).toMatch(/varint runs past the end/);
    const sampleKey = (2 << 3) | 2;
    expect(outcome(new Uint8Array([sampleKey, 100, 1, 2, 3]))).toMatch(/length 100 runs past the end/);
  });

  it('rejects known fields with the wrong wire type, and groups', () => {
    expect(outcome(new Uint8Array([(2 << 3) | 0, 1]))).toMatch(/field sample has wire type 0, expected 2/);
    expect(outcome(new Uint8Array([(15 << 3) | 3]))).toMatch(/unsupported wire type 3/);
  });

  it('rejects gzip magic followed by garbage', () => {
    const fake = new Uint8Array(64).fill(0x5a);
    fake.set([0x1f, 0x8b, 8, 0]);
    expect(outcome(fake)).toMatch(/gzip data is corrupt or truncated/);
  });

  it('names the available sample types for an unknown one', () => {
    expect(() => decodePprof(gzipped, { sampleType: 'alloc_space' })).toThrow(
      new ProfileDecodeError(
        'pprof',
        'no sample type "alloc_space"; available: 0: samples (count), 1: cpu (nanoseconds)',
        { field: 'sample_type' }
      )
    );
  });

  it('stops at the node and frame limits instead of running away', () => {
    expect(() => decodePprof(gzipped, { maxNodes: 10 })).toThrow(/expands to more than 10 nodes; it is too large/);
    expect(() => decodePprof(gzipped, { maxFrames: 50 })).toThrow(/expands to more than 50 frames/);
    // 40 KB that would walk 4000 inlined lines for each of 4000 samples: 16M frames.
    const functionIds = Array.from({ length: 4000 }, (_, i) => (i % 2) + 1);
    const bomb = buildPprof({
      sampleTypes: [['cpu', 'nanoseconds']],
      functions: [
        { id: 1, name: 'f' },
        { id: 2, name: 'g' },
      ],
      locations: [{ id: 1, functionIds }],
      samples: Array.from({ length: 4000 }, () => ({ locationIds: [1], values: [1] })),
    });
    expect(() => decodePprof(bomb, { maxFrames: 1e6 })).toThrow(ProfileDecodeError);
  });

  it('survives random garbage (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        outcome(bytes);
      }),
      { numRuns: 2000 }
    );
  });

  it('survives random byte changes in a real profile (property)', () => {
    const edit = fc.tuple(fc.nat(raw.length - 1), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const bytes = raw.slice();
        edits.forEach(([at, value]) => (bytes[at] = value));
        outcome(bytes);
      }),
      { numRuns: 1000 }
    );
  });
});
