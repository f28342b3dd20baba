import type { NoLinesReason, PprofLines } from '../../model/pprofLines';
import { formatShare, formatValue } from '../../model/units';

/**
 * What the Lines view shows, as plain data: one row per source line with its values, shares and how hot it is, the
 * function's totals, and the sentence for a profile without line numbers. Pure, so it is tested without React.
 */

export interface LinesTableRow {
  /** Unique per row: file and line. */
  key: string;
  /** The whole file name, as the profile has it. */
  file: string;
  /** The file name shortened to its last two parts (`runtime/proc.go`), for the table cell. */
  shortFile: string;
  line: number;
  /** Exact values in the profile's unit (for tooltips and tests). */
  flatValue: number;
  cumValue: number;
  flat: string;
  cum: string;
  flatShare: string;
  cumShare: string;
  /** cum over the largest cum of the function's rows, 0..1: how hot the line is, for emphasis. */
  heat: number;
  /** The line holds at least half of the function's hottest line (by cum), or any of its flat if the most flat. */
  hot: boolean;
}

export interface LinesSummary {
  rows: LinesTableRow[];
  /** `flat 10ms (2.13%) · cum 420ms (89.36%) of 470ms`. */
  totals: string;
  /** The number of source files the rows come from. */
  fileCount: number;
}

/** Heat at or above which a line is emphasised. */
export const HOT_HEAT = 0.5;

/** The rows and totals of `lines`; shares are of the profile's total (pprof's `Total:`). */
export function linesSummary(lines: PprofLines): LinesSummary {
  const { unit, total } = lines;
  const maxCum = lines.rows.reduce((m, r) => Math.max(m, r.cum), 0);
  const maxFlat = lines.rows.reduce((m, r) => Math.max(m, r.flat), 0);
  const rows = lines.rows.map((r) => {
    const heat = maxCum > 0 ? r.cum / maxCum : 0;
    return {
      key: `${r.file}:${r.line}`,
      file: r.file,
      shortFile: shortFileName(r.file),
      line: r.line,
      flatValue: r.flat,
      cumValue: r.cum,
      flat: r.flat === 0 ? '.' : formatValue(r.flat, unit),
      cum: r.cum === 0 ? '.' : formatValue(r.cum, unit),
      flatShare: formatShare(r.flat, total),
      cumShare: formatShare(r.cum, total),
      heat,
      hot: heat >= HOT_HEAT || (maxFlat > 0 && r.flat === maxFlat),
    };
  });
  const totals =
    `flat ${formatValue(lines.flat, unit)} (${formatShare(lines.flat, total)}) · ` +
    `cum ${formatValue(lines.cum, unit)} (${formatShare(lines.cum, total)}) of ${formatValue(total, unit)}`;
  return { rows, totals, fileCount: lines.files.length };
}

/** The last two parts of a path: enough to tell `runtime/proc.go` from `main/proc.go`, short enough for a cell. */
export function shortFileName(file: string): string {
  const parts = file.split('/').filter((p) => p !== '');
  return parts.length <= 2 ? file : parts.slice(-2).join('/');
}

/** What the view says instead of rows. */
export function noLinesMessage(reason: NoLinesReason, functionName: string): string {
  switch (reason) {
    case 'profile-has-no-lines':
      return (
        'This profile has no line numbers: the server keeps function names only, so there are no source lines ' +
        'to show. The flame graph and the table show the same functions.'
      );
    case 'function-has-no-lines':
      return `The profile has no line numbers for ${functionName} (no source file, or only line 0).`;
    case 'function-not-found':
      return `No sample of the downloaded profile passes through ${functionName}.`;
  }
}
