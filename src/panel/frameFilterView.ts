import type { FilterPatternError } from '../model/errors';
import { isDiff, rootTotal, type Profile } from '../model/profile';
import { FILTER_PRESETS } from '../model/transforms/filterPresets';
import { expandFilterEntries, isPresetEntry, type FilterEntry } from '../model/transforms/filterEntries';
import { applyFrameFilters, type FrameFilter } from '../model/transforms/frameFilters';
import { formatValue } from '../model/units';

/**
 * How the panel derives what it shows from the profile it read and the active frame filters, and what it says about
 * them: one chip per entry with its outcome, how much of the total is left, and, when nothing is left, which filter
 * did it. Pure: the shell memoises it per profile and filter list, so a hover, a focus click or a search never runs
 * the filters again.
 */

/** Where an active filter comes from: the panel's own options (chip edits), or the query's `frameFilters` field. */
export type FilterSource = 'panel' | 'query';

export interface ActiveFilter {
  readonly entry: FilterEntry;
  readonly source: FilterSource;
}

/** One chip: its entry and what became of it. */
export interface FilterChip extends ActiveFilter {
  /** `matched` once some frame matched; `unmatched`: it selected nothing (pprof warns so); `invalid`: not applied. */
  readonly status: 'matched' | 'unmatched' | 'invalid';
  /** Why the pattern was rejected (status `invalid`). */
  readonly error?: FilterPatternError;
}

export interface FilterView {
  /** The profile every view shows: the input after the valid filters (the input itself without any). */
  readonly profile: Profile;
  /** The frame filters applied, presets expanded, invalid ones included (the model leaves those out). */
  readonly filters: readonly FrameFilter[];
  readonly chips: readonly FilterChip[];
  /** When the filters leave nothing: a sentence naming the filter that did it. */
  readonly emptiedBy?: string;
}

/** Applies the active filters to `profile` (see the module comment). */
export function deriveFilterView(profile: Profile, active: readonly ActiveFilter[]): FilterView {
  const { filters, entryOf } = expandFilterEntries(active.map((a) => a.entry));
  if (filters.length === 0) {
    return { profile, filters, chips: [] };
  }
  const result = applyFrameFilters(profile, filters);
  const chips = active.map((a, index): FilterChip => {
    const outcomes = result.outcomes.filter((_, k) => entryOf[k] === index);
    const invalid = outcomes.find((o) => o.status === 'invalid');
    if (invalid && invalid.status === 'invalid') {
      return { ...a, status: 'invalid', error: invalid.error };
    }
    return { ...a, status: outcomes.some((o) => o.status === 'matched') ? 'matched' : 'unmatched' };
  });
  const view: FilterView = { profile: result.profile, filters, chips };
  return isEmpty(result.profile) && !isEmpty(profile) ? { ...view, emptiedBy: whoEmptied(profile, chips) } : view;
}

function isEmpty(p: Profile): boolean {
  return !(rootTotal(p) > 0) && !(p.right !== undefined && p.right.total[0] > 0);
}

/**
 * Which filter left nothing: a focus that matched no frame (pprof: "matched no samples"), else the last filter (the
 * one most likely just added) without which something is left, else all of them together. Runs only when the view
 * is empty.
 */
function whoEmptied(profile: Profile, chips: readonly FilterChip[]): string {
  const valid = chips.filter((c) => c.status !== 'invalid');
  const focus = valid.filter((c) => !isPresetEntry(c.entry) && c.entry.kind === 'focus');
  if (focus.length > 0 && focus.every((c) => c.status === 'unmatched')) {
    return `${focus.map((c) => chipLabel(c.entry)).join(', ')} matched no frame, so no stack is kept.`;
  }
  for (const chip of [...valid].reverse()) {
    const others = valid.filter((c) => c !== chip).map((c) => c.entry);
    if (!isEmpty(applyFrameFilters(profile, expandFilterEntries(others).filters).profile)) {
      return `${chipLabel(chip.entry)} removes every stack that the other filters leave.`;
    }
  }
  return 'Together, the filters remove every stack.';
}

/** A chip's words: `hide ^runtime\.`, `focus = main.work` (exact), `hide preset Go runtime and scheduler`. */
export function chipLabel(entry: FilterEntry): string {
  if (isPresetEntry(entry)) {
    return `hide preset ${presetTitle(entry.preset)}`;
  }
  return `${entry.kind} ${entry.mode === 'exact' ? '= ' : ''}${entry.pattern}`;
}

export function presetTitle(id: string): string {
  return FILTER_PRESETS.find((p) => p.id === id)?.title ?? id;
}

/**
 * What the filters left of the total, as pprof puts it ("Showing nodes accounting for 10ms, 2.13% of 470ms total":
 * pprof's percentages are of the total before filtering): `showing 10 ms of 470 ms (2.13%)`. A diff says it per
 * side. Undefined without filters.
 */
export function filterSummary(input: Profile, view: FilterView): string | undefined {
  if (view.filters.length === 0) {
    return undefined;
  }
  const side = (shown: number, of: number) =>
    `${formatValue(shown, input.unit)} of ${formatValue(of, input.unit)} (${percent(shown, of)})`;
  if (isDiff(input) && input.right) {
    const right = view.profile.right?.total[0] ?? 0;
    return `showing baseline ${side(rootTotal(view.profile), rootTotal(input))}, comparison ${side(
      right,
      input.right.total[0]
    )}`;
  }
  return `showing ${side(rootTotal(view.profile), rootTotal(input))}`;
}

function percent(part: number, whole: number): string {
  if (!(whole > 0)) {
    return '0%';
  }
  const p = (part / whole) * 100;
  return `${p === 100 || p === 0 ? p.toFixed(0) : p.toFixed(2)}%`;
}
