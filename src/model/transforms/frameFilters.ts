import { FilterPatternError } from '../errors';
import { compileGoRegexp, quoteMeta } from '../goRegexp';
import { indexOf, type Profile } from '../profile';
import { StackTreeBuilder } from '../treeBuilder';

/**
 * pprof's frame filters — `-hide`, `-focus`, `-ignore` — as a transform of the profile model, with pprof's
 * semantics (github.com/google/pprof `profile/filter.go`, `FilterSamplesByName`; applied by
 * `internal/driver/driver_focus.go`, `applyFocus`). docs/frame-filters.md explains each rule with examples.
 *
 * A filter's pattern is matched against a frame's function name: a regex (Go syntax, unanchored — `MatchString`
 * finds it anywhere in the name; see `goRegexp.ts`) or, in `exact` mode, the whole name.
 * - **focus** keeps only the stacks (samples) with at least one matching frame. The whole stack stays: frames above
 *   and below the match alike.
 * - **ignore** drops every stack with a matching frame.
 * - **hide** removes the matching frames from every stack; their callees move up to the nearest caller left, and a
 *   stack's value stays at its leaf, or moves to the deepest frame left when the leaf is hidden. A stack whose
 *   every frame is hidden is dropped — so hide can lower the total, as it does in pprof (`-hide=runtime` on a Go
 *   CPU profile drops the scheduler's idle stacks).
 * The filters of one list apply together, as one `go tool pprof` command line: the focus patterns are OR-ed (a
 * stack is kept when it matches any of them; pprof's web UI writes `a|b` when you focus on two nodes), so are the
 * ignore and the hide patterns; focus and ignore look at the stack as recorded (a hidden frame still counts for
 * them), then hide removes frames. A stack is kept when it has a focused frame and no ignored one — ignore wins
 * over focus on the same frame. The order of the list is therefore only the order the chips are shown in: every
 * permutation gives the same profile. One list equals `go tool pprof -focus='(?:f1)|(?:f2)' -ignore=… -hide=…`
 * (`pprofFlags`).
 *
 * Recursion needs no special case: a stack is kept or dropped as a whole, and hiding a recursive frame removes
 * each of its occurrences. A diff profile is filtered on both sides at once — each side's values are those of the
 * same stacks, so `filter(merge(a, b))` is `merge(filter(a), filter(b))`.
 *
 * Where we differ from pprof: pprof also matches a pattern against the frame's source file name and its mapping
 * (binary) file, which the model does not carry (servers send function names only), so `-focus=server.go` or
 * `-hide=libc` select by file in pprof and only by function name here. And, as in pprof, a stack with no frames at
 * all (a sample at the root) is dropped by any filter.
 */

export type FrameFilterKind = 'hide' | 'focus' | 'ignore';
export type FrameFilterMode = 'regex' | 'exact';

export interface FrameFilter {
  readonly kind: FrameFilterKind;
  /** A Go regular expression (`regex`), or a whole function name (`exact`). */
  readonly pattern: string;
  readonly mode: FrameFilterMode;
}

/** What became of one filter: it selected some frame, none, or its pattern is invalid (then it was not applied). */
export type FrameFilterOutcome =
  | { readonly status: 'matched' }
  | { readonly status: 'unmatched' }
  | { readonly status: 'invalid'; readonly error: FilterPatternError };

export interface FilteredProfile {
  readonly profile: Profile;
  /** One per input filter, in order. */
  readonly outcomes: readonly FrameFilterOutcome[];
}

/** A compiled filter pattern: whether a function name matches. */
export type NameTest = (name: string) => boolean;

/** Compiles one filter's pattern; an invalid one gives its error (never throws). */
export function compileFrameFilter(filter: FrameFilter): NameTest | FilterPatternError {
  if (filter.pattern === '') {
    return new FilterPatternError('', 'empty pattern', '', 0);
  }
  if (filter.mode === 'exact') {
    const name = filter.pattern;
    return (s) => s === name;
  }
  const re = compileGoRegexp(filter.pattern);
  return re instanceof FilterPatternError ? re : (s) => re.test(s);
}

const FOCUS = 1;
const IGNORE = 2;
const HIDE = 4;
const KIND_BIT: Record<FrameFilterKind, number> = { focus: FOCUS, ignore: IGNORE, hide: HIDE };

/**
 * Applies `filters` to `profile`. Filters with an invalid pattern are reported in `outcomes` and left out; with no
 * valid filter the input profile itself is returned. Each distinct name is tested once per filter; the rest is two
 * linear passes over the nodes and a rebuild of what is kept (siblings come out sorted by name, as every decoder
 * builds them).
 */
export function applyFrameFilters(profile: Profile, filters: readonly FrameFilter[]): FilteredProfile {
  const tests: Array<{ bit: number; test: NameTest; index: number }> = [];
  const outcomes: FrameFilterOutcome[] = filters.map((filter, index) => {
    const compiled = compileFrameFilter(filter);
    if (compiled instanceof FilterPatternError) {
      return { status: 'invalid', error: compiled };
    }
    tests.push({ bit: KIND_BIT[filter.kind], test: compiled, index });
    return { status: 'unmatched' };
  });
  if (tests.length === 0) {
    return { profile, outcomes };
  }

  const n = profile.level.length;
  // What each name is, as a set of FOCUS | IGNORE | HIDE bits; -1 until the name is first met. Pass 1 meets every
  // node, so `matched` ends up true for each filter that matches some frame's name.
  const nameBits = new Int32Array(profile.names.length).fill(-1);
  const matched = new Uint8Array(filters.length);
  let kinds = 0;
  for (const t of tests) {
    kinds |= t.bit;
  }
  const bitsOf = (nameId: number): number => {
    let bits = nameBits[nameId];
    if (bits < 0) {
      bits = 0;
      const name = profile.names[nameId];
      for (const t of tests) {
        if (t.test(name)) {
          bits |= t.bit;
          matched[t.index] = 1;
        }
      }
      nameBits[nameId] = bits;
    }
    return bits;
  };

  // Pass 1, root to leaves: which nodes end a kept stack, and which are hidden.
  // A node's stack is kept when some frame on its path is focused (any frame, without focus filters) and none is
  // ignored, and some frame of it is not hidden. The root is not a frame: a stack ending there is dropped.
  const { parent } = indexOf(profile);
  const focused = new Uint8Array(n);
  const ignored = new Uint8Array(n);
  const visible = new Uint8Array(n); // some frame on the path, this one included, is not hidden
  const hidden = new Uint8Array(n);
  const keptEnd = new Uint8Array(n);
  const right = profile.right;
  for (let i = 1; i < n; i++) {
    const p = parent[i];
    const bits = bitsOf(profile.nameId[i]);
    focused[i] = (kinds & FOCUS) === 0 || bits & FOCUS || focused[p] ? 1 : 0;
    ignored[i] = bits & IGNORE || ignored[p] ? 1 : 0;
    hidden[i] = bits & HIDE ? 1 : 0;
    visible[i] = !hidden[i] || visible[p] ? 1 : 0;
    keptEnd[i] = focused[i] && !ignored[i] && visible[i] ? 1 : 0;
  }

  // Pass 2, leaves to root: which nodes have kept value in their subtree (the others are not rebuilt, so that no
  // empty node appears).
  const needed = new Uint8Array(n);
  for (let i = n - 1; i > 0; i--) {
    if (keptEnd[i] && (profile.self[i] > 0 || (right !== undefined && right.self[i] > 0))) {
      needed[i] = 1;
    }
    if (needed[i]) {
      needed[parent[i]] = 1;
    }
  }

  // Pass 3: rebuild. A hidden node maps to the output node of its nearest visible ancestor.
  const builder = new StackTreeBuilder(right !== undefined);
  const nameMap = new Int32Array(profile.names.length).fill(-1);
  const out = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    if (!needed[i]) {
      continue;
    }
    const up = out[parent[i]];
    if (hidden[i]) {
      out[i] = up;
    } else {
      const id = profile.nameId[i];
      if (nameMap[id] < 0) {
        nameMap[id] = builder.intern(profile.names[id]);
      }
      out[i] = builder.child(up, nameMap[id]);
    }
    if (keptEnd[i]) {
      builder.addSelf(out[i], profile.self[i], 0);
      if (right) {
        builder.addSelf(out[i], right.self[i], 1);
      }
    }
  }

  return {
    profile: builder.build(profile.unit),
    outcomes: outcomes.map((o, k) => (o.status === 'unmatched' && matched[k] ? { status: 'matched' } : o)),
  };
}

/**
 * The Go regular expression `go tool pprof` needs for one filter: the pattern itself, or for an exact name the
 * name quoted and anchored (`^main\.work$`).
 */
export function pprofPattern(filter: FrameFilter): string {
  return filter.mode === 'exact' ? `^${quoteMeta(filter.pattern)}$` : filter.pattern;
}

/**
 * The `go tool pprof` flags that filter as `filters` do (`['-focus=…', '-hide=…']`): several filters of one kind
 * become one alternation. Invalid filters are left out, as `applyFrameFilters` leaves them out.
 */
export function pprofFlags(filters: readonly FrameFilter[]): string[] {
  const flags: string[] = [];
  for (const kind of ['focus', 'ignore', 'hide'] as const) {
    const patterns = filters
      .filter((f) => f.kind === kind && !(compileFrameFilter(f) instanceof FilterPatternError))
      .map(pprofPattern);
    if (patterns.length > 0) {
      flags.push(`-${kind}=${patterns.length === 1 ? patterns[0] : patterns.map((p) => `(?:${p})`).join('|')}`);
    }
  }
  return flags;
}
