import { FilterListSyntaxError } from '../errors';
import { FILTER_PRESETS, presetFilters, type FilterPresetId } from './filterPresets';
import type { FrameFilter, FrameFilterKind, FrameFilterMode } from './frameFilters';
import { formatFrameFilters, parseFrameFilters } from './frameFilterList';

/**
 * What a user adds, sees as one chip and removes: one frame filter, or a whole runtime preset (one chip named after
 * the preset; its patterns are applied as `hide` filters). Saved in the panel option `frameFilters` as a JSON array
 * (`[{ "kind": "hide", "mode": "regex", "pattern": "^runtime\\." }, { "preset": "go" }]`) and written in a query
 * field or URL as the filter list string, a preset as the entry `preset:go`:
 *
 *     preset:go;focus:exact:main.flowAdv
 */
export type FilterEntry = FrameFilter | PresetEntry;

/** A preset as one entry. */
export interface PresetEntry {
  readonly preset: FilterPresetId;
}

export function isPresetEntry(entry: FilterEntry): entry is PresetEntry {
  return 'preset' in entry;
}

const PRESET_PREFIX = 'preset:';
const KINDS: readonly FrameFilterKind[] = ['hide', 'focus', 'ignore'];
const MODES: readonly FrameFilterMode[] = ['regex', 'exact'];

function isPresetId(id: unknown): id is FilterPresetId {
  return FILTER_PRESETS.some((p) => p.id === id);
}

/** The entries as one string: the filter list format, a preset written `preset:<id>`. */
export function formatFilterEntries(entries: readonly FilterEntry[]): string {
  return entries.map((e) => (isPresetEntry(e) ? `${PRESET_PREFIX}${e.preset}` : formatFrameFilters([e]))).join(';');
}

/**
 * Reads a string written by `formatFilterEntries` (or by hand): the entries it could read, in order, and an error
 * per entry it could not (an unknown preset, or an entry the filter list format rejects). Never throws.
 */
export function parseFilterEntries(text: string): { entries: FilterEntry[]; errors: FilterListSyntaxError[] } {
  const entries: FilterEntry[] = [];
  const errors: FilterListSyntaxError[] = [];
  // `;` inside a pattern is always escaped (%3B), so splitting here cuts between entries only.
  // Leading blanks (`preset:go; hide:re:x`) can only precede a kind, so they are dropped.
  text.split(';').forEach((written, index) => {
    const raw = written.trimStart();
    if (raw === '') {
      return;
    }
    if (raw.startsWith(PRESET_PREFIX)) {
      const id = raw.slice(PRESET_PREFIX.length).trim();
      if (isPresetId(id)) {
        entries.push({ preset: id });
      } else {
        const known = FILTER_PRESETS.map((p) => p.id).join(', ');
        errors.push(new FilterListSyntaxError(raw, index, `unknown preset "${id}": expected one of ${known}`));
      }
      return;
    }
    const one = parseFrameFilters(raw);
    entries.push(...one.filters);
    // Re-made with the entry's place in the whole list.
    const prefix = `filter 1 ${JSON.stringify(raw)}: `;
    for (const e of one.errors) {
      const problem = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
      errors.push(new FilterListSyntaxError(raw, index, problem));
    }
  });
  return { entries, errors };
}

/**
 * Reads the saved panel option: an array of entries (the form the panel writes), or a filter list string (a
 * dashboard edited by hand). Entries it cannot read are dropped, so a dashboard from a newer build still loads.
 */
export function readFilterEntries(value: unknown): FilterEntry[] {
  if (typeof value === 'string') {
    return parseFilterEntries(value).entries;
  }
  if (!Array.isArray(value)) {
    return [];
  }
  const out: FilterEntry[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    const raw = item as Record<string, unknown>;
    if ('preset' in raw) {
      if (isPresetId(raw.preset)) {
        out.push({ preset: raw.preset });
      }
      continue;
    }
    const kind = KINDS.find((k) => k === raw.kind);
    const mode = raw.mode === undefined ? 'regex' : MODES.find((m) => m === raw.mode);
    if (kind && mode && typeof raw.pattern === 'string' && raw.pattern !== '') {
      out.push({ kind, mode, pattern: raw.pattern });
    }
  }
  return out;
}

/**
 * The frame filters the entries stand for, in order (a preset's patterns in its place), and for each of them the
 * index of the entry it came from, so an outcome can be shown on its chip.
 */
export function expandFilterEntries(entries: readonly FilterEntry[]): { filters: FrameFilter[]; entryOf: number[] } {
  const filters: FrameFilter[] = [];
  const entryOf: number[] = [];
  entries.forEach((entry, index) => {
    const expanded = isPresetEntry(entry)
      ? presetFilters(
          FILTER_PRESETS.find((p) => p.id === entry.preset) ?? { id: entry.preset, title: '', patterns: [] }
        )
      : [entry];
    for (const f of expanded) {
      filters.push(f);
      entryOf.push(index);
    }
  });
  return { filters, entryOf };
}

/** Whether two entries are the same filter (same kind, mode and pattern, or the same preset). */
export function sameEntry(a: FilterEntry, b: FilterEntry): boolean {
  if (isPresetEntry(a) || isPresetEntry(b)) {
    return isPresetEntry(a) && isPresetEntry(b) && a.preset === b.preset;
  }
  return a.kind === b.kind && a.mode === b.mode && a.pattern === b.pattern;
}
