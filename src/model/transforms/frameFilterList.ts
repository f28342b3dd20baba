import { FilterListSyntaxError } from '../errors';
import type { FrameFilter, FrameFilterKind, FrameFilterMode } from './frameFilters';

/**
 * A filter list as one short string, for a URL or a query field:
 *
 *     hide:re:^runtime\.;focus:exact:main.flowAdv
 *
 * Entries are `kind:mode:pattern`, joined by `;`: kind is `hide`, `focus` or `ignore`; mode is `re` (a Go regular
 * expression) or `exact` (a whole function name). In the pattern, and only there, `%` and `;` are written `%25`
 * and `%3B`, so any pattern — one with `;`, `%`, `:`, newlines or any Unicode — comes back unchanged
 * (`parseFrameFilters(formatFrameFilters(list))` is `list`); everything else stays as typed, so a regex reads as
 * written. Reading also accepts other `%XX` escapes (UTF-8, as in a URL) and the mode spelled `regex`; empty
 * entries (a trailing `;`) are skipped.
 */

const MODE_CODES: Record<FrameFilterMode, string> = { regex: 're', exact: 'exact' };
const MODES: Record<string, FrameFilterMode> = { re: 'regex', regex: 'regex', exact: 'exact' };
const KINDS: ReadonlySet<string> = new Set<FrameFilterKind>(['hide', 'focus', 'ignore']);

/** The list as a string (see the module comment). */
export function formatFrameFilters(filters: readonly FrameFilter[]): string {
  return filters.map((f) => `${f.kind}:${MODE_CODES[f.mode]}:${escapePattern(f.pattern)}`).join(';');
}

/** Reads a list written by `formatFrameFilters` (or by hand): the entries it could read, and an error per other. */
export function parseFrameFilters(text: string): { filters: FrameFilter[]; errors: FilterListSyntaxError[] } {
  const filters: FrameFilter[] = [];
  const errors: FilterListSyntaxError[] = [];
  if (text === '') {
    return { filters, errors };
  }
  text.split(';').forEach((entry, index) => {
    if (entry === '') {
      return;
    }
    const first = entry.indexOf(':');
    const second = first < 0 ? -1 : entry.indexOf(':', first + 1);
    if (second < 0) {
      errors.push(new FilterListSyntaxError(entry, index, 'expected kind:mode:pattern, e.g. hide:re:^runtime\\.'));
      return;
    }
    const kind = entry.slice(0, first);
    const modeText = entry.slice(first + 1, second);
    const mode = Object.prototype.hasOwnProperty.call(MODES, modeText) ? MODES[modeText] : undefined;
    if (!KINDS.has(kind)) {
      errors.push(new FilterListSyntaxError(entry, index, `unknown kind "${kind}": expected hide, focus or ignore`));
      return;
    }
    if (!mode) {
      errors.push(new FilterListSyntaxError(entry, index, `unknown mode "${modeText}": expected re or exact`));
      return;
    }
    const pattern = unescapePattern(entry.slice(second + 1));
    if (pattern === undefined) {
      errors.push(
        new FilterListSyntaxError(entry, index, 'malformed %-escape in the pattern: write % as %25 and ; as %3B')
      );
      return;
    }
    filters.push({ kind: kind as FrameFilterKind, mode, pattern });
  });
  return { filters, errors };
}

function escapePattern(pattern: string): string {
  return pattern.replace(/[%;]/g, (c) => (c === '%' ? '%25' : '%3B'));
}

/** Decodes `%XX` runs as UTF-8; undefined when a `%` starts no valid escape. */
function unescapePattern(text: string): string | undefined {
  let ok = true;
  const decoded = text.replace(/(?:%[0-9A-Fa-f]{2})+|%/g, (run) => {
    if (run === '%') {
      ok = false;
      return run;
    }
    try {
      return decodeURIComponent(run);
    } catch {
      ok = false;
      return run;
    }
  });
  return ok ? decoded : undefined;
}
