import { FilterPatternError } from './errors';
import { sampleLocation } from './pprof';
import type { Locations } from './pprofLocations';
import type { NumberList } from './protobuf';
import { compileFrameFilter, type FrameFilter } from './transforms/frameFilters';
import type { StackTreeBuilder } from './treeBuilder';

/**
 * pprof's `-focus`, `-ignore` and `-hide` over the samples of a pprof file, for the per-line reader: the same rules
 * as `applyFrameFilters` on the call tree (docs/frame-filters.md), applied to each sample's frames as pprof's
 * `FilterSamplesByName` applies them to its locations. Patterns are tested against the frame names the flame graph
 * shows (function names), not against file or binary names as pprof also does.
 */

export interface SampleFilter {
  /** Whether the sample with these location ids is kept, and how many frames deciding it took. */
  (locationIds: NumberList, offset: number): { kept: boolean; walked: number };
  /** Whether frame `k` is hidden. */
  hidden(k: number): boolean;
}

const FOCUS = 1;
const IGNORE = 2;
const HIDE = 4;
const KIND_BIT = { focus: FOCUS, ignore: IGNORE, hide: HIDE } as const;

/**
 * The frame filters as a test of samples and frames, or undefined without valid filters (invalid patterns are left
 * out, as `applyFrameFilters` leaves them out). A sample is kept when a frame is focused (any frame without focus
 * filters), none is ignored, and some frame is not hidden.
 */
export function sampleFilter(
  filters: readonly FrameFilter[],
  names: StackTreeBuilder,
  locations: Locations
): SampleFilter | undefined {
  const tests: Array<{ bit: number; test: (name: string) => boolean }> = [];
  for (const filter of filters) {
    const test = compileFrameFilter(filter);
    if (!(test instanceof FilterPatternError)) {
      tests.push({ bit: KIND_BIT[filter.kind], test });
    }
  }
  if (tests.length === 0) {
    return undefined;
  }
  const hasFocus = tests.some((t) => t.bit === FOCUS);
  const frames = locations.frames.values;
  const { frameStart } = locations;
  // Bits of each frame, computed once per name.
  const bitsOfName = new Map<number, number>();
  const frameBits = new Uint8Array(locations.frames.length);
  for (let k = 0; k < locations.frames.length; k++) {
    let bits = bitsOfName.get(frames[k]);
    if (bits === undefined) {
      const name = names.nameOf(frames[k]);
      bits = tests.reduce((b, t) => (t.test(name) ? b | t.bit : b), 0);
      bitsOfName.set(frames[k], bits);
    }
    frameBits[k] = bits;
  }
  const keep = (locationIds: NumberList, offset: number) => {
    let focused = !hasFocus;
    let visible = false;
    let walked = 0;
    for (let i = 0; i < locationIds.length; i++) {
      const l = sampleLocation(locations, locationIds.values[i], offset);
      for (let k = frameStart[l]; k < frameStart[l + 1]; k++) {
        const bits = frameBits[k];
        if (bits & IGNORE) {
          return { kept: false, walked };
        }
        focused ||= (bits & FOCUS) !== 0;
        visible ||= (bits & HIDE) === 0;
      }
      walked += frameStart[l + 1] - frameStart[l];
    }
    return { kept: focused && visible, walked };
  };
  return Object.assign(keep, { hidden: (k: number) => (frameBits[k] & HIDE) !== 0 });
}
