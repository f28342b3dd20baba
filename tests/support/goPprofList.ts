import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { quoteMeta } from '../../src/model/goRegexp';
import { goHome, readPprofValue, runGo, type PprofValue } from './goPprof';

/**
 * `go tool pprof -list` as a test oracle for the per-line view of a function.
 *
 * pprof prints a function's lines only when it can open the source files; without them each `ROUTINE` header is
 * followed by an error. The profiles' sources (a Go toolchain at a Homebrew path, a third-party module) are not on
 * this machine, and the numbers do not depend on the text, so the helper runs pprof twice:
 * 1. as is, to learn each routine's original file name and its header totals;
 * 2. with stand-in sources: for every file, a file of empty lines under a temporary directory at the same relative
 *    path, found through `-source_path=<dir> -trim_path=/` (pprof then prints the file names without the leading
 *    slash; the helper maps them back to the names of run 1).
 * Rows whose flat and cum are both `.` are context lines around the samples and are dropped.
 */

/** One `-list` line with samples. */
export interface PprofListRow {
  readonly line: number;
  readonly flat: PprofValue;
  readonly cum: PprofValue;
}

/** One `ROUTINE ======== <name> in <file>` block. */
export interface PprofRoutine {
  readonly name: string;
  /** As the profile names it (before `-trim_path`). */
  readonly file: string;
  readonly flat: PprofValue;
  readonly cum: PprofValue;
  /** Rows with samples, in printed (line) order. */
  readonly rows: readonly PprofListRow[];
}

export interface PprofList {
  readonly total: PprofValue;
  readonly routines: readonly PprofRoutine[];
  readonly command: string;
}

export interface PprofListOptions {
  sampleUnit: string;
  sampleIndex?: string | number;
  /**
   * More flags, such as `-focus=…` (`pprofFlags` of frame filters). `-relative_percentages` is always given, so that
   * `Total:` is the total after the filters.
   */
  flags?: readonly string[];
}

/** Lines a stand-in source file has: more than any line number of our fixtures plus pprof's 5-line margin. */
const STAND_IN_LINES = 20_000;

/** Runs `go tool pprof -list '^<quoted name>$'` on `file` and returns its routines with their sampled rows. */
export function pprofList(file: string, functionName: string, options: PprofListOptions): PprofList {
  const base = ['tool', 'pprof', '-symbolize=none', '-relative_percentages', ...(options.flags ?? [])];
  if (options.sampleIndex !== undefined) {
    base.push(`-sample_index=${options.sampleIndex}`);
  }
  const list = `-list=^${quoteMeta(functionName)}$`;
  const path = resolve(file);
  const first = parsePprofList(runGo([...base, list, path]), options.sampleUnit);
  const sources = mkdtempSync(join(goHome(), 'sources-'));
  try {
    const lines = '\n'.repeat(STAND_IN_LINES);
    for (const routine of first.routines) {
      const target = join(sources, routine.file.replace(/^\/+/, ''));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, lines);
    }
    const args = [...base, `-source_path=${sources}`, '-trim_path=/', list, path];
    const command = `go ${args.join(' ')}`;
    const second = parsePprofList(runGo(args), options.sampleUnit, command);
    const routines = second.routines.map((routine) => {
      const original = first.routines.find(
        (r) => r.name === routine.name && r.file.replace(/^\/+/, '') === routine.file
      );
      if (!original) {
        throw new Error(`routine ${routine.name} in ${routine.file} of ${command} is not in the first run`);
      }
      return { ...routine, file: original.file };
    });
    return { total: second.total, routines, command };
  } finally {
    rmSync(sources, { recursive: true, force: true });
  }
}

const TOTAL = /^Total: (\S+)$/;
const ROUTINE = /^ROUTINE =+ (.*) in (.*)$/;
const SUMS = /^\s*(\S+)\s+(\S+) \(flat, cum\)\s+\S+% of Total$/;
const ROW = /^\s*(\S+)\s+(\S+)\s+(\d+):/;

/** Parses `-list` output (exported for its own tests). A `.` value reads as 0. */
export function parsePprofList(text: string, sampleUnit: string, command = 'go tool pprof -list'): PprofList {
  const value = (s: string) => readPprofValue(s === '.' ? '0' : s, sampleUnit);
  const lines = text.split('\n');
  const total = lines.map((l) => TOTAL.exec(l.trim())).find((m) => m !== null);
  if (!total) {
    throw new Error(`no "Total:" line in the output of ${command}:\n${text}`);
  }
  const routines: Array<{ name: string; file: string; flat: PprofValue; cum: PprofValue; rows: PprofListRow[] }> = [];
  for (let i = 0; i < lines.length; i++) {
    const routine = ROUTINE.exec(lines[i]);
    if (routine) {
      const sums = SUMS.exec(lines[i + 1] ?? '');
      if (!sums) {
        throw new Error(`no "(flat, cum)" line after "${lines[i]}" in ${command}`);
      }
      routines.push({ name: routine[1], file: routine[2], flat: value(sums[1]), cum: value(sums[2]), rows: [] });
      i++;
      continue;
    }
    const row = ROW.exec(lines[i]);
    if (row && routines.length > 0 && !(row[1] === '.' && row[2] === '.')) {
      routines[routines.length - 1].rows.push({ line: Number(row[3]), flat: value(row[1]), cum: value(row[2]) });
    }
  }
  return { total: value(total[1]), routines, command };
}
